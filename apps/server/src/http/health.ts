import { sql } from 'kysely';
import type { Context } from 'hono';
import type { Db } from '../db/database';
import { dialectOf } from '../db/dialect';
import { errorBody } from './errors';

/** How long a load balancer's probe waits for the database before calling the instance unhealthy. */
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * `GET /api/health`, for a load balancer: 200 `{ ok, database }` when this
 * instance can reach its database within two seconds, else 503
 * DATABASE_UNREACHABLE, so traffic goes to instances that can serve it.
 */
export async function health(c: Context, db: Db): Promise<Response> {
  const database = dialectOf(db);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
    return c.json({ ok: true, database });
  } catch {
    // Unauthenticated: the answer says which, never why (addresses, drivers' words).
    return c.json(
      errorBody('DATABASE_UNREACHABLE', `The ${database} database does not answer.`),
      503,
    );
  } finally {
    clearTimeout(timer);
  }
}
