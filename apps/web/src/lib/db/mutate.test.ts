import 'fake-indexeddb/auto';
import { DomainError } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';
import { mutateLocal } from './mutate';
import { openTestDb, ownerIdentity as identity, TEST_NOW as now } from '../../../test/test-db';

describe('mutateLocal', () => {
  it('writes the row and its outbox entry in one commit', async () => {
    const db = await openTestDb();
    const id = uuidv7();
    const args = { kind: 'business', displayName: 'Acme' };
    await mutateLocal(db, identity, { name: 'customer.create', entityId: id, args, now });
    expect(await db.customers.get(id)).toMatchObject({ id, displayName: 'Acme', version: 0 });
    expect(await db._outbox.toArray()).toEqual([
      {
        seq: 1,
        name: 'customer.create',
        entityId: id,
        args,
        baseVersion: 0,
        createdAt: now.toISOString(),
      },
    ]);
    expect(await db._base.get(['customer', id])).toEqual({ entity: 'customer', id, row: null });
  });

  it('writes neither row nor outbox entry for a refused mutation, and keeps seqs contiguous', async () => {
    const db = await openTestDb();
    const refused = mutateLocal(db, identity, {
      name: 'invoice.create',
      entityId: uuidv7(),
      args: { customerId: 'nobody', lines: [] },
      now,
    });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    expect(await db.invoices.count()).toBe(0);
    expect(await db._outbox.count()).toBe(0);
    expect(await db._base.count()).toBe(0);

    const id = uuidv7();
    await mutateLocal(db, identity, {
      name: 'customer.create',
      entityId: id,
      args: { kind: 'individual', displayName: 'Ada' },
      now,
    });
    expect((await db._outbox.toArray()).map((entry) => entry.seq)).toEqual([1]);
  });

  it('bases an edit on the row version it read and queues the args as sent', async () => {
    const db = await openTestDb();
    const id = uuidv7();
    await db.customers.put({
      id,
      kind: 'business',
      displayName: 'Acme',
      contactPersons: [],
      customFields: {},
      version: 5,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    await mutateLocal(db, identity, {
      name: 'customer.patch',
      entityId: id,
      args: { displayName: 'Acme Ltd', notes: undefined },
      now,
    });
    const [entry] = await db._outbox.toArray();
    expect(entry).toMatchObject({ baseVersion: 5, args: { displayName: 'Acme Ltd' } });
    expect(await db._base.get(['customer', id])).toMatchObject({ row: { displayName: 'Acme' } });
    expect(await db.customers.get(id)).toMatchObject({ displayName: 'Acme Ltd', version: 5 });
  });
});
