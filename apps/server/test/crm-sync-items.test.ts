import type { DuplicateRule, SyncExtent } from '@kanjo/core';
import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type RunDetail, type SyncContext } from './crm-sync-setup';

/**
 * Items ↔ Products over real HTTP against the emulator: extent × duplicates.
 * One way (fetch) the CRM's products come into Kanjo, so a duplicate is made
 * or merged in Kanjo; both ways Kanjo's items go to the CRM first, so a
 * duplicate is made or merged in the CRM (Kanjo's values win the merge).
 *
 * CRM: "Widget" (W-1, 1000, a description), "Ballpoint Pen" (PEN-1, 300),
 * "Crm Gadget" (CRM only).
 * Kanjo: "Widget" (1200, unit pcs — the same name), "Pen" (PEN-1, 350 — the
 * same SKU), "Kanjo Bolt" (Kanjo only).
 */

const context = useSyncContexts();

const PRODUCT_FIELDS = [
  'Product_Name',
  'Product_Code',
  'Unit_Price',
  'Description',
  'Usage_Unit',
  'Product_Active',
];

interface Item {
  id: string;
  name: string;
  sku?: string | null;
  rate: number;
  description?: string | null;
  unit?: string | null;
}

/** What the tables compare: one line per record, sorted, the same shape on both sides. */
type Line = [
  name: string,
  sku: string | null,
  price: number,
  description: string | null,
  unit: string | null,
];

async function setUp(extent: SyncExtent, duplicates: DuplicateRule) {
  const s = await context({
    settings: (settings) => {
      settings.items.mode = extent === 'both' ? 'both' : 'fetch';
      settings.items.duplicates = duplicates;
    },
  });
  const crm = await s.crm();
  const inserted = await crm.insert('Products', [
    {
      Product_Name: 'Widget',
      Product_Code: 'W-1',
      Unit_Price: 1000,
      Description: 'From the CRM',
      Product_Active: true,
    },
    { Product_Name: 'Ballpoint Pen', Product_Code: 'PEN-1', Unit_Price: 300, Product_Active: true },
    { Product_Name: 'Crm Gadget', Product_Code: 'G-1', Unit_Price: 500, Product_Active: true },
  ]);
  const crmIds = inserted.map((result) => {
    if (!result.ok) throw new Error(`CRM insert failed: ${JSON.stringify(result)}`);
    return result.id;
  });
  const create = async (body: Record<string, unknown>) => {
    const res = await s.owner.post('/api/items', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return String(res.json.id);
  };
  const kanjo = {
    widget: await create({ name: 'Widget', rate: 1200, unit: 'pcs' }),
    pen: await create({ name: 'Pen', rate: 350, sku: 'PEN-1' }),
    bolt: await create({ name: 'Kanjo Bolt', rate: 50, sku: 'B-1' }),
  };
  const [widget = '', ballpoint = '', gadget = ''] = crmIds;
  return { s, kanjo, crm: { widget, ballpoint, gadget } };
}

async function kanjoItems(s: SyncContext): Promise<Item[]> {
  return (await s.items()) as unknown as Item[];
}

async function products(s: SyncContext): Promise<ZohoRecord[]> {
  const out: ZohoRecord[] = [];
  for await (const record of (await s.crm()).listAll('Products', { fields: PRODUCT_FIELDS })) {
    out.push(record);
  }
  return out;
}

const sorted = (lines: Line[]) =>
  lines.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const itemLines = (items: Item[]): Line[] =>
  sorted(items.map((i) => [i.name, i.sku ?? null, i.rate, i.description ?? null, i.unit ?? null]));
const productLines = (records: ZohoRecord[]): Line[] =>
  sorted(
    records.map((p) => [
      String(p.Product_Name),
      (p.Product_Code as string | null) ?? null,
      Number(p.Unit_Price),
      (p.Description as string | null) ?? null,
      (p.Usage_Unit as string | null) ?? null,
    ]),
  );

const CRM_AS_IS: Line[] = sorted([
  ['Widget', 'W-1', 1000, 'From the CRM', null],
  ['Ballpoint Pen', 'PEN-1', 300, null, null],
  ['Crm Gadget', 'G-1', 500, null, null],
]);
const KANJO_AS_IS: Line[] = [
  ['Widget', null, 1200, null, 'pcs'],
  ['Pen', 'PEN-1', 350, null, null],
  ['Kanjo Bolt', 'B-1', 50, null, null],
];
const GADGET: Line = ['Crm Gadget', 'G-1', 500, null, null];
const BOLT: Line = ['Kanjo Bolt', 'B-1', 50, null, null];

/**
 * What each combination leaves on both sides after the first run. One way the
 * CRM is never written; both ways every record ends on both sides except what
 * the rule keeps apart or the CRM refuses.
 */
const EXPECTED: Record<`${SyncExtent} ${DuplicateRule}`, { kanjo: Line[]; crm: Line[] }> = {
  // Merged into one in Kanjo: the CRM's values win; Kanjo keeps its unit, which the CRM lacks.
  'fetch overwrite': {
    kanjo: sorted([
      ['Widget', 'W-1', 1000, 'From the CRM', 'pcs'],
      ['Ballpoint Pen', 'PEN-1', 300, null, null],
      GADGET,
      BOLT,
    ]),
    crm: CRM_AS_IS,
  },
  'fetch skip': { kanjo: sorted([...KANJO_AS_IS, GADGET]), crm: CRM_AS_IS },
  // The duplicates are made in Kanjo.
  'fetch clone': {
    kanjo: sorted([...KANJO_AS_IS, ...CRM_AS_IS]),
    crm: CRM_AS_IS,
  },
  // Kanjo's items went first: merged into one in the CRM, Kanjo's values win; each side
  // fills the fields it lacked from the other. The CRM's Usage_Unit picklist has no "pcs":
  // the Widget goes without it, and Kanjo keeps its unit.
  'both overwrite': {
    kanjo: sorted([
      ['Widget', 'W-1', 1200, 'From the CRM', 'pcs'],
      ['Pen', 'PEN-1', 350, null, null],
      GADGET,
      BOLT,
    ]),
    crm: sorted([
      ['Widget', 'W-1', 1200, 'From the CRM', null],
      ['Pen', 'PEN-1', 350, null, null],
      GADGET,
      BOLT,
    ]),
  },
  'both skip': {
    kanjo: sorted([...KANJO_AS_IS, GADGET]),
    crm: sorted([...CRM_AS_IS, BOLT]),
  },
  // The duplicate is made in the CRM: Kanjo's Pen becomes a second PEN-1 product. The CRM
  // keeps one product per name, so Kanjo's Widget cannot be a second "Widget" there: it
  // stays in Kanjo, reported, and the CRM's Widget comes in as an item of its own.
  'both clone': {
    kanjo: sorted([...KANJO_AS_IS, ...CRM_AS_IS]),
    crm: sorted([...CRM_AS_IS, ['Pen', 'PEN-1', 350, null, null], BOLT]),
  },
};

type World = Awaited<ReturnType<typeof setUp>>;

const runItem = (run: RunDetail, match: Partial<RunDetail['items'][number]>) =>
  run.items.filter((i) => Object.entries(match).every(([k, v]) => i[k as keyof typeof i] === v));

const linkOf = async (w: World, localId: string) =>
  (await w.s.links()).find((l) => l.entity === 'item' && l.local_id === localId);

/** Every Kanjo item is linked, or the run says why it is not (by the rule, the extent, or the CRM). */
async function expectEveryItemAccounted(
  w: World,
  run: RunDetail,
  items: Item[],
  extent: SyncExtent,
) {
  for (const item of items) {
    const link = await linkOf(w, item.id);
    if (link?.status === 'linked') continue;
    if (extent === 'fetch' && link === undefined) continue;
    const said = run.items.filter((i) => i.localId === item.id && i.reason);
    expect(said, `item ${item.name} is neither linked nor reported`).not.toEqual([]);
  }
}

async function expectHistory(
  w: World,
  run: RunDetail,
  extent: SyncExtent,
  duplicates: DuplicateRule,
) {
  const { kanjo, crm } = w;
  if (duplicates === 'skip') {
    for (const [localId, crmId] of [
      [kanjo.widget, crm.widget],
      [kanjo.pen, crm.ballpoint],
    ] as const) {
      const [skipped] = runItem(run, { localId, action: 'skipped' });
      expect(skipped?.reason).toMatch(/skip/);
      expect(skipped?.crmId).toBe(crmId);
      expect(await linkOf(w, localId)).toMatchObject({ crm_id: crmId, status: 'skipped' });
    }
  }
  if (duplicates === 'overwrite') {
    expect(await linkOf(w, kanjo.widget)).toMatchObject({ crm_id: crm.widget, status: 'linked' });
    expect(await linkOf(w, kanjo.pen)).toMatchObject({ crm_id: crm.ballpoint, status: 'linked' });
    expect(runItem(run, { localId: kanjo.widget, action: 'linked' })[0]?.reason).toMatch(/name/);
    expect(runItem(run, { localId: kanjo.pen, action: 'linked' })[0]?.reason).toMatch(/SKU/i);
    if (extent === 'both') {
      // Kanjo's values went out over the CRM's: the history shows what the CRM held.
      const pushed = runItem(run, { localId: kanjo.pen, action: 'pushed' })[0];
      expect(pushed?.changes).toContainEqual({
        field: 'name',
        before: 'Ballpoint Pen',
        after: 'Pen',
      });
      const widget = runItem(run, { localId: kanjo.widget, action: 'pushed' })[0];
      expect(widget?.reason).toContain('Usage_Unit: the CRM has no value "pcs"; sent without it');
      expect(widget?.changes.map((change) => change.field)).not.toContain('unit');
    }
  }
  if (duplicates === 'clone' && extent === 'both') {
    const [widget, ...again] = runItem(run, { localId: kanjo.widget });
    expect(again).toEqual([]);
    expect(widget?.action).toBe('skipped');
    expect(widget?.reason).toMatch(/one product per name/);
    expect(widget?.reason).toMatch(/rename/);
    expect(await linkOf(w, kanjo.widget)).toBeUndefined();
  }
}

const COMBINATIONS = (['fetch', 'both'] as const).flatMap((extent) =>
  (['overwrite', 'skip', 'clone'] as const).map((duplicates) => ({ extent, duplicates })),
);

describe('items ↔ Products: extent × duplicates', () => {
  it.each(COMBINATIONS)(
    'extent $extent, duplicates $duplicates',
    async ({ extent, duplicates }) => {
      const w = await setUp(extent, duplicates);
      // Time passes between runs (the app's test clock stands still unless moved): a run
      // after the rules were saved looks only at what was queued since the last one.
      const later = () => w.s.t.clock.advance(60_000);
      later();
      const writesBefore = await w.s.writeCalls();
      const run = await w.s.sync();
      expect(run.run, JSON.stringify(run.run)).toMatchObject({ status: 'succeeded', error: null });
      expect(run.items.filter((i) => i.action === 'failed')).toEqual([]);

      const expected = EXPECTED[`${extent} ${duplicates}`];
      const items = await kanjoItems(w.s);
      expect(itemLines(items)).toEqual(expected.kanjo);
      expect(productLines(await products(w.s))).toEqual(expected.crm);
      if (extent === 'fetch') expect(await w.s.writeCalls()).toBe(writesBefore);
      await expectHistory(w, run, extent, duplicates);
      await expectEveryItemAccounted(w, run, items, extent);

      // Runs 2 and 3 add nothing: no CRM write, no record on either side, nothing to report.
      const writes = await w.s.writeCalls();
      const links = await w.s.links();
      for (const again of [2, 3]) {
        later();
        const next = await w.s.sync();
        expect(next.run.status, `run ${again}`).toBe('succeeded');
        expect(next.items, `run ${again}`).toEqual([]);
        expect(await w.s.writeCalls(), `run ${again}`).toBe(writes);
        expect(itemLines(await kanjoItems(w.s)), `run ${again}`).toEqual(expected.kanjo);
        expect(productLines(await products(w.s)), `run ${again}`).toEqual(expected.crm);
        expect(await w.s.links(), `run ${again}`).toEqual(links);
      }
    },
    30_000,
  );
});

describe('items both ways: what cannot go is said, once', () => {
  it('a new item named like a product linked to another item waits with what to do, and goes once renamed', async () => {
    const w = await setUp('both', 'overwrite');
    const later = () => w.s.t.clock.advance(60_000);
    later();
    await w.s.sync();
    const gadget = (await kanjoItems(w.s)).find((i) => i.name === 'Crm Gadget');
    const res = await w.s.owner.post('/api/items', { name: 'CRM GADGET', rate: 700 });
    expect(res.status).toBe(201);
    const id = String(res.json.id);
    const writes = await w.s.writeCalls();

    later();
    const run = await w.s.sync();
    expect(run.items).toEqual([
      expect.objectContaining({ localId: id, action: 'skipped', direction: 'outbound' }),
    ]);
    const reason = run.items[0]?.reason ?? '';
    expect(reason).toContain(`item ${gadget?.id ?? '?'}`);
    expect(reason).toMatch(/one record per name/);
    expect(reason).toMatch(/another name/);
    expect(await w.s.writeCalls()).toBe(writes);
    expect(await linkOf(w, id)).toBeUndefined();
    expect((await products(w.s)).find((p) => p.Product_Name === 'Crm Gadget')?.Unit_Price).toBe(
      500,
    );

    later();
    expect((await w.s.sync()).items).toEqual([]);

    await w.s.owner.patch(`/api/items/${id}`, { name: 'Crm Gadget Mini' });
    later();
    const renamed = await w.s.sync();
    expect(renamed.items).toEqual([
      expect.objectContaining({
        localId: id,
        action: 'pushed',
        reason: expect.stringMatching(/^created in the CRM/),
      }),
    ]);
    const mini = (await products(w.s)).find((p) => p.Product_Name === 'Crm Gadget Mini');
    expect(mini).toMatchObject({ Unit_Price: 700 });
    expect(await linkOf(w, id)).toMatchObject({ crm_id: mini?.id, status: 'linked' });
  });

  it('two new items duplicating one product: neither is linked or sent, both held for a person', async () => {
    const w = await setUp('both', 'overwrite');
    const second = await w.s.owner.post('/api/items', { name: 'widget', rate: 900 });
    expect(second.status).toBe(201);
    const ids = [w.kanjo.widget, String(second.json.id)];
    w.s.t.clock.advance(60_000);
    const run = await w.s.sync();
    expect(run.run.status).toBe('succeeded');
    for (const id of ids) {
      expect(await linkOf(w, id)).toBeUndefined();
      const said = runItem(run, { localId: id, direction: 'outbound' });
      expect(said).toEqual([expect.objectContaining({ action: 'held', crmId: w.crm.widget })]);
      expect(said[0]?.reason).toMatch(/choose/);
    }
    // Both wait as the CRM product's candidates, for the items' pages to offer the choice.
    const holds = await w.s.t.sql.all<{ local_id: string }>(
      'SELECT local_id FROM crm_holds WHERE crm_id = ? ORDER BY local_id',
      w.crm.widget,
    );
    expect(holds.map((h) => h.local_id)).toEqual([...ids].sort());
    // The CRM's Widget is as it was, and no second one was made.
    const widgets = (await products(w.s)).filter((p) => /^widget$/i.test(String(p.Product_Name)));
    expect(productLines(widgets)).toEqual([['Widget', 'W-1', 1000, 'From the CRM', null]]);
    const items = await kanjoItems(w.s);
    expect(
      items
        .filter((i) => /^widget$/i.test(i.name))
        .map((i) => i.rate)
        .sort(),
    ).toEqual([1200, 900].sort());
  });
});
