import type { SyncEntity } from '@kanjo/core';
import type { Db } from '../db/database';

/** One change_log entry: pull delivers the entity's current row for every entry after a cursor. */
export interface ChangeEntry {
  organizationId: string;
  seq: number;
  entity: SyncEntity;
  entityId: string;
  op: 'put' | 'delete';
  mutation: string;
  actorUserId: string | null;
  now: string;
}

/** Rows per insert: far below both engines' limits on bound parameters (8 per row). */
const ROWS_PER_INSERT = 500;

export async function appendChange(trx: Db, entry: ChangeEntry): Promise<void> {
  await appendChanges(trx, [entry]);
}

/** Many entries, a few hundred rows per statement: a push of a hundred mutations writes them at once. */
export async function appendChanges(trx: Db, entries: readonly ChangeEntry[]): Promise<void> {
  for (let from = 0; from < entries.length; from += ROWS_PER_INSERT) {
    await trx
      .insertInto('change_log')
      .values(
        entries.slice(from, from + ROWS_PER_INSERT).map((entry) => ({
          organization_id: entry.organizationId,
          seq: entry.seq,
          entity: entry.entity,
          entity_id: entry.entityId,
          op: entry.op,
          mutation: entry.mutation,
          actor_user_id: entry.actorUserId,
          created_at: entry.now,
        })),
      )
      .execute();
  }
}
