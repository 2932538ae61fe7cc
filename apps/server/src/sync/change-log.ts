import type { SyncEntity } from '@kanjo/core';
import type { Db } from '../db/database';

/** One change_log entry: pull delivers the entity's current row for every entry after a cursor. */
export async function appendChange(
  trx: Db,
  entry: {
    organizationId: string;
    seq: number;
    entity: SyncEntity;
    entityId: string;
    op: 'put' | 'delete';
    mutation: string;
    actorUserId: string | null;
    now: string;
  },
): Promise<void> {
  await trx
    .insertInto('change_log')
    .values({
      organization_id: entry.organizationId,
      seq: entry.seq,
      entity: entry.entity,
      entity_id: entry.entityId,
      op: entry.op,
      mutation: entry.mutation,
      actor_user_id: entry.actorUserId,
      created_at: entry.now,
    })
    .execute();
}
