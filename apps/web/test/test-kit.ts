/**
 * Test support (never imported by app code): the real Kanjo server in
 * process, and "devices" — each a fake-indexeddb database with its own
 * SyncEngine — whose fetch goes to `app.request()`.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MutationName, Organization, Write } from '@kanjo/core';
import { CommitSeam, createApp, LoginThrottle, openDatabase, uuidv7 } from '@kanjo/server';
import type { User } from '$lib/auth/auth-api';
import type { LocalIdentity } from '$lib/db/local-context';
import { mutateLocal } from '$lib/db/mutate';
import { createDatabase, type KanjoDB } from '$lib/db/schema';
import { SyncEngine, type SyncStatus, type Timers } from '$lib/sync/engine';
import { DexieStore } from '$lib/sync/local-store';
import { createSyncApi, type FetchLike } from '$lib/sync/sync-api';

export const ORIGIN = 'http://127.0.0.1:8787';

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** The real app on a fresh SQLite file. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-web-sync-'));
  const { db, sqlite } = await openDatabase({ filename: join(dir, 'kanjo.sqlite') });
  let now = new Date('2026-11-20T01:00:00.000Z').getTime();
  const log = { info() {}, error() {} };
  const app = createApp({
    db,
    clock: () => new Date(now),
    newId: () => uuidv7(),
    throttle: new LoginThrottle(),
    log,
    commits: new CommitSeam(log),
  });
  return {
    app,
    db,
    close: () => sqlite.close(),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface Account {
  cookie: string;
  user: User;
  organization: Organization;
}

/** Signs up a new organization; returns the owner's session cookie and identity. */
export async function signUp(server: TestServer): Promise<Account> {
  const res = await server.app.request(`${ORIGIN}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organizationName: 'Kanjo Test KK',
      email: `owner-${uuidv7()}@example.com`,
      password: 'correct horse battery',
      baseCurrency: 'JPY',
    }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { user: User; organization: Organization };
  return { cookie, user: me.user, organization: me.organization };
}

/** Invites a member of `role` into the owner's organization and signs them in through the invitation. */
export async function inviteMember(
  server: TestServer,
  owner: Account,
  role: 'admin' | 'accountant' | 'sales',
): Promise<Account> {
  const invite = await serverFetch(server, owner.cookie)('/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${role}-${uuidv7()}@example.com`, role }),
  });
  const { invitation } = (await invite.json()) as { invitation: { token: string } };
  const joined = await server.app.request(`${ORIGIN}/api/auth/accept-invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: invitation.token, password: 'a long enough password' }),
  });
  if (joined.status !== 201) throw new Error(`invite failed: ${joined.status}`);
  const cookie = (joined.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await joined.json()) as Omit<Account, 'cookie'>;
  return { cookie, user: me.user, organization: owner.organization };
}

/** A browser's fetch to the in-process server, with the session cookie. */
export function serverFetch(server: TestServer, cookie: string): FetchLike {
  return async (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    return server.app.request(`${ORIGIN}${url}`, { ...init, headers });
  };
}

/** Timers that never fire on their own: tests drive syncs explicitly. */
export function manualTimers(): Timers & { pending: number } {
  const handles = new Set<number>();
  let next = 0;
  return {
    setTimeout: () => {
      handles.add(++next);
      return next;
    },
    clearTimeout: (handle) => {
      if (typeof handle === 'number') handles.delete(handle);
    },
    get pending() {
      return handles.size;
    },
  };
}

export interface Device {
  db: KanjoDB;
  engine: SyncEngine;
  status: Partial<SyncStatus>;
  timers: ReturnType<typeof manualTimers>;
  mutate(name: MutationName, entityId: string, args?: unknown): Promise<Write[]>;
}

/** One browser database with its engine. */
export async function makeDevice({
  account,
  fetch,
  pullLimit,
  now = () => new Date('2026-11-20T02:00:00.000Z'),
}: {
  account: Pick<Account, 'user' | 'organization'>;
  fetch: FetchLike;
  pullLimit?: number;
  now?: () => Date;
}): Promise<Device> {
  const db = createDatabase(`${account.user.id}-${uuidv7()}`);
  await db.open();
  const identity: LocalIdentity = {
    organization: account.organization,
    actor: { userId: account.user.id, role: account.user.role },
  };
  const status: Partial<SyncStatus> = {};
  const timers = manualTimers();
  const engine = new SyncEngine({
    store: new DexieStore(db, identity, now),
    api: createSyncApi({ fetch }),
    clock: now,
    timers,
    onStatus: (patch) => Object.assign(status, patch),
    ...(pullLimit !== undefined ? { pullLimit } : {}),
  });
  return {
    db,
    engine,
    status,
    timers,
    mutate: async (name, entityId, args = {}) =>
      (await mutateLocal(db, identity, { name, entityId, args, now: now() })).writes,
  };
}

/** A test organization (what GET /api/me returns). */
export function makeOrganization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: 'org-1',
    name: 'Kanjo KK',
    baseCurrency: 'JPY',
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    roundingMode: 'halfUp',
    numbering: { invoicePrefix: 'INV-', quotePrefix: 'QT-', salesOrderPrefix: 'SO-' },
    customerFields: [],
    ...overrides,
  };
}

/** The typed entity factories every test uses, from core. */
export { customerArgs, invoiceArgs } from '@kanjo/core/testing';
