import { todayIn, type MutationContext, type Organization, type Role } from '@kanjo/core';
import { seededUuidv7 } from './ids';
import { entityTable, type KanjoDB } from './schema';

/** Who edits, and under which organization settings. */
export interface LocalIdentity {
  organization: Organization;
  actor: { userId: string; role: Role };
}

/**
 * core's MutationContext over the local database, for the mutation with
 * outbox `seq` made at `now`: reads Dexie (inside the caller's transaction),
 * numbers stay pending (null) until the server issues them, and new ids are
 * derived from (user, seq, now) so every local re-run makes the same ones.
 */
export function localContext(
  db: KanjoDB,
  identity: LocalIdentity,
  { seq, now }: { seq: number; now: string },
): MutationContext {
  let counter = 0;
  const ms = Date.parse(now);
  return {
    organization: identity.organization,
    actor: identity.actor,
    now,
    today: todayIn(identity.organization.timezone, new Date(ms)),
    newId: () => seededUuidv7(ms, `${identity.actor.userId}:${seq}:${++counter}`),
    read: async (entity, id) => entityTable(db, entity).get(id),
    // The deals this device pulled: a tombstoned deal is gone from the table.
    readDeal: async (id) => {
      const deal = await db.deals.get(id);
      return deal && { customerId: deal.customerId };
    },
    allocateNumber: () => Promise.resolve(null),
  };
}
