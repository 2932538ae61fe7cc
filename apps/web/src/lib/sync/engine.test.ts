import {
  customerArgs,
  invoiceArgs,
  makeDevice,
  serverFetch,
  signUp,
  startServer,
  type Account,
  type TestServer,
} from '../../../test/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/db/ids';
import { getMeta, setMeta } from '$lib/db/meta';
import { DexieStore } from './local-store';
import type { FetchLike } from './sync-api';

let server: TestServer;
let account: Account;
let fetch: FetchLike;

beforeEach(async () => {
  server = await startServer();
  account = await signUp(server);
  fetch = serverFetch(server, account.cookie);
});
afterEach(() => server.close());

/** An issued invoice for ¥10,000 that `device` created and synced. */
async function issuedInvoice(device: Awaited<ReturnType<typeof makeDevice>>) {
  const customerId = uuidv7();
  const invoiceId = uuidv7();
  await device.mutate('customer.create', customerId, customerArgs());
  await device.mutate('invoice.create', invoiceId, invoiceArgs(customerId));
  await device.mutate('invoice.issue', invoiceId, {});
  expect(await device.engine.sync()).toEqual({ ok: true });
  return invoiceId;
}

describe('SyncEngine', () => {
  it('pushes the outbox, pulls the server rows and numbers issued invoices', async () => {
    const device = await makeDevice({ account, fetch });
    const invoiceId = await issuedInvoice(device);
    expect(await device.db._outbox.count()).toBe(0);
    expect(await device.db._base.count()).toBe(0);
    const invoice = await device.db.invoices.get(invoiceId);
    expect(invoice?.number).toMatch(/^INV-/);
    expect(invoice?.version).toBeGreaterThan(0);
    expect(device.status).toMatchObject({ pending: 0, error: null, syncing: false });
  });

  it('rebases a pending payment on new server rows without applying it twice', async () => {
    let pushes = true;
    // Pushes "lost in the network" until `pushes` is set again.
    const flaky: FetchLike = (url, init) =>
      !pushes && url.startsWith('/api/sync/push')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(url, init);
    const device = await makeDevice({ account, fetch: flaky });
    const other = await makeDevice({ account, fetch });
    const invoiceId = await issuedInvoice(device);
    expect(await other.engine.sync()).toEqual({ ok: true });

    const paymentId = uuidv7();
    await device.mutate('payment.record', paymentId, {
      invoiceId,
      amount: 3000,
      date: '2026-11-21',
    });
    expect((await device.db.invoices.get(invoiceId))?.amountPaid).toBe(3000);

    // Someone else edits the invoice; this device pulls it while its payment is still pending.
    await other.mutate('invoice.patch', invoiceId, { notes: 'Thank you' });
    expect(await other.engine.sync()).toEqual({ ok: true });
    pushes = false;
    const cursor = (await getMeta(device.db, 'cursor')) ?? 0;
    const page = await (await flaky(`/api/sync/pull?cursor=${cursor}&clientId=x`, {})).json();
    expect(page.changes.map((c: { entity: string }) => c.entity)).toContain('invoice');
    await new DexieStore(device.db, {
      organization: account.organization,
      actor: { userId: account.user.id, role: account.user.role },
    }).applyPull(page);

    const rebased = await device.db.invoices.get(invoiceId);
    expect(rebased).toMatchObject({
      notes: 'Thank you',
      amountPaid: 3000,
      status: 'partially_paid',
    });
    expect(await device.db._outbox.count()).toBe(1);

    // Delivered and confirmed: still exactly one payment's worth.
    pushes = true;
    expect(await device.engine.sync()).toEqual({ ok: true });
    expect(await device.db._outbox.count()).toBe(0);
    expect(await device.db.invoices.get(invoiceId)).toMatchObject({ amountPaid: 3000 });
    expect(await device.db.payments.count()).toBe(1);
    expect(await other.engine.sync()).toEqual({ ok: true });
    expect(await other.db.invoices.get(invoiceId)).toEqual(await device.db.invoices.get(invoiceId));
  });

  it('on a lost push response, settles the edit once through the pull', async () => {
    let loseResponses = true;
    const lossy: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
      if (loseResponses && url.startsWith('/api/sync/push'))
        throw new TypeError('connection reset');
      return res;
    };
    const device = await makeDevice({ account, fetch: lossy });
    const invoiceId = await (async () => {
      loseResponses = false;
      const id = await issuedInvoice(device);
      loseResponses = true;
      return id;
    })();
    await device.mutate('payment.record', uuidv7(), {
      invoiceId,
      amount: 2500,
      date: '2026-11-21',
    });
    const failed = await device.engine.sync();
    expect(failed.ok).toBe(false);
    expect(device.status.error).toBe('NETWORK');
    expect(device.timers.pending).toBe(1); // a retry is scheduled (backoff)
    loseResponses = false;
    expect(await device.engine.sync()).toEqual({ ok: true });
    expect(await device.db.invoices.get(invoiceId)).toMatchObject({ amountPaid: 2500 });
    expect(await device.db.payments.count()).toBe(1);
  });

  it('requests the next page while it applies the current one, and applies them in order', async () => {
    const seeder = await makeDevice({ account, fetch });
    for (const displayName of ['A', 'B', 'C']) {
      await seeder.mutate('customer.create', uuidv7(), customerArgs({ displayName }));
    }
    expect(await seeder.engine.sync()).toEqual({ ok: true });
    const log: string[] = [];
    const watching: FetchLike = (url, init) => {
      if (url.startsWith('/api/sync/pull')) {
        log.push(`request ${new URLSearchParams(url.split('?')[1]).get('cursor')}`);
      }
      return fetch(url, init);
    };
    const device = await makeDevice({ account, fetch: watching, pullLimit: 1 });
    // Each page stores its cursor as the last write of its transaction.
    device.db._meta.hook('creating', (key, row) => {
      if (key === 'cursor') log.push(`apply ${String(row.value)}`);
    });
    device.db._meta.hook('updating', (mods, key) => {
      if (key === 'cursor' && 'value' in mods) log.push(`apply ${String(mods.value)}`);
    });

    expect(await device.engine.sync()).toEqual({ ok: true });
    const applied = log.filter((line) => line.startsWith('apply ')).map((line) => line.slice(6));
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(applied.map(Number)).toEqual(applied.map(Number).sort((a, b) => a - b));
    for (const cursor of applied.slice(0, -1)) {
      expect(log.indexOf(`request ${cursor}`)).toBeLessThan(log.indexOf(`apply ${cursor}`));
    }
    const names = (await device.db.customers.toArray()).map((c) => c.displayName);
    expect(names.sort()).toEqual(['A', 'B', 'C']);
  });

  it('stops on 401 and leaves the outbox untouched', async () => {
    const expired: FetchLike = () =>
      Promise.resolve(
        Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in.' } }, { status: 401 }),
      );
    const device = await makeDevice({ account, fetch: expired });
    await device.mutate('customer.create', uuidv7(), customerArgs());
    const before = await device.db._outbox.toArray();
    const result = await device.engine.sync();
    expect(result.ok).toBe(false);
    expect(device.status.needsLogin).toBe(true);
    expect(device.engine.needsLogin).toBe(true);
    expect(await device.db._outbox.toArray()).toEqual(before);
    expect(device.timers.pending).toBe(0);
    device.engine.schedule(0);
    expect(device.timers.pending).toBe(0);
  });

  it('on 410 resets the cursor, resyncs from 0 and keeps the outbox', async () => {
    // Pushes settle nothing, so the edit stays pending through the resync.
    const stalled: FetchLike = (url, init) =>
      url.startsWith('/api/sync/push')
        ? Promise.resolve(Response.json({ lastSeq: 0, results: [], cursor: 0 }))
        : fetch(url, init);
    const seeder = await makeDevice({ account, fetch });
    await issuedInvoice(seeder);
    const device = await makeDevice({ account, fetch: stalled });
    expect(await device.engine.sync()).toEqual({ ok: true });
    const customerId = uuidv7();
    await device.mutate('customer.create', customerId, customerArgs({ displayName: 'Pending' }));
    await setMeta(device.db, 'cursor', 10_000); // beyond the server's seq: 410
    await device.db.items.put({
      id: 'stale',
      name: 'Gone',
      rate: 1,
      active: true,
      version: 1,
    } as never);

    expect(await device.engine.sync()).toEqual({ ok: true });
    expect(await getMeta(device.db, 'cursor')).toBeLessThan(10_000);
    expect(await device.db._outbox.count()).toBe(1);
    expect(await device.db.customers.get(customerId)).toMatchObject({ displayName: 'Pending' });
    expect(await device.db.items.get('stale')).toBeUndefined();
    expect(await device.db.invoices.count()).toBe(1);
  });
});
