import type { Db } from './database';

/**
 * The organization's seq: bumped once by every committed write, stamped on the
 * rows and change log entries it wrote, and the cursor sync clients pull up to.
 */

/** The organization's seq now. */
export async function currentSeq(db: Db, organizationId: string): Promise<number> {
  const org = await db
    .selectFrom('organizations')
    .select('seq')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return org.seq;
}

/**
 * The seq and the oldest seq the change log still answers from, read together
 * (in the pull's transaction, so no write lands between them).
 */
export async function seqAndLogFloor(
  db: Db,
  organizationId: string,
): Promise<{ seq: number; logFloor: number }> {
  const org = await db
    .selectFrom('organizations')
    .select(['seq', 'log_floor'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { seq: org.seq, logFloor: org.log_floor };
}
