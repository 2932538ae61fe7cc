import type { Kysely } from 'kysely';

/**
 * An organization's CRM sync rules and pause switch, and
 * its CRM API calls per UTC day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    // Null until an admin saves: the defaults apply, and may improve with releases.
    .addColumn('settings', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema
    .createTable('crm_api_usage')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_api_usage_pk', ['organization_id', 'day'])
    .execute();
}
