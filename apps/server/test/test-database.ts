import type SQLite from 'better-sqlite3';
import { inject } from 'vitest';
import { openDatabase, openPostgres, type Db } from '../src/db/database';
import { createDatabaseAt } from './postgres-cluster';

/**
 * Which database this run of the server suite is on: the Postgres project
 * (apps/server/vitest.postgres.config.ts) runs the same tests on PostgreSQL.
 */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.KANJO_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  /** The SQLite handle, on SQLite only. */
  sqlite: SQLite.Database | undefined;
  /** Where it lives: the SQLite file or the Postgres database's address (open it again to restart). */
  location: string;
}

/**
 * A fresh database for one test app, or the one at `location` again: on
 * SQLite a file, on Postgres a new database of the run's server.
 */
export async function openTestDatabase(
  location: string | undefined,
  sqliteFile: () => string,
): Promise<TestDatabase> {
  if (testDialect === 'postgres') {
    const url =
      location ?? (await createDatabaseAt(inject('postgresAdminUrl'), inject('postgresTemplate')));
    // Small pools that let go of idle connections: a test file makes many apps on one server.
    const { db } = await openPostgres({ url, poolSize: 4, idleTimeoutMs: 1_000 });
    return { db, sqlite: undefined, location: url };
  }
  const file = location ?? sqliteFile();
  const { db, sqlite } = await openDatabase({ filename: file });
  return { db, sqlite, location: file };
}
