import type { Kysely } from 'kysely';

/**
 * CRM records that failed to come in: how often, at which Modified_Time. The
 * cursor waits before such a record for a few runs, then moves past it, so
 * one record that can never be imported does not make every run read again
 * everything changed since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_inbound_failures')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('crm_modified_time', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error_code', 'text', (c) => c.notNull())
    .addColumn('last_error_message', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_inbound_failures_pk', ['organization_id', 'crm_module', 'crm_id'])
    .execute();
}
