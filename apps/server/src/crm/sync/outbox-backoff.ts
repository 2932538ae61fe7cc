import type { Db } from '../../db/database';
import type { CrmSyncEntity } from '../../db/schema';

const MINUTE_MS = 60_000;
const MAX_DELAY_MS = 6 * 60 * MINUTE_MS;

/**
 * How long a record that failed `attempts` times waits before automatic runs
 * send it again: 2^attempts minutes, at most 6 hours. No jitter: runs are
 * per organization and already spread by the scheduler.
 *
 * @example retryDelayMs(1) // 120_000
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts, 0) * MINUTE_MS, MAX_DELAY_MS);
}

/**
 * Sets `next_attempt_at` from the row's attempts (already counted by
 * `failOutbox`), in the caller's transaction.
 */
export async function deferOutbox(
  trx: Db,
  row: { organizationId: string; entity: CrmSyncEntity; localId: string; now: Date },
): Promise<void> {
  const current = await trx
    .selectFrom('crm_outbox')
    .select('attempts')
    .where('organization_id', '=', row.organizationId)
    .where('entity', '=', row.entity)
    .where('local_id', '=', row.localId)
    .executeTakeFirst();
  if (!current) return;
  const next = new Date(row.now.getTime() + retryDelayMs(current.attempts));
  await trx
    .updateTable('crm_outbox')
    .set({ next_attempt_at: next.toISOString() })
    .where('organization_id', '=', row.organizationId)
    .where('entity', '=', row.entity)
    .where('local_id', '=', row.localId)
    .execute();
}

/** The queued records of an entity not yet due at `now` (waiting out their backoff). */
export async function notDueOutbox(
  db: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  now: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('crm_outbox')
    .select('local_id')
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .where('next_attempt_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.local_id));
}
