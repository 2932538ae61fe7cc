import { sql } from 'kysely';
import { writeTransaction, type Db } from '../db/database';
import { entityTable } from '../db/entities';
import type { Logger } from '../log';

export const TOMBSTONE_RETENTION_DAYS = 30;

export interface CompactionResult {
  /** Entries removed because a newer entry of the same entity exists. */
  superseded: number;
  /** Entries of rows soft-deleted longer ago than the retention. */
  expired: number;
}

/**
 * Shrinks the change log without breaking pull:
 *
 * 1. Keep only the newest entry per (entity, id). Any cursor stays valid: an
 *    entity whose older entry is removed still has a newer one after that
 *    cursor, and pull sends the current row anyway.
 * 2. Drop the entries of rows soft-deleted over 30 days ago, and raise the
 *    organization's log floor to the highest seq dropped: a client behind the
 *    floor may hold such a row without having seen its delete, so its cursor
 *    answers 410 and it resyncs from 0.
 *
 * One write transaction per organization; `organizationId` limits it to one tenant.
 */
export async function compactChangeLog({
  db,
  now,
  organizationId,
  retentionDays = TOMBSTONE_RETENTION_DAYS,
}: {
  db: Db;
  now: Date;
  organizationId?: string;
  retentionDays?: number;
}): Promise<CompactionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const organizations = organizationId
    ? [organizationId]
    : (await db.selectFrom('organizations').select('id').execute()).map((o) => o.id);
  const total: CompactionResult = { superseded: 0, expired: 0 };
  for (const id of organizations) {
    const done = await compactOrganization(db, id, cutoff);
    total.superseded += done.superseded;
    total.expired += done.expired;
  }
  return total;
}

/** One organization's compaction, in its own write transaction (its writers wait, others go on). */
function compactOrganization(
  db: Db,
  organizationId: string,
  cutoff: string,
): Promise<CompactionResult> {
  return writeTransaction(db, organizationId, async (trx) => {
    const superseded = await sql`
      delete from change_log where organization_id = ${organizationId} and seq < (
        select max(newer.seq) from change_log newer
        where newer.organization_id = change_log.organization_id
          and newer.entity = change_log.entity and newer.entity_id = change_log.entity_id)`.execute(
      trx,
    );
    let expired = 0n;
    for (const [entity, table] of Object.entries(entityTable)) {
      const deletedLongAgo = sql`exists (
        select 1 from ${sql.table(table)} t
        where t.organization_id = change_log.organization_id and t.id = change_log.entity_id
          and t.deleted_at is not null and t.deleted_at < ${cutoff})`;
      const floor = await sql<{ top: number | null }>`
        select max(seq) as top from change_log
        where organization_id = ${organizationId} and entity = ${entity} and ${deletedLongAgo}`.execute(
        trx,
      );
      const top = floor.rows[0]?.top;
      if (top === null || top === undefined) continue;
      await trx
        .updateTable('organizations')
        .set({ log_floor: top })
        .where('id', '=', organizationId)
        .where('log_floor', '<', top)
        .execute();
      const removed = await sql`
        delete from change_log where organization_id = ${organizationId} and entity = ${entity}
          and ${deletedLongAgo}`.execute(trx);
      expired += removed.numAffectedRows ?? 0n;
    }
    return { superseded: Number(superseded.numAffectedRows ?? 0n), expired: Number(expired) };
  });
}

/**
 * Runs compaction now and then every `everyMs` (default daily) until the
 * returned stop function is called. Failures are logged, never thrown.
 */
export function scheduleCompaction({
  db,
  clock,
  log,
  everyMs = 86_400_000,
}: {
  db: Db;
  clock: () => Date;
  log: Logger;
  everyMs?: number;
}): () => void {
  const run = () => {
    compactChangeLog({ db, now: clock() }).then(
      (result) => log.info('change log compacted', { ...result }),
      (err: unknown) => log.error('change log compaction failed', { error: String(err) }),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
