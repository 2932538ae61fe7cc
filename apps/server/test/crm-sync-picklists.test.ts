import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type RunDetail, type SyncContext } from './crm-sync-setup';

/**
 * Kanjo's values for CRM picklist fields, over real HTTP against the emulator
 * (as strict as Zoho: a value outside a picklist is refused per record). The
 * org's picklists are read from /settings/fields once per run, and only when
 * a record to send has a value for a field that may be one.
 */

const context = useSyncContexts();

const FIELDS_READ = 'GET /crm/v8/settings/fields';

async function fieldReads(s: SyncContext): Promise<number> {
  return (await s.calls())[FIELDS_READ] ?? 0;
}

async function product(s: SyncContext, name: string): Promise<ZohoRecord | undefined> {
  const crm = await s.crm();
  for await (const record of crm.listAll('Products', {
    fields: ['Product_Name', 'Usage_Unit', 'Unit_Price'],
  })) {
    if (record.Product_Name === name) return record;
  }
  return undefined;
}

async function itemsContext() {
  const s = await context({
    settings: (settings) => {
      settings.items.mode = 'both';
    },
  });
  const later = () => s.t.clock.advance(60_000);
  const create = async (body: Record<string, unknown>) => {
    const res = await s.owner.post('/api/items', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return String(res.json.id);
  };
  return { s, later, create };
}

const itemOf = (run: RunDetail, localId: string) =>
  run.items.filter((item) => item.localId === localId);

const baseOf = async (s: SyncContext, localId: string) => {
  const link = (await s.links()).find((l) => l.local_id === localId);
  return JSON.parse(link?.base ?? '{}') as Record<string, unknown>;
};

describe('item units against the CRM org Usage_Unit picklist', () => {
  it('a unit the picklist lacks is left out (the item still goes, the history says why) and goes once fixed', async () => {
    const { s, later, create } = await itemsContext();
    const id = await create({ name: 'Bolt', rate: 50, unit: 'pcs' });
    later();
    const reads = await fieldReads(s);
    const run = await s.sync();
    expect(run.run.status, JSON.stringify(run.run)).toBe('succeeded');
    expect(itemOf(run, id)).toEqual([
      expect.objectContaining({
        action: 'pushed',
        reason: expect.stringMatching(
          /^created in the CRM; Usage_Unit: the CRM has no value "pcs"; sent without it/,
        ),
      }),
    ]);
    expect(itemOf(run, id)[0]?.changes.map((change) => change.field)).not.toContain('unit');
    expect(await fieldReads(s)).toBe(reads + 1);
    expect(await product(s, 'Bolt')).toMatchObject({ Unit_Price: 50, Usage_Unit: null });
    // Not taken for sent: the link's base holds the CRM's nothing, not "pcs".
    expect((await baseOf(s, id)).unit ?? null).toBeNull();

    const writes = await s.writeCalls();
    for (const again of [2, 3]) {
      later();
      expect((await s.sync()).items, `run ${again}`).toEqual([]);
    }
    expect(await s.writeCalls()).toBe(writes);

    const fixed = await s.owner.patch(`/api/items/${id}`, { unit: 'each' });
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200);
    later();
    const next = await s.sync();
    expect(itemOf(next, id)).toEqual([
      expect.objectContaining({
        action: 'pushed',
        reason: expect.stringMatching(/^updated in the CRM/),
      }),
    ]);
    expect(await product(s, 'Bolt')).toMatchObject({ Usage_Unit: 'Each' });

    // A change of nothing but an unknown unit: no write at all, said once.
    await s.owner.patch(`/api/items/${id}`, { unit: 'dozen' });
    later();
    const before = await s.writeCalls();
    expect((await s.sync()).items).toEqual([
      expect.objectContaining({
        localId: id,
        action: 'skipped',
        reason: 'nothing else changed; Usage_Unit: the CRM has no value "dozen"; sent without it',
      }),
    ]);
    later();
    expect((await s.sync()).items).toEqual([]);
    expect(await s.writeCalls()).toBe(before);
    expect(await product(s, 'Bolt')).toMatchObject({ Usage_Unit: 'Each' });
  });

  it('a unit the picklist has in another case goes as the picklist value, and does not bounce', async () => {
    const { s, later, create } = await itemsContext();
    const id = await create({ name: 'Cable', rate: 120, unit: 'pieces' });
    later();
    const run = await s.sync();
    expect(itemOf(run, id)).toContainEqual(
      expect.objectContaining({
        action: 'pushed',
        reason: expect.stringMatching(/^created in the CRM/),
      }),
    );
    // Read back, the CRM's "Pieces" is what Kanjo's "pieces" was sent as: no change either way.
    expect(itemOf(run, id)).toHaveLength(1);
    expect((await baseOf(s, id)).unit).toBe('Pieces');

    const writes = await s.writeCalls();
    for (const again of [2, 3]) {
      later();
      expect((await s.sync()).items, `run ${again}`).toEqual([]);
    }
    expect(await s.writeCalls()).toBe(writes);
    expect(await product(s, 'Cable')).toMatchObject({ Usage_Unit: 'Pieces' });
    expect((await s.items()).find((item) => item.id === id)).toMatchObject({ unit: 'pieces' });
  });

  it('a CRM unit read into Kanjo stays as it is and does not bounce', async () => {
    const { s, later } = await itemsContext();
    const crm = await s.crm();
    const [inserted] = await crm.insert('Products', [
      { Product_Name: 'Crate', Unit_Price: 900, Usage_Unit: 'Pieces', Product_Active: true },
    ]);
    expect(inserted?.ok).toBe(true);
    later();
    await s.sync();
    const items = await s.items();
    expect(items.find((item) => item.name === 'Crate')).toMatchObject({ unit: 'Pieces' });

    const writes = await s.writeCalls();
    for (const again of [2, 3]) {
      later();
      expect((await s.sync()).items, `run ${again}`).toEqual([]);
    }
    expect(await s.writeCalls()).toBe(writes);
    expect((await s.items()).find((item) => item.name === 'Crate')).toMatchObject({
      unit: 'Pieces',
    });
  });
});

describe('a customer field mapped to an Accounts picklist', () => {
  it('an unknown value is left out of the Account, a known one goes as the org has it', async () => {
    const s = await context({
      settings: (settings) => {
        settings.customers.mapping.accounts.push({
          kanjo: 'customFields.industry',
          crm: 'Industry',
        });
      },
    });
    const org = await s.owner.patch('/api/organization', {
      customerFields: [{ key: 'industry', label: 'Industry', type: 'text' }],
    });
    expect(org.status, JSON.stringify(org.json)).toBe(200);
    const create = async (displayName: string, industry?: string) => {
      const res = await s.owner.post('/api/customers', {
        kind: 'business',
        displayName,
        ...(industry ? { customFields: { industry } } : {}),
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return String(res.json.id);
    };
    // Nothing for a picklist to check: no look at the org's fields.
    await create('Plain K.K.');
    s.t.clock.advance(60_000);
    let reads = await fieldReads(s);
    await s.sync();
    expect(await fieldReads(s)).toBe(reads);

    const unknown = await create('Orbital K.K.', 'Aerospace');
    await create('Shop K.K.', 'retail');
    s.t.clock.advance(60_000);
    reads = await fieldReads(s);
    const run = await s.sync();
    expect(run.run.status, JSON.stringify(run.run)).toBe('succeeded');
    expect(await fieldReads(s)).toBe(reads + 1);
    expect(itemOf(run, unknown)).toEqual([
      expect.objectContaining({
        action: 'pushed',
        reason: expect.stringMatching(
          /^created in the CRM; Industry: the CRM has no value "Aerospace"; sent without it/,
        ),
      }),
    ]);
    const industries = new Map<string, unknown>();
    for await (const account of (await s.crm()).listAll('Accounts', {
      fields: ['Account_Name', 'Industry'],
    })) {
      industries.set(String(account.Account_Name), account.Industry ?? null);
    }
    expect(Object.fromEntries(industries)).toEqual({
      'Plain K.K.': null,
      'Orbital K.K.': null,
      'Shop K.K.': 'Retail',
    });
  });
});
