import 'fake-indexeddb/auto';
import { DomainError, type Deal } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';
import { mutateLocal } from './mutate';
import { openTestDb, ownerIdentity as identity, TEST_NOW as now } from '../../../test/test-db';

function deal(id: string, customerId: string): Deal {
  return {
    id,
    customerId,
    customerModule: 'Accounts',
    name: `Deal ${id}`,
    stage: 'Qualification',
    probability: 10,
    amount: 1000,
    currency: 'JPY',
    closingDate: null,
    owner: null,
    description: null,
    pipeline: null,
    crmCreatedTime: null,
    crmModifiedTime: null,
    syncedAt: now.toISOString(),
    version: 1,
  };
}

describe('a deal link on the device, offline', () => {
  it('takes the customer’s own deal and refuses another customer’s before queueing it', async () => {
    const db = await openTestDb();
    const [acme, globex] = [uuidv7(), uuidv7()];
    for (const [id, displayName] of [
      [acme, 'Acme'],
      [globex, 'Globex'],
    ] as const) {
      await mutateLocal(db, identity, {
        name: 'customer.create',
        entityId: id,
        args: { kind: 'business', displayName },
        now,
      });
    }
    await db.deals.bulkPut([deal('5001', acme), deal('5002', globex)]);
    const queued = await db._outbox.count();
    const quote = (dealId: string) =>
      mutateLocal(db, identity, {
        name: 'quote.create',
        entityId: uuidv7(),
        args: { customerId: acme, dealId, lines: [] },
        now,
      });

    await expect(quote('5002')).rejects.toBeInstanceOf(DomainError);
    await expect(quote('5002')).rejects.toMatchObject({ code: 'DEAL_NOT_OF_CUSTOMER' });
    expect(await db._outbox.count()).toBe(queued);
    await quote('5001');
    expect(await db._outbox.count()).toBe(queued + 1);
  });
});
