import { customerArgs, quoteArgs } from '@kanjo/core/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { CrmSyncRunner } from '../src/crm/sync/run';
import { scheduleCrmSync } from '../src/crm/sync/scheduler';
import { uuidv7 } from '../src/ids';
import type { Committed } from '../src/mutations/committed';
import { SyncNotifier } from '../src/sync/notifier';
import { ADMINISTRATOR, LINE, openPanel } from './crm-panel-setup';
import { Client, useSyncContexts, type SyncContext } from './crm-sync-setup';
import { makeTestApp, signUp, type TestApp } from './helpers';
import { SyncClient } from './sync-client';

/** The write path tells its seam what each commit wrote, once, after the commit and never on rollback. */

const context = useSyncContexts();

/** A signed-up organization whose commits are collected as the seam tells them. */
async function heard() {
  const t = await makeTestApp();
  const { client, me } = await signUp(t.app);
  const organizationId = String(me.organization.id);
  const told: Committed[] = [];
  t.deps.commits.subscribe((committed) => told.push(committed));
  return { t, client, organizationId, told, seq: () => orgSeq(t, organizationId) };
}

async function orgSeq(t: TestApp, organizationId: string) {
  const row = await t.sql.one<{ seq: number }>(
    'SELECT seq FROM organizations WHERE id = ?',
    organizationId,
  );
  return row?.seq;
}

/** An SSE listener of a second app over the same database and seam, as main.ts shares them. */
function sseListener(s: SyncContext) {
  const notifier = new SyncNotifier();
  const pokes: number[] = [];
  notifier.subscribe(s.organizationId, (seq) => pokes.push(seq));
  const app = createApp({ ...s.t.deps, syncNotifier: notifier });
  return { app, pokes };
}

describe('the write path tells the seam after each commit', () => {
  it('tells a REST write once, with the organization, its new seq and the row written', async () => {
    const { client, organizationId, told, seq } = await heard();
    const made = await client.post('/api/customers', customerArgs({ displayName: 'Heard' }));
    expect(made.status).toBe(201);
    expect(told).toEqual([
      {
        organizationId,
        seq: await seq(),
        entities: [{ entity: 'customer', id: made.json.id }],
        forCrm: true,
      },
    ]);
  });

  it('tells a push of two mutations once, with the last seq and both rows', async () => {
    const { client, organizationId, told, seq } = await heard();
    const sync = new SyncClient(client);
    const [one, two] = [uuidv7(), uuidv7()];
    sync.enqueue('customer.create', one, customerArgs());
    sync.enqueue('customer.create', two, customerArgs());
    await sync.push();
    expect(await seq()).toBe(2);
    expect(told).toEqual([
      {
        organizationId,
        seq: 2,
        entities: [
          { entity: 'customer', id: one },
          { entity: 'customer', id: two },
        ],
        forCrm: true,
      },
    ]);
  });

  it('tells nothing when the mutation is refused and its transaction rolls back', async () => {
    const { client, told, seq } = await heard();
    const customer = await client.post('/api/customers', customerArgs());
    const quote = await client.post('/api/quotes', quoteArgs(String(customer.json.id)));
    expect(quote.status).toBe(201);
    const before = { told: told.length, seq: await seq() };
    // A draft quote cannot be accepted: the state machine refuses it inside the transaction.
    const refused = await client.post(`/api/quotes/${quote.json.id}/accept`, {});
    expect(refused.status).toBe(409);
    expect({ told: told.length, seq: await seq() }).toEqual(before);
  });

  it('tells nothing of a push whose only mutation is rejected (its savepoint rolled back)', async () => {
    const { client, told, seq } = await heard();
    const sync = new SyncClient(client);
    sync.enqueue('customer.patch', uuidv7(), { phone: '1' });
    const pushed = await sync.push();
    expect(pushed.json.results).toEqual([expect.objectContaining({ status: 'rejected' })]);
    expect(told).toEqual([]);
    expect(await seq()).toBe(0);
  });

  it('a write hook that throws rolls the whole push back, and nothing is told', async () => {
    const { t, client, told, seq } = await heard();
    const [kept, refused] = [uuidv7(), uuidv7()];
    // The first mutation is written and recorded before the second one's hook throws.
    t.deps.commits.addHook(async (_trx, write) => {
      if (write.id === refused) throw new Error('hook refused');
    });
    const sync = new SyncClient(client);
    sync.enqueue('customer.create', kept, customerArgs());
    sync.enqueue('customer.create', refused, customerArgs());
    expect((await sync.push()).status).toBe(500);
    expect(await t.sql.one('SELECT cast(count(*) AS integer) AS n FROM customers')).toEqual({
      n: 0,
    });
    expect(told).toEqual([]);
    expect(await seq()).toBe(0);
  });
});

describe('the CRM outbox is a write hook inside the transaction', () => {
  const outbox = (s: SyncContext) =>
    s.t.sql.all<{ entity: string; local_id: string }>('SELECT entity, local_id FROM crm_outbox');

  it('queues the record with the write, and a later hook that throws takes both back', async () => {
    const s = await context();
    let refuse = true;
    s.t.deps.commits.addHook(async () => {
      if (refuse) throw new Error('hook refused');
    });
    const refused = await s.owner.post('/api/customers', { kind: 'business', displayName: 'Gone' });
    expect(refused.status).toBe(500);
    expect(await outbox(s)).toEqual([]);
    expect(await s.customers()).toEqual([]);

    refuse = false;
    const made = await s.owner.post('/api/customers', { kind: 'business', displayName: 'Kept' });
    expect(made.status).toBe(201);
    expect(await outbox(s)).toEqual([{ entity: 'customer', local_id: made.json.id }]);
  });
});

describe('commits that reach SSE listeners', () => {
  it('a document the CRM panel makes pokes the organization’s open streams', async () => {
    const p = await openPanel(context);
    const { app, pokes } = sseListener(p.s);
    const claims = { id: await p.crmId('Accounts', 'Acme Trading'), profile: ADMINISTRATOR };
    const res = await new Client(app).request(
      'POST',
      '/api/panel/documents/quote',
      { lines: [LINE] },
      {
        'x-kanjo-panel': p.sign(claims),
      },
    );
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(pokes).toEqual([await orgSeq(p.s.t, p.s.organizationId)]);
  });

  it('a scheduled CRM run’s writes poke them, told as the CRM’s own (not for the CRM push)', async () => {
    const s = await context();
    await (await s.crm()).insert('Accounts', [{ Account_Name: 'Made In The CRM' }]);
    const { pokes } = sseListener(s);
    const told: Committed[] = [];
    s.t.deps.commits.subscribe((committed) => told.push(committed));
    const scheduler = scheduleCrmSync({ deps: s.t.deps, runner: new CrmSyncRunner() });
    scheduler.stop(); // the test drives `tick` itself
    expect((await scheduler.tick()).started).toHaveLength(1);
    expect((await s.customers()).map((c) => c.displayName)).toContain('Made In The CRM');
    expect(pokes.at(-1)).toBe(await orgSeq(s.t, s.organizationId));
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((c) => !c.forCrm)).toBe(true);
  });
});
