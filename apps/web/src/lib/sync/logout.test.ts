import {
  customerArgs,
  makeDevice,
  makeOrganization,
  serverFetch,
  signUp,
  startServer,
} from '../../../test/test-kit';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/db/ids';
import { logoutDevice } from './logout';
import type { FetchLike } from './sync-api';

const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));

describe('logoutDevice', () => {
  it('wipes at once when nothing is pending', async () => {
    const server = await startServer();
    const account = await signUp(server);
    const device = await makeDevice({ account, fetch: serverFetch(server, account.cookie) });
    let wiped = 0;
    const result = await logoutDevice({ ...device, force: false, wipe: async () => void wiped++ });
    expect(result).toEqual({ ok: true });
    expect(wiped).toBe(1);
    server.close();
  });

  it('syncs pending edits first, then wipes', async () => {
    const server = await startServer();
    const account = await signUp(server);
    const device = await makeDevice({ account, fetch: serverFetch(server, account.cookie) });
    const id = uuidv7();
    await device.mutate('customer.create', id, customerArgs());
    let wiped = 0;
    const result = await logoutDevice({ ...device, force: false, wipe: async () => void wiped++ });
    expect(result).toEqual({ ok: true });
    expect(wiped).toBe(1);
    const res = await serverFetch(server, account.cookie)(`/api/customers/${id}`, {
      method: 'GET',
    });
    expect(res.status).toBe(200);
    server.close();
  });

  it('offline with pending edits: refuses without force, wipes with force', async () => {
    const account = {
      user: { id: uuidv7(), organizationId: 'o', email: 'a@example.com', role: 'owner' as const },
      organization: makeOrganization(),
    };
    const device = await makeDevice({ account, fetch: offline });
    await device.mutate('customer.create', uuidv7(), customerArgs());
    let wiped = 0;
    const wipe = async () => void wiped++;
    expect(await logoutDevice({ ...device, force: false, wipe })).toEqual({
      ok: false,
      pending: 1,
    });
    expect(wiped).toBe(0);
    expect(await device.db._outbox.count()).toBe(1);
    expect(await logoutDevice({ ...device, force: true, wipe })).toEqual({ ok: true });
    expect(wiped).toBe(1);
  });
});
