import SQLite from 'better-sqlite3';
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Db } from './database';

/**
 * The two databases Kanjo runs on: the embedded SQLite file (the default) and
 * PostgreSQL (`DATABASE_URL`), for several instances in front of one database.
 * Queries are written once in Kysely; the few spots where the SQL must differ
 * ask this module, so the difference lives in one place.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The text at `key` of a JSON object held in a text column (`data` of the
 * synced rows); null when absent.
 */
export function jsonText(db: Db, column: string, key: string): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/**
 * `column` holds `pattern` (a LIKE pattern whose `\` escapes `%`, `_` and
 * itself), letters matched without regard to case: SQLite's LIKE already
 * ignores ASCII case, PostgreSQL's ILIKE does.
 */
export function likeIgnoringCase(db: Db, column: string, pattern: string): RawBuilder<boolean> {
  const like = dialectOf(db) === 'postgres' ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${like} ${pattern} escape '\\'`;
}

/**
 * Text as every database can store it: PostgreSQL refuses the NUL character
 * in text, so a client's malformed value kept for the record (a rejected
 * mutation's id) has each NUL replaced by U+FFFD.
 */
export const storableText = (text: string): string => text.replaceAll('\u0000', '\uFFFD');

/** Socket failures of a database connection (the server went away, the network dropped). */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);

/**
 * The database refused or failed the statement (busy, I/O, a full disk, a
 * constraint or trigger, a lost connection): a transaction that met it rolled
 * back whole, and the same request may pass later. Anything else thrown
 * inside a transaction is a defect of ours.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof SQLite.SqliteError || error instanceof pg.DatabaseError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && CONNECTION_FAILURES.has(code)) ||
    /^Connection terminated/.test(error.message)
  );
}
