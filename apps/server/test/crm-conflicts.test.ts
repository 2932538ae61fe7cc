import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';

/** Held conflicts (rule `ask`: the person decides): Contacts-linked customers, and the list's filters. */

const context = useSyncContexts();

interface Listed {
  entity: string;
  localId: string;
  crmModule: string;
  fields: { field: string; base: unknown; kanjo: unknown; crm: unknown; crmKnown: boolean }[];
}
const conflicts = async (s: SyncContext, query = '') =>
  (await s.owner.get(`/api/crm/conflicts${query}`)).json.conflicts as Listed[];

const crmIdOf = async (s: SyncContext, localId: string) => {
  const crmId = (await s.links()).find((l) => l.local_id === localId)?.crm_id;
  if (!crmId) throw new Error(`${localId} is not linked`);
  return crmId;
};

async function created(s: SyncContext, path: string, body: object): Promise<string> {
  const res = await s.owner.post(path, body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

async function contact(s: SyncContext, crmId: string): Promise<ZohoRecord | undefined> {
  const fields = ['Last_Name', 'Email', 'Mobile'];
  for await (const record of (await s.crm()).listAll('Contacts', { fields })) {
    if (record.id === crmId) return record;
  }
  return undefined;
}

describe('a customer linked to a Contact', () => {
  // Mobile is in the Contacts mapping only: read through the Accounts one, Kanjo's value was null.
  async function heldMobiles() {
    const s = await context({
      settings: (settings) => {
        settings.conflictRule = 'ask';
        settings.customers.module = 'contacts';
      },
    });
    const ids = [
      await created(s, '/api/customers', {
        kind: 'individual',
        displayName: 'Ada Lovelace',
        email: 'ada@example.com',
        mobile: '090-0000-0001',
      }),
      await created(s, '/api/customers', {
        kind: 'individual',
        displayName: 'Alan Turing',
        email: 'alan@example.com',
        mobile: '090-0000-0002',
      }),
    ];
    await s.sync();
    const crm = await s.crm();
    for (const [index, id] of ids.entries()) {
      await s.owner.patch(`/api/customers/${id}`, { mobile: `kanjo-${index}` });
      await crm.update('Contacts', [{ id: await crmIdOf(s, id), Mobile: `crm-${index}` }]);
    }
    const { run } = await s.sync();
    expect(run.counts.customer).toMatchObject({ conflicts: 2 });
    return { s, ids };
  }

  it('lists the held field with Kanjo’s value read through the Contacts mapping', async () => {
    const { s, ids } = await heldMobiles();
    const listed = await conflicts(s);
    expect(listed.map((c) => [c.localId, c.crmModule]).sort()).toEqual(
      ids.map((id) => [id, 'Contacts']).sort(),
    );
    expect(listed.find((c) => c.localId === ids[0])?.fields).toEqual([
      { field: 'mobile', base: '090-0000-0001', kanjo: 'kanjo-0', crm: 'crm-0', crmKnown: true },
    ]);
  });

  it('settles it either way: the CRM value lands in Kanjo, Kanjo’s goes to the Contact', async () => {
    const { s, ids } = await heldMobiles();
    const [ada = '', alan = ''] = ids;
    const take = (localId: string, side: 'kanjo' | 'crm') =>
      s.owner.post('/api/crm/conflicts/resolve', {
        entity: 'customer',
        localId,
        field: 'mobile',
        take: side,
      });

    const crmTaken = await take(ada, 'crm');
    expect(crmTaken.status, JSON.stringify(crmTaken.json)).toBe(200);
    expect(crmTaken.json).toEqual({ ok: true, seq: expect.any(Number) });
    const kanjoTaken = await take(alan, 'kanjo');
    expect(kanjoTaken.json).toEqual({ ok: true });

    const customers = await s.customers();
    expect(customers.find((c) => c.id === ada)?.mobile).toBe('crm-0');
    expect(customers.find((c) => c.id === alan)?.mobile).toBe('kanjo-1');
    expect(await conflicts(s)).toEqual([]);

    await s.sync();
    expect((await contact(s, await crmIdOf(s, ada)))?.Mobile).toBe('crm-0');
    expect((await contact(s, await crmIdOf(s, alan)))?.Mobile).toBe('kanjo-1');
    expect((await s.links()).map((l) => JSON.parse(l.held) as unknown)).toEqual([[], []]);
    expect(await conflicts(s)).toEqual([]);
  });
});

describe('GET /api/crm/conflicts filters', () => {
  async function heldCustomersAndItem() {
    const s = await context({
      settings: (settings) => {
        settings.conflictRule = 'ask';
        settings.items.mode = 'both';
      },
    });
    const customers = [
      await created(s, '/api/customers', { kind: 'business', displayName: 'One', phone: '1' }),
      await created(s, '/api/customers', { kind: 'business', displayName: 'Two', phone: '2' }),
    ];
    const item = await created(s, '/api/items', { name: 'Pen', rate: 100, description: 'blue' });
    await s.sync();
    const crm = await s.crm();
    for (const id of customers) {
      await s.owner.patch(`/api/customers/${id}`, { phone: `kanjo-${id}` });
      await crm.update('Accounts', [{ id: await crmIdOf(s, id), Phone: `crm-${id}` }]);
    }
    await s.owner.patch(`/api/items/${item}`, { description: 'red' });
    await crm.update('Products', [{ id: await crmIdOf(s, item), Description: 'green' }]);
    await s.sync();
    return { s, customers, item };
  }

  it('narrows the list to an entity, or to one record of it', async () => {
    const { s, customers, item } = await heldCustomersAndItem();
    const [one = ''] = customers;
    expect(await conflicts(s)).toHaveLength(3);

    const ofCustomers = await conflicts(s, '?entity=customer');
    expect(ofCustomers.map((c) => c.localId).sort()).toEqual([...customers].sort());

    const ofItems = await conflicts(s, '?entity=item');
    expect(ofItems).toEqual([
      {
        entity: 'item',
        localId: item,
        crmModule: 'Products',
        crmId: await crmIdOf(s, item),
        fields: [
          { field: 'description', base: 'blue', kanjo: 'red', crm: 'green', crmKnown: true },
        ],
      },
    ]);

    const own = await conflicts(s, `?entity=customer&localId=${one}`);
    expect(own.map((c) => c.localId)).toEqual([one]);
    expect(own[0]?.fields).toEqual([
      { field: 'phone', base: '1', kanjo: `kanjo-${one}`, crm: `crm-${one}`, crmKnown: true },
    ]);
    // The right id under the wrong entity, or an id with nothing held: an empty list.
    expect(await conflicts(s, `?entity=item&localId=${one}`)).toEqual([]);
    expect(await conflicts(s, '?entity=customer&localId=nope')).toEqual([]);
  });

  it.each([
    ['an unknown entity', '?entity=deal', 'entity'],
    ['a localId without its entity', '?localId=abc', 'entity'],
    ['an empty localId', '?entity=customer&localId=', 'localId'],
    ['an unknown parameter', '?entity=customer&id=abc', 'id'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, query, path) => {
    const s = await context({ settings: (settings) => (settings.conflictRule = 'ask') });
    const res = await s.owner.get(`/api/crm/conflicts${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: { fields: [expect.objectContaining({ path })] },
    });
  });
});
