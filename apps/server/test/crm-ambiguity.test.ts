import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type RunItem, type SyncContext } from './crm-sync-setup';

/**
 * An ambiguous match never makes duplicates: a CRM record that matches several
 * Kanjo records holds them all for a person — nothing is linked, imported or
 * sent — and the next run settles it once the ambiguity is gone.
 */

const context = useSyncContexts();

async function newCustomer(s: SyncContext, displayName: string): Promise<string> {
  const res = await s.owner.post('/api/customers', { kind: 'business', displayName });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

async function newAccount(s: SyncContext, name: string): Promise<string> {
  const [result] = await (await s.crm()).insert('Accounts', [{ Account_Name: name }]);
  if (!result?.ok) throw new Error(`account ${name} not made`);
  return result.id;
}

const held = (items: RunItem[]) => items.filter((item) => item.action === 'held');

/** Two near-duplicates in Kanjo and a third spelling in the CRM. */
async function sakura(s: SyncContext) {
  const first = await newCustomer(s, 'サクラ商事');
  const second = await newCustomer(s, 'サクラ商事 株式会社');
  const crmId = await newAccount(s, '株式会社サクラ商事');
  return { first, second, crmId };
}

describe('a CRM account that matches two Kanjo customers', () => {
  it('holds all three: no CRM write, no link, and the history names both candidates', async () => {
    const s = await context();
    const { first, second, crmId } = await sakura(s);
    const writes = await s.writeCalls();

    const { run, items } = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(await s.writeCalls()).toBe(writes);
    expect((await s.accounts()).map((a) => a.Account_Name)).toEqual(['株式会社サクラ商事']);
    expect(await s.links()).toEqual([]);
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'サクラ商事',
      'サクラ商事 株式会社',
    ]);
    const holds = held(items);
    expect(holds.map((item) => item.localId).sort()).toEqual([first, second].sort());
    for (const item of holds) {
      expect(item).toMatchObject({ entity: 'customer', crmId, direction: 'inbound' });
      expect(item.reason).toContain('株式会社サクラ商事');
      expect(item.reason).toContain(`サクラ商事 (${first})`);
      expect(item.reason).toContain(`サクラ商事 株式会社 (${second})`);
    }
    expect(run.counts.customer).toMatchObject({ held: 2, pushed: 0, added: 0, linked: 0 });

    // Still held on the next run, still without a CRM write; the match is not reported again.
    const again = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(held(again.items).filter((item) => item.direction === 'inbound')).toEqual([]);
    expect(await s.links()).toEqual([]);
  });

  it('an edit of a held candidate is not sent either: the push says why', async () => {
    const s = await context();
    const { second, crmId } = await sakura(s);
    await s.sync();
    const writes = await s.writeCalls();

    const patched = await s.owner.patch(`/api/customers/${second}`, { phone: '03-1234-5678' });
    expect(patched.status).toBe(200);
    const { items } = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(items).toContainEqual(
      expect.objectContaining({
        localId: second,
        crmId,
        action: 'held',
        direction: 'outbound',
      }),
    );
  });

  it('settles on the next run once a candidate is renamed: one is linked, the renamed one sent', async () => {
    const s = await context();
    const { first, second, crmId } = await sakura(s);
    await s.sync();

    const renamed = await s.owner.patch(`/api/customers/${second}`, { displayName: 'ミドリ商事' });
    expect(renamed.status).toBe(200);
    const { run } = await s.sync();
    expect(run.status).toBe('succeeded');
    const links = await s.links();
    expect(links.find((l) => l.local_id === first)).toMatchObject({
      crm_id: crmId,
      status: 'linked',
    });
    expect(links.find((l) => l.local_id === second)?.status).toBe('linked');
    expect((await s.accounts()).map((a) => a.Account_Name).sort()).toEqual([
      'ミドリ商事',
      '株式会社サクラ商事',
    ]);
  });

  it('settles once a candidate is deleted, and lets both go when the CRM record is deleted', async () => {
    const s = await context();
    const deleted = await sakura(s);
    await s.sync();
    expect((await s.owner.delete(`/api/customers/${deleted.second}`)).status).toBe(204);
    await s.sync();
    expect(await s.links()).toMatchObject([{ local_id: deleted.first, crm_id: deleted.crmId }]);

    const t = await context();
    const gone = await sakura(t);
    await t.sync();
    await (await t.crm()).deleteRecords('Accounts', [gone.crmId]);
    const { items } = await t.sync();
    const released = items.filter((item) => item.action === 'released');
    expect(released.map((item) => item.localId).sort()).toEqual([gone.first, gone.second].sort());
    // Two Kanjo customers, two CRM accounts of their own: nothing waits any more.
    expect((await t.accounts()).map((a) => a.Account_Name).sort()).toEqual([
      'サクラ商事',
      'サクラ商事 株式会社',
    ]);
    expect((await t.links()).filter((l) => l.status === 'linked')).toHaveLength(2);
  });
});

describe('Search in CRM', () => {
  it('refuses to import a held account, saying why, and imports nothing', async () => {
    const s = await context();
    const { crmId } = await sakura(s);
    const res = await s.owner.post('/api/crm/import', { module: 'Accounts', crmId });
    expect(res.status, JSON.stringify(res.json)).toBe(409);
    expect(res.json.error.code).toBe('CRM_IMPORT_SKIPPED');
    expect(res.json.error.message).toContain('サクラ商事 株式会社');
    expect(await s.customers()).toHaveLength(2);
    expect(await s.links()).toEqual([]);
  });
});

describe('items and contact persons', () => {
  it('a CRM product matching two Kanjo items by SKU holds them: none imported, none linked', async () => {
    const s = await context({ settings: (c) => (c.items.mode = 'fetch') });
    const ids: string[] = [];
    for (const name of ['Pen', 'Blue pen']) {
      const res = await s.owner.post('/api/items', { name, sku: 'PEN-1', rate: 100 });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      ids.push(String(res.json.id));
    }
    await (
      await s.crm()
    ).insert('Products', [{ Product_Name: 'Pen deluxe', Product_Code: 'pen-1' }]);

    const { items } = await s.sync();
    expect(
      held(items)
        .map((item) => item.localId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(held(items)[0]?.reason).toContain('same sku pen-1');
    expect(await s.items()).toHaveLength(2);
    expect(await s.links()).toEqual([]);
  });

  it('a CRM Contact matching two persons of its customer holds them: no Contact added or sent', async () => {
    const s = await context({ settings: (c) => (c.customers.module = 'accountsAndContacts') });
    const accountId = await newAccount(s, 'Acme');
    await (
      await s.crm()
    ).insert('Contacts', [
      { First_Name: 'Taro', Last_Name: 'Yamada', Account_Name: { id: accountId } },
    ]);
    const res = await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: 'Acme',
      contactPersons: [
        { firstName: 'Taro', lastName: 'Yamada' },
        { firstName: 'TARO', lastName: 'YAMADA', phone: '090-1111-2222' },
      ],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const writes = await s.writeCalls();

    const { items } = await s.sync();
    const persons = held(items).filter((item) => item.entity === 'contactPerson');
    expect(persons).toHaveLength(2);
    expect(persons[0]?.reason).toContain('Taro Yamada');
    expect(await contactNames(s)).toEqual(['Taro Yamada']);
    // The account was linked by name; no Contact was written.
    expect(await s.writeCalls()).toBe(writes);
    // The customer's page lists both persons under the held Contact.
    const page = await s.owner.get(`/api/crm/links/customer/${String(res.json.id)}/repair`);
    expect(page.json.holds).toMatchObject([
      {
        kind: 'ambiguous',
        entity: 'contactPerson',
        crm: { crmModule: 'Contacts', name: 'Taro Yamada' },
        candidates: [
          { name: 'Taro Yamada', linked: false },
          { name: 'TARO YAMADA', linked: false },
        ],
      },
    ]);
  });
});

async function contactNames(s: SyncContext): Promise<string[]> {
  const out: string[] = [];
  const fields = ['First_Name', 'Last_Name'];
  for await (const record of (await s.crm()).listAll('Contacts', { fields })) {
    out.push(`${String((record as ZohoRecord).First_Name)} ${String(record.Last_Name)}`);
  }
  return out.sort();
}
