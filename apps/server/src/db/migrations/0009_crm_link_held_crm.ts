import type { Kysely } from 'kysely';

/**
 * The CRM's value of each field held for a person (rule `ask`), kept on the
 * link when the field is held, so the conflict shows it without reading run
 * history. A link held before this has none: its CRM value shows after the
 * next read of the record (a sync that sees it change, or a re-sync).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('crm_links')
    .addColumn('held_crm', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}
