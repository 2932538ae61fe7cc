import { serveEmulator, seedEmulator } from '@kanjo/crm-emulator';
import type { ZohoRecord } from '@kanjo/crm-zoho';
import Database from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import type { CrmSyncSettings } from '@kanjo/core';
import { DEFAULT_CRM_SYNC_SETTINGS } from '@kanjo/core';
import { crmClientFor } from '../src/crm/crm-clients';
import { saveSyncSettings } from '../src/crm/settings-store';
import { TestClock } from './clock';
import { Client, invitedMember, makeTestApp, signUp, type TestApp } from './helpers';

/** Calls the emulator's own API (records, faults, stats) at `url`, expecting success. */
export function emulatorCaller(url: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.ok, `${method} ${path}`).toBe(true);
    return (await res.json()) as Record<string, unknown>;
  };
}

/**
 * A sync-test context: a Kanjo org connected to its own emulator over real
 * HTTP, with the few verbs the sync tests speak (sync, CRM-side edits, counts).
 */
export async function syncContext({
  seed = 'empty',
  settings = () => undefined,
  emulatorClock,
  setUp = true,
  apiDomain,
}: {
  seed?: 'demo' | 'empty';
  settings?: (settings: CrmSyncSettings) => void;
  /** False: connected only, the rules never saved (so nothing syncs but a dry run). */
  setUp?: boolean;
  /**
   * The emulator's own clock, e.g. moved ahead to expire its access tokens.
   * By default it reads the app's clock, so one `s.t.clock.advance` moves both.
   */
  emulatorClock?: () => Date;
  /** The API host Kanjo is given, from the emulator's (e.g. a proxy that changes an answer). */
  apiDomain?: (emulatorUrl: string) => Promise<string>;
} = {}) {
  const clock = new TestClock();
  const emulatorDb = new Database(':memory:');
  const emulator = await serveEmulator({
    db: emulatorDb,
    port: 0,
    clock: emulatorClock ?? clock.now,
  });
  if (seed === 'demo')
    seedEmulator({ db: emulatorDb, clock: emulatorClock ?? clock.now, seed: 'demo' });
  const call = emulatorCaller(emulator.url);
  const t: TestApp = await makeTestApp({ clock });
  const { client: owner, email, me } = await signUp(t.app);
  const organizationId = String((me as { organization: { id: string } }).organization.id);
  const crmUser = (await call('POST', '/__emulator/clients', { email })) as Record<string, string>;
  const connect = await owner.put('/api/crm/connection', {
    email,
    apiDomain: apiDomain ? await apiDomain(emulator.url) : emulator.url,
    accountsUrl: emulator.url,
    clientId: crmUser.client_id,
    clientSecret: crmUser.client_secret,
    refreshToken: crmUser.refresh_token,
  });
  expect(connect.status, JSON.stringify(connect.json)).toBe(200);
  const chosen = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  settings(chosen);
  const now = t.deps.clock().toISOString();
  if (setUp) {
    await saveSyncSettings(t.db, { organizationId, userId: ownerId(me), now, settings: chosen });
  }
  // The connect started a notification-channel pass in the background, and this app has
  // no public URL: a pass that read the rules before they were saved would remove the
  // channels a test subscribes next. Waiting for a pass after it lets it end first.
  await t.deps.crmChannels?.maintain(t.deps, organizationId);
  const crm = () => crmClientFor(t.deps, organizationId);
  let closing: Promise<void> | undefined;

  /** Calls per route key since the emulator started. */
  const calls = async () =>
    ((await call('GET', '/__emulator/stats')) as { calls: Record<string, number> }).calls;
  /** Waits (10 s at most) until the emulator has received more than `seen` calls of a route key. */
  const called = async (key: string, seen: number) => {
    const deadline = Date.now() + 10_000;
    while (((await calls())[key] ?? 0) <= seen) {
      if (Date.now() > deadline) throw new Error(`no call of ${key} came`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  /** CRM writes (record writes, not OAuth or reads) counted so far. */
  const writeCalls = async () =>
    Object.entries(await calls())
      .filter(([key]) => /^(POST|PUT|PATCH|DELETE) \/crm\/v8\//.test(key) && !key.endsWith('/coql'))
      .reduce((sum, [, n]) => sum + n, 0);

  return {
    t,
    owner,
    organizationId,
    emulator,
    call,
    crm,
    calls,
    writeCalls,
    /** Stops the emulator; once, however often it is called. */
    close: () => (closing ??= emulator.close()),
    /** Sync now through the API and wait for the run; returns the run with all its items. */
    async sync(body: { dryRun?: boolean } = {}, { waitMs = 10_000 } = {}) {
      const started = await owner.post('/api/crm/sync', body);
      expect(started.status, JSON.stringify(started.json)).toBe(202);
      return this.finished(String(started.json.runId), { waitMs });
    },
    /**
     * A sync whose read of the module's deletions (the step between the reads
     * and the writes) is slowed: `edit` changes the CRM while it waits, a second
     * after the records the run read (Zoho keeps whole seconds).
     */
    async syncWithEditBeforeWrites(module: string, edit: () => Promise<void>) {
      const deletions = `GET /crm/v8/${module}/deleted`;
      await call('POST', '/__emulator/faults', { rules: [{ route: deletions, slowMs: 2500 }] });
      const seen = (await calls())[deletions] ?? 0;
      const started = await owner.post('/api/crm/sync', {});
      expect(started.status, JSON.stringify(started.json)).toBe(202);
      await called(deletions, seen);
      t.clock.advance(1000);
      await edit();
      const finished = await this.finished(String(started.json.runId));
      await call('DELETE', '/__emulator/faults');
      return finished;
    },
    /** Waits for a run to end (10 s unless told); returns it with all its items. */
    async finished(runId: string, { waitMs = 10_000 } = {}) {
      for (let i = 0; i < waitMs / 25; i += 1) {
        const res = await owner.get(`/api/crm/runs/${runId}?limit=500`);
        if (res.json.run.status !== 'running') return res.json as RunDetail;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`run ${runId} did not finish`);
    },
    async accounts(): Promise<ZohoRecord[]> {
      return all((await crm()).listAll('Accounts', { fields: ACCOUNT_FIELDS }));
    },
    async products(): Promise<ZohoRecord[]> {
      const fields = ['Product_Name', 'Product_Code', 'Unit_Price', 'Product_Active'];
      return all((await crm()).listAll('Products', { fields }));
    },
    async customers(): Promise<Customer[]> {
      const res = await owner.get('/api/customers?limit=200');
      return res.json.items as Customer[];
    },
    async items(): Promise<Record<string, unknown>[]> {
      return (await owner.get('/api/items?limit=200')).json.items as Record<string, unknown>[];
    },
    links: () => t.sql.all<LinkRow>('SELECT * FROM crm_links ORDER BY created_at'),
    /** A member of the organization with this role, signed in (invited by the owner). */
    async member(role: 'admin' | 'accountant' | 'sales', email = `${role}@member.example`) {
      const { client, id } = await invitedMember(t.app, owner, { email, role, name: role });
      return { client, id };
    },
  };
}

export type SyncContext = Awaited<ReturnType<typeof syncContext>>;

/**
 * A maker of sync contexts for one test file: every context a test made is
 * closed after it.
 * @example const context = useSyncContexts(); … const s = await context({ seed: 'demo' });
 */
export function useSyncContexts() {
  const open: SyncContext[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (options: Parameters<typeof syncContext>[0] = {}): Promise<SyncContext> => {
    const s = await syncContext(options);
    open.push(s);
    return s;
  };
}

export interface Customer {
  id: string;
  displayName: string;
  phone?: string;
  billingAddress?: Record<string, string>;
  [key: string]: unknown;
}

export interface LinkRow {
  entity: string;
  local_id: string;
  crm_id: string;
  status: string;
  linked_reason: string | null;
  base: string;
  held: string;
}

export interface RunItem {
  entity: string;
  localId: string | null;
  crmId: string | null;
  action: string;
  direction: string;
  changes: { field: string; before: unknown; after: unknown }[];
  reason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface RunDetail {
  run: {
    id: string;
    status: string;
    dryRun: boolean;
    error: string | null;
    apiCalls: number;
    counts: Record<string, Record<string, number>>;
  };
  items: RunItem[];
}

const ACCOUNT_FIELDS = ['Account_Name', 'Billing_City', 'Phone', 'Modified_Time'];

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

function ownerId(me: unknown): string {
  return String((me as { user: { id: string } }).user.id);
}

export { Client };
