import type { Kysely } from 'kysely';

/**
 * Pairs of a Kanjo record and a CRM record that wait for a person instead of
 * syncing: an ambiguous match (one row per Kanjo candidate of the CRM record),
 * or a pair a person kept apart (unlinked, or chose another record). While a
 * side has no link, the sync neither matches, links nor sends it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_holds')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('crm_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_holds_pk', [
      'organization_id',
      'entity',
      'local_id',
      'crm_module',
      'crm_id',
    ])
    .execute();
  await db.schema
    .createIndex('crm_holds_by_crm')
    .on('crm_holds')
    .columns(['organization_id', 'crm_module', 'crm_id'])
    .execute();
}
