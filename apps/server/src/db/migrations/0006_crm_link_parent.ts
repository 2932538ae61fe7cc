import type { Kysely } from 'kysely';

/** Contact persons are linked to CRM Contacts: their link remembers the customer holding them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crm_links').addColumn('parent_id', 'text').execute();
}
