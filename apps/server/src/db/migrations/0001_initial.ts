import { sql, type Kysely } from 'kysely';

const entityTables = ['customers', 'items', 'quotes', 'sales_orders', 'invoices', 'payments'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
  await db.schema.createIndex('users_org').on('users').column('organization_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();

  await db.schema
    .createTable('number_sequences')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['organization_id', 'kind'])
    .execute();

  await db.schema
    .createTable('change_log')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('mutation', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_log_pk', ['organization_id', 'seq', 'entity', 'entity_id'])
    .execute();

  for (const table of entityTables) {
    await db.schema
      .createTable(table)
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('search', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text')
      .addColumn('status', 'text')
      .addColumn('number', 'text')
      .addColumn('deleted_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // Ids are made by clients, so they are unique per organization, not globally:
      // one tenant can never learn that another tenant's id exists.
      .addPrimaryKeyConstraint(`${table}_pk`, ['organization_id', 'id'])
      .execute();
    await db.schema
      .createIndex(`${table}_list`)
      .on(table)
      .columns(['organization_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex(`${table}_ref`)
      .on(table)
      .columns(['organization_id', 'ref_id'])
      .execute();
  }
  await sql`create unique index invoices_number on invoices (organization_id, number) where number is not null`.execute(
    db,
  );
  await sql`create unique index quotes_number on quotes (organization_id, number) where number is not null`.execute(
    db,
  );
  await sql`create unique index sales_orders_number on sales_orders (organization_id, number) where number is not null`.execute(
    db,
  );
}
