import { ZOHO_LIMITS, type CachedToken, type ZohoClientOptions } from '@kanjo/crm-zoho';
import { sql } from 'kysely';
import { transaction, type Db } from '../db/database';
import { dialectOf } from '../db/dialect';
import { openStored } from './connection';
import { loadConnectionRow, saveToken } from './connection-store';
import type { SecretBox } from './secret-box';

/** The advisory lock key space of CRM token refreshes (beside the runs' "KJCR"). */
const TOKEN_LOCK_CLASS = 0x4b4a544b; // "KJTK"

/** Refreshes waiting on each other in this process, per database and organization. */
const inProcess = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * One refresh of an organization's CRM access token at a time, across every
 * instance sharing the database: under the organization's refresh lock, a
 * token another instance kept meanwhile is taken instead of refreshing
 * again (unless it is the one being replaced), and a new one is kept before
 * the lock is let go, so the next in line finds it. Zoho allows 10
 * refreshes per 10 minutes per refresh token.
 */
export function sharedRefresh(
  deps: { db: Db; secrets: SecretBox; clock: () => Date },
  organizationId: string,
): NonNullable<ZohoClientOptions['shareRefresh']> {
  return (refresh, had) =>
    underRefreshLock(deps.db, organizationId, async (trx) => {
      const row = await loadConnectionRow(trx, organizationId);
      const kept = row ? openStored(deps.secrets, row).token : undefined;
      const usableUntil = deps.clock().getTime() + ZOHO_LIMITS.tokenRefreshMarginMs;
      if (kept && kept.accessToken !== had && kept.expiresAt > usableUntil) return kept;
      const token: CachedToken = await refresh();
      if (row) await saveToken(trx, deps.secrets, row, token);
      return token;
    });
}

/**
 * Runs `fn` holding the organization's refresh lock: on PostgreSQL a
 * transaction-scoped advisory lock (let go at commit, or when a dead
 * instance's connection drops); on SQLite, one process, a promise chain.
 */
async function underRefreshLock<T>(
  db: Db,
  organizationId: string,
  fn: (trx: Db) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    return transaction(db, sql`begin`, async (conn) => {
      await sql`select pg_advisory_xact_lock(${TOKEN_LOCK_CLASS}::int, hashtext(${organizationId})::int)`.execute(
        conn,
      );
      return fn(conn);
    });
  }
  let waiting = inProcess.get(db);
  if (!waiting) inProcess.set(db, (waiting = new Map()));
  const before = waiting.get(organizationId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => fn(db));
  waiting.set(organizationId, mine);
  try {
    return await mine;
  } finally {
    if (waiting.get(organizationId) === mine) waiting.delete(organizationId);
  }
}
