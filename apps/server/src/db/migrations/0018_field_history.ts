import type { Kysely } from 'kysely';

const ENTITY_TABLES = ['customers', 'items', 'quotes', 'sales_orders', 'invoices', 'payments'];

/**
 * Field history for edits that cross the CRM.
 *
 * - `<entity>.field_history`: per leaf field (`phone`, `billingAddress.city`,
 *   `contactPersons.<id>.email`) the last few writes of it: the seq, whether
 *   the CRM sync made it, who, and the value it replaced. A device edit based
 *   on an older version is then compared with the value it was based on, so a
 *   stale copy of a field is not mistaken for an edit, and an edit concurrent
 *   with a CRM write is decided by the organization's conflict rule.
 * - `conflicts.crm_rule`: set when that rule decided the conflict
 *   (`crmWins`, `kanjoWins`, or `ask`: held until a person chooses).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ENTITY_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('field_history', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  }
  await db.schema.alterTable('conflicts').addColumn('crm_rule', 'text').execute();
}
