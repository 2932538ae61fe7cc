import { describe, expect, it } from 'vitest';
import { customerArgs, invoiceArgs } from '@kanjo/core/testing';
import { uuidv7 } from '../src/ids';
import { compactChangeLog } from '../src/sync/compaction';
import { signUp } from './helpers';
import { SyncClient, makeSyncTest } from './sync-client';

const DAY = 86_400_000;

describe('pull', () => {
  it('pages by distinct entities with hasMore, each entity once with its current stored row', async () => {
    const { sync, http } = await makeSyncTest();
    const ids = [1, 2, 3, 4, 5].map(() => uuidv7());
    for (const id of ids) sync.enqueue('customer.create', id, customerArgs());
    const first = ids[0] ?? '';
    sync.enqueue('customer.patch', first, { displayName: 'Renamed' }, 1);
    sync.enqueue('customer.patch', first, { displayName: 'Renamed again' }, 6);
    await sync.push();

    const reader = new SyncClient(http);
    const pages = await reader.pullAll({ limit: 2 });
    // The last page takes customer 5 and the two later edits of customer 1 (already in it: free).
    expect(pages.map((p) => [p.json.changes.length, p.json.hasMore])).toEqual([
      [2, true],
      [2, true],
      [2, false],
    ]);
    expect(pages.at(-1)?.json.cursor).toBe(7);
    expect(reader.rows.size).toBe(5);
    expect(reader.row('customer', first)).toMatchObject({
      displayName: 'Renamed again',
      version: 7,
    });
    // The first page already carried the customer's current row (version 7), not its first state.
    expect(pages[0]?.json.changes[0]).toMatchObject({
      entity: 'customer',
      id: first,
      op: 'put',
      version: 7,
    });
  });

  it('keeps one mutation’s writes in one page and sends documents as stored rows', async () => {
    const { sync, http } = await makeSyncTest();
    const customerId = uuidv7();
    const invoiceId = uuidv7();
    const paymentId = uuidv7();
    sync.enqueue('customer.create', customerId, customerArgs());
    sync.enqueue('invoice.create', invoiceId, invoiceArgs(customerId));
    sync.enqueue('invoice.issue', invoiceId, {}, 2);
    sync.enqueue('payment.record', paymentId, { invoiceId, amount: 1000, date: '2026-11-21' }, 0);
    const pushed = await sync.push();
    expect(pushed.json.results.map((r: any) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);

    const reader = new SyncClient(http);
    const page = await reader.pull({ cursor: 3, limit: 1 });
    // payment.record wrote the payment and the invoice at seq 4: both come, though limit is 1.
    expect(page.json.changes.map((c: any) => c.entity).sort()).toEqual(['invoice', 'payment']);
    expect(page.json.cursor).toBe(4);
    const invoice = reader.row('invoice', invoiceId);
    expect(invoice).toMatchObject({
      amountPaid: 1000,
      status: 'partially_paid',
      number: 'INV-000001',
    });
    expect(invoice).not.toHaveProperty('totals');
  });

  it('answers from one snapshot while pushes land concurrently', async () => {
    const { sync, http } = await makeSyncTest();
    const reader = new SyncClient(http, sync.clientId);
    for (let i = 0; i < 25; i++) {
      sync.enqueue('customer.create', uuidv7(), customerArgs());
      const [, pulled] = await Promise.all([sync.push(), reader.pull({ cursor: 0 })]);
      const { changes, cursor, lastSeq, hasMore } = pulled.json;
      expect(hasMore).toBe(false);
      // Each push creates one customer: the rows, the cursor and this client's
      // lastSeq were all read at the same moment.
      expect(changes.length).toBe(lastSeq);
      expect(cursor).toBe(lastSeq);
      for (const change of changes) expect(change.version).toBeLessThanOrEqual(cursor);
    }
  });

  it('never shows one organization another’s changes', async () => {
    const { sync, app } = await makeSyncTest();
    sync.enqueue('customer.create', uuidv7(), customerArgs({ displayName: 'A secret' }));
    await sync.push();
    const b = await signUp(app);
    const other = new SyncClient(b.client);
    const pulled = await other.pull();
    expect(pulled.json).toMatchObject({ changes: [], cursor: 0, hasMore: false, lastSeq: 0 });
    // A's cursor is beyond B's log: B cannot use it to probe.
    expect((await other.pull({ cursor: 1 })).status).toBe(410);
  });
});

describe('compaction', () => {
  it('keeps old cursors valid: a client pulling from before compaction ends with what a fresh client gets', async () => {
    const { sync, http, db, clock } = await makeSyncTest();
    const ids = [1, 2, 3].map(() => uuidv7());
    for (const id of ids) sync.enqueue('customer.create', id, customerArgs());
    await sync.push();
    const behind = new SyncClient(http);
    await behind.pullAll();
    expect(behind.cursor).toBe(3);

    const [a = '', b = '', c = ''] = ids;
    sync.enqueue('customer.patch', a, { displayName: 'A2' }, 1);
    sync.enqueue('customer.patch', b, { displayName: 'Beta two' }, 2);
    sync.enqueue('customer.patch', a, { displayName: 'A3' }, 4);
    sync.enqueue('customer.delete', c, {}, 3);
    sync.enqueue('customer.create', uuidv7(), customerArgs());
    await sync.push();

    const result = await compactChangeLog({ db, now: clock.now() });
    expect(result).toEqual({ superseded: 4, expired: 0 });

    await behind.pullAll({ limit: 1 });
    const fresh = new SyncClient(http);
    await fresh.pullAll({ limit: 1 });
    expect(behind.snapshot()).toEqual(fresh.snapshot());
    expect(behind.rows.size).toBe(3);
    expect(behind.cursor).toBe(fresh.cursor);
  });

  it('expires cursors older than a removed delete: 410, then a resync from 0', async () => {
    const { sync, http, db, clock } = await makeSyncTest();
    const doomed = uuidv7();
    const kept = uuidv7();
    sync.enqueue('customer.create', doomed, customerArgs());
    sync.enqueue('customer.create', kept, customerArgs());
    await sync.push();
    const laggard = new SyncClient(http);
    await laggard.pullAll();
    expect(laggard.cursor).toBe(2);

    sync.enqueue('customer.delete', doomed, {}, 1);
    await sync.push();
    const upToDate = new SyncClient(http);
    await upToDate.pullAll();

    sync.enqueue('customer.patch', kept, { displayName: 'Later' }, 2);
    await sync.push();
    const monthLater = new Date(clock.now().getTime() + 31 * DAY);
    expect(await compactChangeLog({ db, now: clock.now() })).toEqual({ superseded: 2, expired: 0 });
    expect(await compactChangeLog({ db, now: monthLater })).toEqual({ superseded: 0, expired: 1 });

    const expired = await laggard.pull();
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('CURSOR_EXPIRED');
    laggard.reset();
    await laggard.pullAll();
    expect([...laggard.rows.keys()]).toEqual([`customer:${kept}`]);

    // A client that saw the delete keeps its cursor.
    const ok = await upToDate.pull();
    expect(ok.status).toBe(200);
    expect(upToDate.snapshot()).toEqual(laggard.snapshot());
  });

  it('lets a paged resync from 0 finish after the floor rose (its first page reaches the floor)', async () => {
    const { sync, http, db, clock } = await makeSyncTest();
    const ids = [1, 2, 3, 4].map(() => uuidv7());
    for (const id of ids) sync.enqueue('customer.create', id, customerArgs());
    sync.enqueue('customer.delete', ids[0] ?? '', {}, 1);
    await sync.push();
    await compactChangeLog({ db, now: new Date(clock.now().getTime() + 31 * DAY) });

    const fresh = new SyncClient(http);
    const pages = await fresh.pullAll({ limit: 1 });
    expect(pages.every((p) => p.status === 200)).toBe(true);
    expect(pages[0]?.json.cursor).toBeGreaterThanOrEqual(5);
    expect(fresh.rows.size).toBe(3);
  });

  it('compacts on demand for owners and admins', async () => {
    const { http } = await makeSyncTest();
    const res = await http.post('/api/sync/compact');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ superseded: 0, expired: 0 });
  });
});
