import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { getMe } from '$lib/auth/auth-api';
import { uuidv7 } from '$lib/db/ids';
import { createDatabase } from '$lib/db/schema';
import { SyncEngine } from './engine';
import { DexieStore } from './local-store';
import { saveUnsentAndWipe, sessionEnded } from './session-end';
import { createSyncApi, type FetchLike } from './sync-api';
import {
  customerArgs,
  inviteMember,
  makeDevice,
  makeOrganization,
  manualTimers,
  serverFetch,
  signUp,
  startServer,
  type TestServer,
} from '../../../test/test-kit';
import { readUnsent, unsentCount, type KeyValueStorage } from './unsent-export';

/** localStorage's contract, in memory (Node has none). */
class MemoryStorage implements KeyValueStorage {
  readonly #items = new Map<string, string>();
  getItem = (key: string) => this.#items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#items.set(key, value);
  removeItem = (key: string) => void this.#items.delete(key);
}

/** The app's own getMe, its fetch going to the in-process server with `cookie`. */
function whoIsSignedIn(server: TestServer, cookie: string) {
  return () => {
    vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) =>
      serverFetch(server, cookie)(url, init),
    );
    return getMe();
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the end of a session on a device', () => {
  it('a disabled user: the server says so, the unsent edit is saved, the database is gone', async () => {
    const server = await startServer();
    const owner = await signUp(server);
    const sales = await inviteMember(server, owner, 'sales');
    const device = await makeDevice({ account: sales, fetch: serverFetch(server, sales.cookie) });
    expect(await device.engine.sync()).toEqual({ ok: true });
    const edited = uuidv7();
    await device.mutate('customer.create', edited, customerArgs({ displayName: 'Unsent Co' }));

    const disable = await serverFetch(server, owner.cookie)(`/api/users/${sales.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    const failed = await device.engine.sync();
    expect(failed.ok ? 0 : failed.error.status).toBe(401);
    expect(await sessionEnded(sales.user.id, whoIsSignedIn(server, sales.cookie))).toBe(true);

    const storage = new MemoryStorage();
    const saved = await saveUnsentAndWipe({
      db: device.db,
      user: sales.user,
      storage,
      wipe: () => device.db.delete(),
    });
    expect(saved).toBe(1);
    expect(await Dexie.exists(device.db.name)).toBe(false);
    const file = readUnsent(storage);
    expect(unsentCount(file)).toBe(1);
    expect(file?.exports[0]).toMatchObject({
      userId: sales.user.id,
      email: sales.user.email,
      changes: [{ name: 'customer.create', entityId: edited, args: { displayName: 'Unsent Co' } }],
    });
    server.close();
  });

  it('a logged-out session has ended; a 401 older than a new login of the same user has not', async () => {
    const server = await startServer();
    const owner = await signUp(server);
    const logout = await serverFetch(server, owner.cookie)('/api/auth/logout', { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(await sessionEnded(owner.user.id, whoIsSignedIn(server, owner.cookie))).toBe(true);

    // Another user signed in in this browser: the old user's session here has ended too.
    const other = await signUp(server);
    expect(await sessionEnded(owner.user.id, whoIsSignedIn(server, other.cookie))).toBe(true);
    // The same user is signed in (the 401 came from a stale request): nothing ends.
    expect(await sessionEnded(other.user.id, whoIsSignedIn(server, other.cookie))).toBe(false);
    server.close();
  });

  it('ends nothing when the server cannot answer (offline or a 5xx)', async () => {
    const offline = () => Promise.reject(new NetworkError(new TypeError('Failed to fetch')));
    await expect(sessionEnded('u', offline)).rejects.toBeInstanceOf(NetworkError);
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json({ error: { code: 'INTERNAL', message: 'Down.' } }, { status: 500 }),
      ),
    );
    await expect(sessionEnded('u', getMe)).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('Bad gateway', { status: 502 })));
    await expect(sessionEnded('u', getMe)).rejects.toBeInstanceOf(ApiError);
  });

  it('keeps earlier sessions’ saved edits and wipes even when storage refuses them', async () => {
    const server = await startServer();
    const owner = await signUp(server);
    const storage = new MemoryStorage();
    for (const name of ['First', 'Second']) {
      const device = await makeDevice({ account: owner, fetch: serverFetch(server, '') });
      await device.mutate('customer.create', uuidv7(), customerArgs({ displayName: name }));
      await saveUnsentAndWipe({
        db: device.db,
        user: owner.user,
        storage,
        wipe: () => device.db.delete(),
      });
    }
    expect(unsentCount(readUnsent(storage))).toBe(2);

    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const device = await makeDevice({ account: owner, fetch: serverFetch(server, '') });
    await device.mutate('customer.create', uuidv7(), customerArgs());
    await saveUnsentAndWipe({
      db: device.db,
      user: owner.user,
      storage: full,
      wipe: () => device.db.delete(),
    });
    expect(await Dexie.exists(device.db.name)).toBe(false);
    server.close();
  });

  it('the sync engine asks for the check on a 401 only, never on a network error or a 5xx', async () => {
    const answers: Record<string, FetchLike> = {
      network: () => Promise.reject(new TypeError('Failed to fetch')),
      server: () =>
        Promise.resolve(
          Response.json({ error: { code: 'INTERNAL', message: 'Down.' } }, { status: 500 }),
        ),
      session: () =>
        Promise.resolve(
          Response.json({ error: { code: 'SESSION_EXPIRED', message: 'Ended.' } }, { status: 401 }),
        ),
    };
    const checks: string[] = [];
    for (const [name, fetch] of Object.entries(answers)) {
      const db = createDatabase(uuidv7());
      await db.open();
      const identity = {
        organization: makeOrganization(),
        actor: { userId: 'u', role: 'sales' as const },
      };
      const engine = new SyncEngine({
        store: new DexieStore(db, identity),
        api: createSyncApi({ fetch }),
        timers: manualTimers(),
        onUnauthorized: () => checks.push(name),
      });
      expect((await engine.sync()).ok).toBe(false);
      db.close();
    }
    expect(checks).toEqual(['session']);
  });
});
