import { sql, type Kysely } from 'kysely';

const entityTables = ['customers', 'items', 'quotes', 'sales_orders', 'invoices', 'payments'];

/**
 * Sync: per-client progress and stored results (exactly-once push),
 * per-field write metadata and conflicts, and the change log floor
 * below which pull cursors have expired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of entityTables) {
    // field → { version, userId, clientId } of the last write that changed it.
    await db.schema
      .alterTable(table)
      .addColumn('field_meta', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  }
  await db.schema
    .alterTable('organizations')
    .addColumn('log_floor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('change_log_entity')
    .on('change_log')
    .columns(['organization_id', 'entity', 'entity_id', 'seq'])
    .execute();

  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_results')
    .addColumn('client_id', 'text', (c) => c.notNull().references('sync_clients.client_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('version', 'integer')
    .addColumn('args', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_results_pk', ['client_id', 'seq'])
    .execute();
  await sql`create index sync_results_rejected on sync_results (client_id, seq) where status = 'rejected'`.execute(
    db,
  );

  await db.schema
    .createTable('conflicts')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('winning_value', 'text', (c) => c.notNull())
    .addColumn('losing_value', 'text', (c) => c.notNull())
    .addColumn('winner_user_id', 'text', (c) => c.notNull())
    .addColumn('winner_client_id', 'text')
    .addColumn('loser_user_id', 'text', (c) => c.notNull())
    .addColumn('loser_client_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text')
    .addPrimaryKeyConstraint('conflicts_pk', ['organization_id', 'id'])
    .execute();
  await db.schema
    .createIndex('conflicts_list')
    .on('conflicts')
    .columns(['organization_id', 'resolved_at', 'created_at'])
    .execute();
}
