import type { FetchLike } from '@kanjo/crm-zoho';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Logger } from '../log';

/** The UTC day a call is counted on, `YYYY-MM-DD`. */
export const usageDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Adds `calls` to the organization's count for the day of `now`. */
export async function recordCrmCalls(
  db: Db,
  { organizationId, now, calls = 1 }: { organizationId: string; now: Date; calls?: number },
): Promise<void> {
  await db
    .insertInto('crm_api_usage')
    .values({ organization_id: organizationId, day: usageDay(now), calls })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'day'])
        // Qualified: PostgreSQL reads a bare `calls` as ambiguous beside `excluded.calls`.
        .doUpdateSet((eb) => ({ calls: sql<number>`${eb.ref('crm_api_usage.calls')} + ${calls}` })),
    )
    .execute();
}

/** CRM calls made for the organization on the UTC day of `now`. */
export async function crmCallsOn(db: Db, organizationId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('crm_api_usage')
    .select('calls')
    .where('organization_id', '=', organizationId)
    .where('day', '=', usageDay(now))
    .executeTakeFirst();
  return row?.calls ?? 0;
}

/**
 * A fetch that counts every CRM API request (retries included: Zoho charges
 * each) for one organization. Token refreshes are not API calls and are not
 * counted. A failed count is logged, never turned into a failed CRM call.
 *
 * @example
 * buildCrmProvider({ ...options, fetch: countingFetch({ db, clock, log, organizationId }) });
 */
export function countingFetch({
  db,
  clock,
  log,
  organizationId,
  fetch = globalThis.fetch,
}: {
  db: Db;
  clock: () => Date;
  log: Logger;
  organizationId: string;
  fetch?: FetchLike;
}): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!isTokenRequest(input)) {
      // Awaited before answering, so a caller that reads the usage next sees this call.
      await recordCrmCalls(db, { organizationId, now: clock() }).catch((error: unknown) =>
        log.error('could not count a CRM API call', { organizationId, error: String(error) }),
      );
    }
    return response;
  };
}

function isTokenRequest(input: string): boolean {
  try {
    return new URL(input).pathname.startsWith('/oauth/');
  } catch {
    return false;
  }
}
