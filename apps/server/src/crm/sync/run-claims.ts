import pg from 'pg';

/**
 * Who may run the CRM work of an organization now. Inside one process the
 * runner's own map keeps one run per organization; instances sharing a
 * PostgreSQL database also claim the organization there, so a run is never
 * concurrent for one organization on any instance.
 */
export interface RunClaims {
  /** The claim, or null when another instance holds it. `release` ends it. */
  claim(organizationId: string): Promise<{ release: () => Promise<void> } | null>;
  /** Resolves once nobody holds the organization's claim. */
  released(organizationId: string): Promise<void>;
  close(): Promise<void>;
}

/** One process: the runner's map is the whole claim. */
export const inProcessClaims: RunClaims = {
  claim: () => Promise.resolve({ release: () => Promise.resolve() }),
  released: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/** The advisory lock key space of CRM runs (two int4 keys: this class and the organization's hash). */
const CRM_RUN_LOCK_CLASS = 0x4b4a4352; // "KJCR"

/**
 * Claims as PostgreSQL session advisory locks, each held on its own
 * connection for the run's length. An instance that dies (kill -9, a lost
 * host) drops its connections, and PostgreSQL releases their locks at once:
 * the claim of a crashed instance never outlives it, and the next run, on
 * any instance, takes over (and marks the dead run interrupted).
 */
export function postgresRunClaims(url: string, maxHeld = 20): RunClaims {
  const pool = new pg.Pool({ connectionString: url, max: maxHeld, idleTimeoutMillis: 10_000 });
  // A dropped idle connection must not take the process down.
  pool.on('error', () => undefined);
  const key = 'select $1::int as class, hashtext($2)::int as org';
  return {
    async claim(organizationId) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ ok: boolean }>(
          `with k as (${key}) select pg_try_advisory_lock(k.class, k.org) as ok from k`,
          [CRM_RUN_LOCK_CLASS, organizationId],
        );
        if (!rows[0]?.ok) {
          client.release();
          return null;
        }
      } catch (error) {
        client.release(true);
        throw error;
      }
      return {
        release: async () => {
          try {
            await client.query(
              `with k as (${key}) select pg_advisory_unlock(k.class, k.org) from k`,
              [CRM_RUN_LOCK_CLASS, organizationId],
            );
            client.release();
          } catch {
            // The connection is gone, and its lock with it.
            client.release(true);
          }
        },
      };
    },
    async released(organizationId) {
      const client = await pool.connect();
      try {
        // Waits behind the holder, then lets go at once.
        await client.query(
          `with k as (${key}) select pg_advisory_lock(k.class, k.org), pg_advisory_unlock(k.class, k.org) from k`,
          [CRM_RUN_LOCK_CLASS, organizationId],
        );
        client.release();
      } catch (error) {
        client.release(true);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
