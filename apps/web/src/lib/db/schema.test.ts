import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, SCHEMA_V2, createDatabase, databaseName } from './schema';

describe('schema upgrades', () => {
  it('opens a version 1 database with the current schema and keeps its data', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const v1 = new Dexie(databaseName(userId));
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    const customer = { id: 'c1', kind: 'business', displayName: 'Acme', version: 3 };
    await v1.table('customers').put(customer);
    await v1
      .table('_outbox')
      .add({ name: 'customer.patch', entityId: 'c1', args: {}, baseVersion: 3, createdAt: 'x' });
    await v1
      .table('_rejections')
      .put({ seq: 7, name: 'invoice.patch', entityId: 'i1', code: 'INVOICE_LOCKED', message: '' });
    await v1.table('_meta').put({ key: 'cursor', value: 42 });
    v1.close();

    const db = createDatabase(userId);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.customers.get('c1')).toEqual(customer);
    expect(await db._meta.get('cursor')).toEqual({ key: 'cursor', value: 42 });
    // Version 2's new index answers for rows written by version 1…
    expect(await db._outbox.where('entityId').equals('c1').count()).toBe(1);
    // …and its upgrade backfilled what the index needs.
    const rejection = await db._rejections.get(7);
    expect(rejection?.rejectedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await db._rejections.orderBy('rejectedAt').count()).toBe(1);
    db.close();
    await Dexie.delete(databaseName(userId));
  });

  it('fills the stored list order of a version 2 database from its rows', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const v2 = new Dexie(databaseName(userId));
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const names = { c1: 'banana', c2: 'Apple', c3: 'apple', c4: 'Éclair', c5: 'apple' };
    for (const [id, displayName] of Object.entries(names)) {
      await v2.table('customers').put({ id, kind: 'business', displayName, version: 1 });
    }
    v2.close();

    const db = createDatabase(userId);
    await db.open();
    // As the list sorted them: the collator, ties by id; rows themselves untouched.
    expect(await db._order.get('customer')).toEqual({
      entity: 'customer',
      locale: 'en',
      ids: ['c3', 'c5', 'c2', 'c1', 'c4'],
      texts: ['apple', 'apple', 'Apple', 'banana', 'Éclair'],
    });
    expect(await db._orderTop.get('customer')).toEqual({
      entity: 'customer',
      locale: 'en',
      total: 5,
      ids: ['c3', 'c5', 'c2', 'c1', 'c4'],
    });
    expect(await db.customers.get('c2')).toEqual({
      id: 'c2',
      kind: 'business',
      displayName: 'Apple',
      version: 1,
    });
    db.close();
    await Dexie.delete(databaseName(userId));
  });
});
