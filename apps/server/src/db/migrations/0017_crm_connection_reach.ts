import type { Kysely } from 'kysely';

/**
 * What the connected CRM user may do, read at connect and at each test.
 *
 * - `crm_connections.crm_reach`: JSON of the CRM user's profile and, per
 *   module the integration uses, whether it may view, create and edit
 *   records — or why that could not be read. Null until the next connect or
 *   test (a connection made before this migration): nothing is left out then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crm_connections').addColumn('crm_reach', 'text').execute();
}
