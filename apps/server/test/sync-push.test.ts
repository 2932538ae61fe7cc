import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { customerArgs, invoiceArgs } from '@kanjo/core/testing';
import { uuidv7 } from '../src/ids';
import { Client, onSqlite, signUp, type TestApp } from './helpers';
import { SyncClient, makeSyncTest } from './sync-client';

async function count(db: Awaited<ReturnType<typeof makeSyncTest>>['db'], table: string) {
  const res = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return res.rows[0]?.n;
}

async function orgSeq(db: Awaited<ReturnType<typeof makeSyncTest>>['db']) {
  const res = await db.selectFrom('organizations').select('seq').execute();
  return res.map((r) => r.seq);
}

/**
 * Makes the database refuse to log a change of `entityId`, as a failing disk
 * would, in a trigger: the app meets a database error mid-push.
 */
async function failingChangeLogInsert(t: TestApp, entityId: string) {
  if (onSqlite) {
    await t.sql
      .run(`create trigger boom before insert on change_log when new.entity_id = '${entityId}'
      begin select raise(abort, 'disk on fire'); end`);
    return { remove: () => t.sql.run('drop trigger boom') };
  }
  await t.sql.run(`create function boom() returns trigger language plpgsql as $$
    begin
      if new.entity_id = '${entityId}' then raise exception 'disk on fire'; end if;
      return new;
    end $$`);
  await t.sql.run(
    'create trigger boom before insert on change_log for each row execute function boom()',
  );
  return { remove: () => t.sql.run('drop trigger boom on change_log') };
}

describe('push: exactly once, in order', () => {
  it('applies a batch once however often it is replayed', async () => {
    const { sync, db } = await makeSyncTest();
    const customerId = uuidv7();
    sync.enqueue('customer.create', customerId, customerArgs());
    sync.enqueue('invoice.create', uuidv7(), invoiceArgs(customerId));
    const batch = [...sync.outbox];

    const first = await sync.push(batch);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      lastSeq: 2,
      cursor: 2,
      results: [
        { seq: 1, status: 'applied', version: 1 },
        { seq: 2, status: 'applied', version: 2 },
      ],
    });
    const again = await sync.push(batch);
    expect(again.json).toEqual(first.json);
    expect(await count(db, 'customers')).toBe(1);
    expect(await count(db, 'invoices')).toBe(1);
    expect(await orgSeq(db)).toEqual([2]);
  });

  it('applies two identical pushes racing each other once (the IMMEDIATE transaction serializes them)', async () => {
    const { sync, db } = await makeSyncTest();
    for (let i = 0; i < 20; i++) sync.enqueue('customer.create', uuidv7(), customerArgs());
    const batch = [...sync.outbox];
    const [a, b] = await Promise.all([sync.push(batch), sync.push(batch)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.json.results).toEqual(b.json.results);
    expect(a.json.lastSeq).toBe(20);
    expect(await count(db, 'customers')).toBe(20);
    expect(await count(db, 'change_log')).toBe(20);
    expect(await orgSeq(db)).toEqual([20]);
  });

  it('refuses a reused (clientId, seq) with another body: 409 SEQ_REUSED and nothing of the push applied', async () => {
    const { sync, db } = await makeSyncTest();
    const first = sync.enqueue('customer.create', uuidv7(), customerArgs({ displayName: 'A' }));
    await sync.push();

    const fresh = {
      seq: 2,
      name: 'customer.create',
      entityId: uuidv7(),
      args: customerArgs(),
      baseVersion: 0,
    };
    const reused = { ...first, args: customerArgs({ displayName: 'B' }) };
    const res = await sync.push([reused, fresh]);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('SEQ_REUSED');
    // Also when the reuse comes after a new mutation in the same push: the new one rolls back.
    const sameSeqTwice = await sync.push([fresh, { ...fresh, entityId: uuidv7() }]);
    expect(sameSeqTwice.status).toBe(409);
    expect(await count(db, 'customers')).toBe(1);
    expect(await orgSeq(db)).toEqual([1]);

    // The same body with keys in another order is the same mutation, not a reuse.
    const reordered = {
      baseVersion: 0,
      args: { ...(first.args as object) },
      entityId: first.entityId,
      name: first.name,
      seq: 1,
    };
    expect((await sync.push([reordered])).status).toBe(200);
  });

  it('records a refused mutation as rejected, advances lastSeq, and keeps the rest of the push', async () => {
    const { sync, db } = await makeSyncTest();
    const customerId = uuidv7();
    const invoiceId = uuidv7();
    sync.enqueue('customer.create', customerId, customerArgs());
    const missing = sync.enqueue('invoice.patch', uuidv7(), { notes: 'no such invoice' }, 1);
    sync.enqueue('invoice.create', invoiceId, invoiceArgs(customerId, { lines: [] }));
    // Issuing without lines is refused: no number is consumed.
    sync.enqueue('invoice.issue', invoiceId, {}, 3);
    sync.enqueue('invoice.levitate', invoiceId, {}, 3);
    sync.enqueue('customer.patch', customerId, { displayName: 'Still applied' }, 1);
    const res = await sync.push();
    expect(res.status).toBe(200);
    expect(res.json.lastSeq).toBe(6);
    expect(res.json.results.map((r: any) => [r.seq, r.status, r.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'NOT_FOUND'],
      [3, 'applied', undefined],
      [4, 'rejected', 'VALIDATION_FAILED'],
      [5, 'rejected', 'VALIDATION_FAILED'],
      [6, 'applied', undefined],
    ]);
    expect(res.json.results[1].message).toEqual(expect.any(String));
    expect(await count(db, 'number_sequences')).toBe(0);
    expect(sync.outbox).toEqual([]);

    const pulled = await sync.pull();
    expect(pulled.json.lastSeq).toBe(6);
    expect(pulled.json.rejections.map((r: any) => [r.seq, r.name, r.code])).toEqual([
      [5, 'invoice.levitate', 'VALIDATION_FAILED'],
      [4, 'invoice.issue', 'VALIDATION_FAILED'],
      [2, 'invoice.patch', 'NOT_FOUND'],
    ]);
    expect(pulled.json.rejections[2].args).toEqual({ notes: 'no such invoice' });
    expect(sync.row('customer', customerId).displayName).toBe('Still applied');

    // A replay of a rejected seq answers the stored rejection, with no second attempt.
    const replay = await sync.push([missing]);
    expect(replay.json.results).toEqual([res.json.results[1]]);
  });

  it('stops at a gap and returns the results so far; the client resends', async () => {
    const { sync, db } = await makeSyncTest();
    const [one, two, three] = [1, 2, 3].map(() =>
      sync.enqueue('customer.create', uuidv7(), customerArgs()),
    );
    if (!one || !two || !three) throw new Error('setup');
    const gapped = await sync.push([one, three]);
    expect(gapped.json.lastSeq).toBe(1);
    expect(gapped.json.results.map((r: any) => r.seq)).toEqual([1]);
    expect(await count(db, 'customers')).toBe(1);

    const resent = await sync.push([three, two]);
    expect(resent.json.lastSeq).toBe(3);
    expect(resent.json.results.map((r: any) => [r.seq, r.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(await count(db, 'customers')).toBe(3);
  });

  it('refuses a clientId bound to another user with 403, in push and pull', async () => {
    const { sync, app } = await makeSyncTest();
    sync.enqueue('customer.create', uuidv7(), customerArgs());
    await sync.push();
    const other = await signUp(app);
    const thief = new SyncClient(other.client, sync.clientId);
    const push = await thief.push([
      { seq: 2, name: 'customer.create', entityId: uuidv7(), args: customerArgs(), baseVersion: 0 },
    ]);
    expect(push.status).toBe(403);
    expect(push.json.error.code).toBe('FORBIDDEN');
    expect((await thief.pull()).status).toBe(403);
  });

  it('answers 413 for more than 500 mutations and 400 for a malformed push', async () => {
    const { sync } = await makeSyncTest();
    for (let i = 0; i < 501; i++) sync.enqueue('customer.create', uuidv7(), customerArgs());
    const res = await sync.push();
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');

    const bad = await sync.http.post('/api/sync/push', { clientId: '', mutations: [{ seq: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('rolls the whole push back on an unexpected error: 503 TRY_AGAIN, then succeeds on resend', async () => {
    const t = await makeSyncTest();
    const { sync, db } = t;
    const boom = uuidv7();
    const fault = await failingChangeLogInsert(t, boom);
    sync.enqueue('customer.create', uuidv7(), customerArgs());
    sync.enqueue('customer.create', boom, customerArgs());
    const res = await sync.push();
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe('TRY_AGAIN');
    expect(await count(db, 'customers')).toBe(0);
    expect(await count(db, 'sync_results')).toBe(0);

    await fault.remove();
    const retried = await sync.push();
    expect(retried.json.lastSeq).toBe(2);
    expect(await count(db, 'customers')).toBe(2);
  });

  it('needs a session', async () => {
    const { app } = await makeSyncTest();
    const anon = new SyncClient(new Client(app));
    expect((await anon.push([])).status).toBe(401);
    expect((await anon.pull()).status).toBe(401);
  });
});
