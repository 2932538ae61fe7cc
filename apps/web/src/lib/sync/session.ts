import Dexie from 'dexie';
import type { ConflictResolution, MutationName, Organization, Write } from '@kanjo/core';
import { onUnauthorized } from '$lib/http/client';
import { getMe, type Me, type User } from '$lib/auth/auth-api';
import { offlineSession } from './offline-session';
import { uuidv7 } from '$lib/db/ids';
import type { LocalIdentity } from '$lib/db/local-context';
import { getMeta, setMeta } from '$lib/db/meta';
import { mutateLocal } from '$lib/db/mutate';
import { createDatabase, databaseName, type KanjoDB } from '$lib/db/schema';
import { startBrowserSync } from './browser-triggers';
import { SyncEngine, type SyncStatus } from './engine';
import { DexieStore } from './local-store';
import { logoutDevice, type LogoutResult } from './logout';
import { saveUnsentAndWipe, sessionEnded } from './session-end';
import { resetSyncState, updateSyncState } from './state.svelte';
import { createSyncApi, type SyncApi } from './sync-api';
import { browserStorage } from './unsent-export';

interface Session {
  userId: string;
  db: KanjoDB;
  identity: LocalIdentity;
  engine: SyncEngine;
  api: SyncApi;
  stopTriggers: () => void;
}

// The one piece of module state: the signed-in user's open database and engine.
let current: Session | undefined;
let opening: { userId: string; promise: Promise<KanjoDB> } | undefined;

/**
 * Opens (or creates) the signed-in user's database, records who they are,
 * and starts syncing. Calling it again for the same user refreshes the
 * organization settings and restarts a sync stopped by a 401.
 *
 * @example const db = await openLocal({ user: me.user, organization: me.organization });
 */
export async function openLocal({
  user,
  organization,
}: {
  user: User;
  organization: Organization;
}): Promise<KanjoDB> {
  const identity: LocalIdentity = { organization, actor: { userId: user.id, role: user.role } };
  if (current?.userId === user.id) {
    current.identity.organization = organization;
    current.identity.actor = identity.actor;
    if (current.engine.needsLogin) {
      current.engine.resume();
      current.engine.schedule(0);
    }
    await rememberIdentity(current.db, user, organization);
    return current.db;
  }
  if (opening?.userId === user.id) return opening.promise;
  const promise = openSession(user, organization, identity);
  opening = { userId: user.id, promise };
  try {
    return await promise;
  } finally {
    opening = undefined;
  }
}

async function openSession(
  user: User,
  organization: Organization,
  identity: LocalIdentity,
): Promise<KanjoDB> {
  closeLocal();
  requestPersistence();
  const db = createDatabase(user.id);
  // Another tab deleting the database (its session ended) closes it here: check ours too.
  db.on('versionchange', () => void checkSession(user.id));
  await db.open();
  await rememberIdentity(db, user, organization);
  const api = createSyncApi({ fetch: (url, init) => globalThis.fetch(url, init) });
  const check = () => void checkSession(user.id);
  const onStatus = (patch: Partial<SyncStatus>) => {
    // A good sync is the server confirming the session: the offline bound starts over.
    if (patch.lastSyncAt) offlineSession.confirm(user.id);
    updateSyncState(patch);
  };
  const engine = new SyncEngine({
    store: new DexieStore(db, identity),
    api,
    onStatus,
    onUnauthorized: check,
    exclusive: (cycle) => exclusive(`kanjo-sync-${user.id}-cycle`, cycle),
  });
  const stopSync = startBrowserSync({ engine, db, userId: user.id, onStatus: updateSyncState });
  const stopListening = onUnauthorized(check);
  const stopTriggers = () => {
    stopListening();
    stopSync();
  };
  current = { userId: user.id, db, identity, engine, api, stopTriggers };
  return db;
}

/**
 * Stores who is signed in. Every page load passes here with what is
 * already stored: then nothing is written, as a durable write waits on the
 * disk before the first page can render.
 */
async function rememberIdentity(db: KanjoDB, user: User, organization: Organization) {
  const stored = await db.transaction('r', db._meta, () =>
    Promise.all([getMeta(db, 'user'), getMeta(db, 'organization')]),
  );
  if (JSON.stringify(stored) === JSON.stringify([user, organization])) return;
  await db.transaction('rw', db._meta, async () => {
    await setMeta(db, 'user', user);
    await setMeta(db, 'organization', organization);
  });
}

/** The open database; throws when none is open (pages render only after openLocal). */
export function local(): KanjoDB {
  if (!current) throw new Error('The local database is not open: call openLocal() first.');
  return current.db;
}

/** Stops syncing and closes the database (data stays on the device). */
export function closeLocal(): void {
  if (!current) return;
  current.stopTriggers();
  current.engine.stop();
  current.db.close();
  current = undefined;
  resetSyncState();
}

/** Deletes the user's database from this device. */
export async function wipeLocal(userId: string): Promise<void> {
  if (current?.userId === userId) closeLocal();
  await Dexie.delete(databaseName(userId));
}

/** A new UUIDv7 for a record made on this device. */
export function newId(): string {
  return uuidv7();
}

/**
 * Runs a named mutation locally and queues it for the server, in one
 * transaction; resolves once both are committed, so the edit is saved.
 * A refusal throws core's DomainError unchanged (nothing written).
 *
 * @example await mutate('invoice.patch', invoice.id, { notes: 'Thanks!' });
 */
export async function mutate(
  name: MutationName,
  entityId: string,
  args: unknown,
): Promise<Write[]> {
  const session = requireSession();
  const { writes } = await mutateLocal(session.db, session.identity, {
    name,
    entityId,
    args,
    now: new Date(),
  });
  session.engine.schedule();
  return writes;
}

/** Syncs now and waits for it; the outcome shows in `syncState` (no throw when offline). */
export async function syncNow(): Promise<void> {
  if (!current) return;
  current.engine.schedule(0, { urgent: true });
  await current.engine.sync();
}

/**
 * Resolves a conflict on the server (online only: throws when unreachable);
 * the resolved conflict and any row it changed arrive with the next pull.
 */
export async function resolveConflict(id: string, keep: ConflictResolution): Promise<void> {
  const session = requireSession();
  await session.api.resolveConflict(id, keep);
  await session.engine.sync();
}

/**
 * Logout: with nothing pending, wipes the local database. With pending
 * edits it syncs first; if some are still unsent it refuses (`ok: false`)
 * unless `force`, which discards them.
 */
export async function logoutLocal({ force }: { force: boolean }): Promise<LogoutResult> {
  const session = current;
  if (!session) return { ok: true };
  const { db, engine, userId } = session;
  return logoutDevice({ db, engine, force, wipe: () => wipeLocal(userId) });
}

type SessionEndedListener = (userId: string) => void;
const endedListeners = new Set<SessionEndedListener>();
let checking: Promise<void> | undefined;

/** Calls `listener` after a session ended on this device (the shell then goes to /login). */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/**
 * After a 401: asks the server who is signed in and, only if it answers that
 * `userId` is not, ends their session here. Offline or a 5xx ends nothing.
 */
export function checkSession(userId: string): Promise<void> {
  checking ??= (async () => {
    try {
      if (await sessionEnded(userId, getMe)) await endDeviceSession(userId);
    } catch {
      // The server could not answer: the data stays until it can.
    } finally {
      checking = undefined;
    }
  })();
  return checking;
}

/**
 * The server answered who is signed in (`me`, null for nobody): a cached
 * session of anyone else has ended, and its data leaves this device.
 */
export async function settleCachedSession(me: Me | null): Promise<void> {
  const cached = offlineSession.last();
  if (cached && cached.user.id !== me?.user.id) await endDeviceSession(cached.user.id);
}

/**
 * Ends `userId`'s session on this device: their unsent edits are saved for the
 * login page's download, then their database and cached session are removed.
 */
export async function endDeviceSession(userId: string): Promise<void> {
  // Never open a database that is gone (another tab wiped it): opening would create it again.
  const exists = await Dexie.exists(databaseName(userId));
  const db = !exists ? null : current?.userId === userId ? current.db : createDatabase(userId);
  if (db) {
    if (!db.isOpen()) await db.open();
    const user = asUser(await getMeta(db, 'user')) ?? offlineSession.last()?.user;
    await saveUnsentAndWipe({
      db,
      user: { id: userId, email: user?.email ?? '', organizationId: user?.organizationId ?? '' },
      storage: browserStorage(),
      wipe: async () => {
        db.close();
        await wipeLocal(userId);
      },
    });
  }
  if (offlineSession.last()?.user.id === userId) offlineSession.forget();
  for (const listener of endedListeners) listener(userId);
}

function asUser(value: unknown): Pick<User, 'email' | 'organizationId'> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { email, organizationId } = value as Record<string, unknown>;
  return typeof email === 'string' && typeof organizationId === 'string'
    ? { email, organizationId }
    : undefined;
}

function requireSession(): Session {
  if (!current) throw new Error('The local database is not open: call openLocal() first.');
  return current;
}

function requestPersistence(): void {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  // Best effort: a browser that says no still keeps the data until storage pressure.
  void navigator.storage.persist().catch(() => false);
}

async function exclusive<T>(name: string, cycle: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(name, cycle) : cycle();
}
