import { describe, expect, it } from 'vitest';
import { makeTestApp, onSqlite, type TestApp } from './helpers';

/**
 * Every table of an organization's data is reached by `organization_id`
 * first (its primary key or an index leads with it): the column a sharded
 * PostgreSQL would distribute on, and what keeps one organization's reads
 * from scanning another's rows. Password resets are sign-in data, reached by
 * their user like sessions, and are left out on purpose.
 */
const SIGN_IN_TABLES = new Set(['password_resets']);

async function leadingColumns(t: TestApp): Promise<Map<string, Set<string>>> {
  const leading = new Map<string, Set<string>>();
  const add = (table: string, column: string | undefined) => {
    if (column === undefined) return;
    leading.set(table, new Set([...(leading.get(table) ?? []), column]));
  };
  if (onSqlite) {
    const tables = await t.sql.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    for (const { name } of tables) {
      const columns = await t.sql.all<{ name: string; pk: number }>(
        `SELECT name, pk FROM pragma_table_info('${name}')`,
      );
      add(name, columns.find((column) => column.pk === 1)?.name);
      const indexes = await t.sql.all<{ name: string }>(
        `SELECT name FROM pragma_index_list('${name}')`,
      );
      for (const index of indexes) {
        const first = await t.sql.one<{ name: string }>(
          `SELECT name FROM pragma_index_info('${index.name}') WHERE seqno = 0`,
        );
        add(name, first?.name);
      }
    }
    return leading;
  }
  const firsts = await t.sql.all<{ table_name: string; column_name: string }>(
    `SELECT t.relname AS table_name, a.attname AS column_name
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
      WHERE n.nspname = current_schema()`,
  );
  for (const row of firsts) add(row.table_name, row.column_name);
  return leading;
}

async function organizationTables(t: TestApp): Promise<string[]> {
  if (onSqlite) {
    const tables = await t.sql.all<{ name: string }>(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
        WHERE m.type = 'table' AND c.name = 'organization_id'`,
    );
    return tables.map((row) => row.name);
  }
  const tables = await t.sql.all<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'organization_id'`,
  );
  return tables.map((row) => row.table_name);
}

describe('the schema', () => {
  it('reaches every table of an organization’s data by organization_id first', async () => {
    const t = await makeTestApp();
    const leading = await leadingColumns(t);
    const tables = await organizationTables(t);
    expect(tables.length).toBeGreaterThan(20);
    const notLed = tables.filter(
      (table) => !SIGN_IN_TABLES.has(table) && !leading.get(table)?.has('organization_id'),
    );
    expect(notLed).toEqual([]);
  });
});
