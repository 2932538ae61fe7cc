import 'fake-indexeddb/auto';
import type { Customer, PullResponse, SyncChange } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { applyPullPage, resetForResync } from '$lib/sync/rebase';
import { sortByText } from '$lib/ui/search';
import { uuidv7 } from './ids';
import { mutateLocal } from './mutate';
import { readFirstRows, readRowsInOrder, rebuildOrder, TOP_IDS } from './order';
import type { KanjoDB } from './schema';
import { openTestDb, ownerIdentity as identity, TEST_NOW as now } from '../../../test/test-db';
import { SORT_NAMES } from '../../../test/sort-names';

const NAMES = SORT_NAMES;

/** The customer ids in the order the list always showed: every row sorted by name, ties by id. */
async function listOrder(db: KanjoDB, locale = 'en'): Promise<string[]> {
  const rows = await db.customers.toArray();
  return sortByText(rows, (row) => row.displayName, locale).map((row) => row.id);
}

/** The stored order's ids; its top (what a first screen reads) must agree with it. */
async function storedOrder(db: KanjoDB): Promise<string[] | undefined> {
  const order = await db._order.get('customer');
  const top = await db._orderTop.get('customer');
  expect(top).toEqual({
    entity: 'customer',
    locale: order?.locale,
    total: order?.ids.length,
    ids: order?.ids.slice(0, TOP_IDS),
  });
  return order?.ids;
}

async function create(db: KanjoDB, displayName: string, id = uuidv7()): Promise<string> {
  const args = { kind: 'business', displayName };
  await mutateLocal(db, identity, { name: 'customer.create', entityId: id, args, now });
  return id;
}

function change(row: Customer, op: 'put' | 'delete' = 'put'): SyncChange {
  return { entity: 'customer', op, id: row.id, row, version: row.version };
}

function pullPage(changes: SyncChange[], cursor: number): PullResponse {
  return { changes, cursor, hasMore: false, lastSeq: 0, rejections: [] };
}

describe('the stored order of the customer list', () => {
  it('places created customers as the list sorts them, ties by id', async () => {
    const db = await openTestDb();
    for (const name of [...NAMES, 'apple']) await create(db, name);
    const order = await storedOrder(db);
    expect(order).toEqual(await listOrder(db));
    expect(order).toHaveLength(NAMES.length + 1);
  });

  it('moves a renamed customer and drops a deleted one', async () => {
    const db = await openTestDb();
    const ids = [];
    for (const name of NAMES) ids.push(await create(db, name));
    const [renamed = '', deleted = ''] = ids;
    await mutateLocal(db, identity, {
      name: 'customer.patch',
      entityId: renamed,
      args: { displayName: 'Zebra' },
      now,
    });
    await mutateLocal(db, identity, { name: 'customer.delete', entityId: deleted, args: {}, now });
    const order = await storedOrder(db);
    expect(order).toEqual(await listOrder(db));
    // After every Latin name (kana and kanji come later in English).
    expect(order?.indexOf(renamed)).toBe(5);
    expect(order).not.toContain(deleted);
  });

  it('follows a pull page of server rows and the rebase of pending edits', async () => {
    const db = await openTestDb();
    const pending = await create(db, 'Mango');
    const template = (await db.customers.get(pending)) as Customer;
    const rows = NAMES.map((displayName) => ({ ...template, id: uuidv7(), displayName }));
    await applyPullPage(
      db,
      identity,
      pullPage(
        rows.map((row) => change(row)),
        rows.length,
      ),
      now,
    );
    // The pending create re-ran on top: it is still listed, in its place.
    expect(await storedOrder(db)).toEqual(await listOrder(db));
    expect(await storedOrder(db)).toContain(pending);

    const renamed = { ...rows[0], displayName: 'aardvark' } as Customer;
    const gone = rows[1] as Customer;
    await applyPullPage(
      db,
      identity,
      pullPage([change(renamed), change(gone, 'delete')], rows.length + 2),
      now,
    );
    const order = await storedOrder(db);
    expect(order).toEqual(await listOrder(db));
    // Right after the names that start with digits.
    expect(order?.indexOf(renamed.id)).toBe(2);
    expect(order).not.toContain(gone.id);
  });

  it('empties on a resync and fills again from the rows that come back', async () => {
    const db = await openTestDb();
    const pending = await create(db, 'Mango');
    const template = (await db.customers.get(pending)) as Customer;
    await db._outbox.clear();
    await db._base.clear();
    const kept = { ...template, id: uuidv7(), displayName: 'Kept' };
    await resetForResync(db);
    expect(await storedOrder(db)).toEqual([]);
    await applyPullPage(db, identity, pullPage([change(kept)], 1), now);
    expect(await storedOrder(db)).toEqual([kept.id]);
  });

  it('is sorted again for another language, as the list sorts in it', async () => {
    const db = await openTestDb();
    for (const name of NAMES) await create(db, name);
    await rebuildOrder(db, 'customer', 'ja');
    expect((await db._order.get('customer'))?.locale).toBe('ja');
    expect(await storedOrder(db)).toEqual(await listOrder(db, 'ja'));
    // Later writes keep the language the order is sorted for.
    await create(db, 'さ');
    expect(await storedOrder(db)).toEqual(await listOrder(db, 'ja'));
  });
});

describe('reading a list in its stored order', () => {
  it('gives the first screen and every row in the order the list always showed', async () => {
    const db = await openTestDb();
    for (const name of NAMES) await create(db, name);
    const expected = await listOrder(db);
    const first = await readFirstRows(db, 'customer', 'en', 3);
    expect(first?.total).toBe(NAMES.length);
    expect(first?.rows.map((row) => row.id)).toEqual(expected.slice(0, 3));
    expect((await readRowsInOrder(db, 'customer', 'en')).map((row) => row.id)).toEqual(expected);
  });

  it('sorts the rows itself when the order is for another language', async () => {
    const db = await openTestDb();
    for (const name of NAMES) await create(db, name);
    expect(await readFirstRows(db, 'customer', 'ja', 3)).toBeNull();
    const rows = await readRowsInOrder(db, 'customer', 'ja');
    expect(rows.map((row) => row.id)).toEqual(await listOrder(db, 'ja'));
  });
});
