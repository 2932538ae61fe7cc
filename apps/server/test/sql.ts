import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Db } from '../src/db/database';

/**
 * Raw SQL for tests that look under the app, on whichever database it runs:
 * `?` placeholders as SQLite writes them, rows as better-sqlite3 answers them.
 * The text must be SQL both SQLite and Postgres accept.
 */
export interface TestSql {
  /** Every row. */
  all<T extends object = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined when there is none. */
  one<T extends object = Record<string, unknown>>(
    text: string,
    ...params: unknown[]
  ): Promise<T | undefined>;
  /** Runs a write; answers how many rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
}

export function testSql(db: Db): TestSql {
  const onPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const execute = <T>(text: string, params: unknown[]) =>
    db.executeQuery<T>(CompiledQuery.raw(onPostgres ? numberedPlaceholders(text) : text, params));
  return {
    all: async <T>(text: string, ...params: unknown[]) => (await execute<T>(text, params)).rows,
    one: async <T>(text: string, ...params: unknown[]) => (await execute<T>(text, params)).rows[0],
    run: async (text, ...params) => Number((await execute(text, params)).numAffectedRows ?? 0),
  };
}

/**
 * Postgres numbers its placeholders: each `?` becomes `$1`, `$2`, … in order.
 * A `?` inside a quoted string literal or identifier is text, and stays.
 */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  // Quoted parts (with their doubled-quote escapes) match whole and are kept.
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (part) =>
    part === '?' ? `$${++n}` : part,
  );
}
