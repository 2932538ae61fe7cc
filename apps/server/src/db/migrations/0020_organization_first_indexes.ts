import { type Kysely } from 'kysely';

/**
 * Every table of an organization's data is reached by `organization_id`
 * first, the column a sharded PostgreSQL would distribute on. Two tables
 * were keyed by another id only: a run's history items (by run) and the sync
 * clients (by client id); each gets an index that leads with the organization.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('crm_run_items_by_organization')
    .on('crm_run_items')
    .columns(['organization_id', 'run_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('sync_clients_by_organization')
    .on('sync_clients')
    .columns(['organization_id', 'client_id'])
    .execute();
}
