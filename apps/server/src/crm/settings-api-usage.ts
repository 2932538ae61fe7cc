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
  await addCalls(db, organizationId, usageDay(now), calls);
}

async function addCalls(db: Db, organizationId: string, day: string, calls: number) {
  await db
    .insertInto('crm_api_usage')
    .values({ organization_id: organizationId, day, calls })
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

/** Calls counted in memory by day, for organizations whose CRM run holds its count. */
const heldCalls = new Map<string, { holders: number; days: Map<string, number> }>();

/**
 * While a CRM run goes, its organization's calls are counted in memory and
 * stored with the run's writes (`storeHeldCrmCalls` in each page's
 * transaction) instead of one commit a call; `release` stores what is left.
 * A reader of the usage meanwhile sees the calls up to the last page written.
 */
export function holdCrmCalls(organizationId: string): { release: (db: Db) => Promise<void> } {
  const held = heldCalls.get(organizationId) ?? { holders: 0, days: new Map<string, number>() };
  held.holders += 1;
  heldCalls.set(organizationId, held);
  let released = false;
  return {
    release: async (db) => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders === 0) heldCalls.delete(organizationId);
      await storeCalls(db, organizationId, held.days);
    },
  };
}

/** Stores the organization's held calls in `db` (a page's transaction), if it holds any. */
export async function storeHeldCrmCalls(db: Db, organizationId: string): Promise<void> {
  const held = heldCalls.get(organizationId);
  if (held) await storeCalls(db, organizationId, held.days);
}

/** Stores the counts by day; one that fails stays held, with those after it. */
async function storeCalls(db: Db, organizationId: string, days: Map<string, number>) {
  for (const [day, calls] of [...days]) {
    await addCalls(db, organizationId, day, calls);
    days.delete(day);
  }
}

/**
 * A fetch that counts every CRM API request (retries included: Zoho charges
 * each) for one organization. Token refreshes are not API calls and are not
 * counted. A failed count is logged, never turned into a failed CRM call.
 * While a run holds the organization's count (`holdCrmCalls`), a call is
 * counted in memory and stored with the run's next page.
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
    if (isTokenRequest(input)) return response;
    const held = heldCalls.get(organizationId);
    if (held) {
      const day = usageDay(clock());
      held.days.set(day, (held.days.get(day) ?? 0) + 1);
      return response;
    }
    // Awaited before answering, so a caller that reads the usage next sees this call.
    await recordCrmCalls(db, { organizationId, now: clock() }).catch((error: unknown) =>
      log.error('could not count a CRM API call', { organizationId, error: String(error) }),
    );
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
