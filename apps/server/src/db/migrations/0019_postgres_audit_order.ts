import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The CRM connection's audit breaks ties of its clock by insertion order,
 * which SQLite keeps in every table's `rowid`. PostgreSQL has no such column:
 * there it is an identity column of the same name, so one query reads both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table crm_connection_audit add column rowid bigint generated always as identity`.execute(
    db,
  );
}
