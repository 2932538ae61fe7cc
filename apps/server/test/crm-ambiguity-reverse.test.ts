import { describe, expect, it } from 'vitest';
import { useSyncContexts, type RunItem, type SyncContext } from './crm-sync-setup';

/**
 * The other side of an ambiguous match: one Kanjo record matched by several
 * CRM records in a run. Nothing is guessed — no link, no import, no push —
 * until a person chooses one of the CRM records on the record's page.
 */

const context = useSyncContexts();

async function newCustomer(s: SyncContext, displayName: string): Promise<string> {
  const res = await s.owner.post('/api/customers', { kind: 'business', displayName });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

async function newAccounts(s: SyncContext, names: string[]): Promise<string[]> {
  const results = await (
    await s.crm()
  ).insert(
    'Accounts',
    names.map((name) => ({ Account_Name: name })),
  );
  return results.map((result, i) => {
    if (!result.ok) throw new Error(`account ${names[i] ?? ''} not made`);
    return result.id;
  });
}

const held = (items: RunItem[]) => items.filter((item) => item.action === 'held');

interface HoldView {
  kind: string;
  crm: { crmModule: string; crmId: string; name: string | null };
  candidates: { localId: string; name: string | null; linked: boolean }[];
}

async function repairHolds(s: SyncContext, customer: string): Promise<HoldView[]> {
  const res = await s.owner.get(`/api/crm/links/customer/${customer}/repair`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (res.json as { holds: HoldView[] }).holds;
}

/** Two CRM spellings of one company, and Kanjo's own third one. */
async function sakura(s: SyncContext) {
  const customer = await newCustomer(s, 'サクラ商事 株式会社');
  const [short, long] = await newAccounts(s, ['サクラ商事', '株式会社サクラ商事']);
  if (!short || !long) throw new Error('accounts not made');
  return { customer, short, long };
}

describe('one Kanjo customer matched by two CRM accounts', () => {
  it('holds all three: no CRM write, no customer added or renamed, no link', async () => {
    const s = await context();
    const { customer, short, long } = await sakura(s);
    const writes = await s.writeCalls();

    const { run, items } = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(await s.writeCalls()).toBe(writes);
    expect(await s.links()).toEqual([]);
    expect((await s.customers()).map((c) => [c.id, c.displayName])).toEqual([
      [customer, 'サクラ商事 株式会社'],
    ]);
    const holds = held(items);
    expect(holds.map((item) => item.crmId).sort()).toEqual([short, long].sort());
    for (const item of holds) {
      expect(item).toMatchObject({ entity: 'customer', localId: customer, direction: 'inbound' });
      expect(item.reason).toContain(`サクラ商事 (${short})`);
      expect(item.reason).toContain(`株式会社サクラ商事 (${long})`);
    }
    expect(run.counts.customer).toMatchObject({ held: 2, pushed: 0, added: 0, linked: 0 });

    const views = await repairHolds(s, customer);
    expect(views.map((v) => v.crm.crmId).sort()).toEqual([short, long].sort());
    for (const view of views) {
      expect(view).toMatchObject({
        kind: 'ambiguous',
        candidates: [{ localId: customer, name: 'サクラ商事 株式会社', linked: false }],
      });
    }

    // The next run still holds them, writes nothing and does not report the match again.
    const again = await s.sync();
    expect(again.run.status).toBe('succeeded');
    expect(await s.writeCalls()).toBe(writes);
    expect(await s.links()).toEqual([]);
    expect(await s.customers()).toHaveLength(1);
    expect(held(again.items).filter((item) => item.direction === 'inbound')).toEqual([]);
  });

  it('a person chooses one: it is linked, and the other account comes in as its own customer', async () => {
    const s = await context();
    const { customer, short, long } = await sakura(s);
    await s.sync();

    const res = await s.owner.post(`/api/crm/links/customer/${customer}/link`, { crmId: long });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((await s.links()).find((l) => l.local_id === customer)).toMatchObject({
      crm_id: long,
      status: 'linked',
    });
    expect(await repairHolds(s, customer)).toEqual([]);

    const { run, items } = await s.sync();
    expect(run.status).toBe('succeeded');
    expect(held(items)).toEqual([]);
    const customers = await s.customers();
    expect(customers.map((c) => c.displayName).sort()).toEqual([
      'サクラ商事',
      '株式会社サクラ商事',
    ]);
    const other = customers.find((c) => c.id !== customer);
    expect((await s.links()).find((l) => l.crm_id === short)).toMatchObject({
      local_id: other?.id,
      status: 'linked',
    });
    expect((await s.accounts()).map((a) => a.Account_Name).sort()).toEqual([
      'サクラ商事',
      '株式会社サクラ商事',
    ]);
    const later = await s.sync();
    expect(held(later.items)).toEqual([]);
    expect(await s.customers()).toHaveLength(2);
  });

  it('one account matching one customer still links on the first run', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'サクラ商事 株式会社');
    const [long] = await newAccounts(s, ['株式会社サクラ商事', 'ミドリ商事']);
    const { run, items } = await s.sync();
    expect(run.status).toBe('succeeded');
    expect(held(items)).toEqual([]);
    expect((await s.links()).find((l) => l.local_id === customer)).toMatchObject({
      crm_id: long,
      status: 'linked',
    });
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'ミドリ商事',
      '株式会社サクラ商事',
    ]);
  });
});

describe('matches on different pages of one read', () => {
  it('an account on the first page and another on a later page hold the customer together', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'サクラ商事 株式会社');
    const fillers = Array.from({ length: 110 }, (_, i) => `Filler ${String(i).padStart(3, '0')}`);
    const [short] = await newAccounts(s, ['サクラ商事']);
    await newAccounts(s, fillers.slice(0, 100));
    await newAccounts(s, fillers.slice(100));
    const [long] = await newAccounts(s, ['株式会社サクラ商事']);

    const { run, items } = await s.sync();
    expect(run.status).toBe('succeeded');
    expect(
      held(items)
        .map((i) => i.crmId)
        .sort(),
    ).toEqual([short, long].sort());
    expect((await s.links()).find((l) => l.local_id === customer)).toBeUndefined();
    const names = (await s.customers()).map((c) => c.displayName);
    expect(names).toHaveLength(111);
    expect(names.filter((n) => n.includes('サクラ'))).toEqual(['サクラ商事 株式会社']);
  });
});

describe('one Kanjo item matched by two CRM products', () => {
  it('holds both products: no item added, none linked, the item not sent', async () => {
    const s = await context({ settings: (c) => (c.items.mode = 'fetch') });
    const res = await s.owner.post('/api/items', { name: 'Pen', sku: 'PEN-1', rate: 100 });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const item = String(res.json.id);
    const made = await (
      await s.crm()
    ).insert('Products', [
      { Product_Name: 'Pen deluxe', Product_Code: 'pen-1' },
      { Product_Name: 'Pen basic', Product_Code: 'PEN-1' },
    ]);
    const writes = await s.writeCalls();

    const { run, items } = await s.sync();
    expect(run.status).toBe('succeeded');
    expect(await s.writeCalls()).toBe(writes);
    expect(await s.links()).toEqual([]);
    expect(await s.items()).toHaveLength(1);
    expect(
      held(items)
        .map((i) => i.crmId)
        .sort(),
    ).toEqual(made.map((m) => (m.ok ? m.id : '')).sort());
    expect(held(items).every((i) => i.localId === item && i.reason?.includes('Pen basic'))).toBe(
      true,
    );
  });
});
