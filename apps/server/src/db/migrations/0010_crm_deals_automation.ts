import type { Kysely } from 'kysely';

/**
 * Deals, deal-stage automation and CRM notification channels.
 *
 * - `deals`: every CRM deal read, raw (`crm_record`), and — when its Account
 *   (or Contact) is a synced customer — the cached deal the PWA pulls (`data`).
 *   A deal whose customer is linked later gets its `data` then.
 * - `crm_automation_done`: one row per deal and trigger acted on, written in
 *   the transaction that made the document: the key that makes automation
 *   exactly-once whatever the retries and duplicate notifications.
 * - `crm_automation_log`: every evaluation step, acted or skipped, with why.
 * - `crm_automation_settings`: the rules, and when they were turned on.
 * - `crm_channels`: notification channels; only a SHA-256 of each token.
 * - `crm_outbox.actor_user_id`: who caused a CRM write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deals')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('crm_account_id', 'text')
    .addColumn('crm_contact_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('crm_record', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('crm_modified_time', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deals_pk', ['organization_id', 'id'])
    .execute();
  await db.schema
    .createIndex('deals_customer')
    .on('deals')
    .columns(['organization_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('deals_account')
    .on('deals')
    .columns(['organization_id', 'crm_account_id'])
    .execute();
  await db.schema
    .createIndex('deals_contact')
    .on('deals')
    .columns(['organization_id', 'crm_contact_id'])
    .execute();

  await db.schema
    .createTable('crm_automation_done')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_automation_done_pk', ['organization_id', 'deal_id', 'trigger'])
    .execute();

  await db.schema
    .createTable('crm_automation_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('deal_name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('document_kind', 'text')
    .addColumn('document_id', 'text')
    .addColumn('document_number', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('crm_automation_log_recent')
    .on('crm_automation_log')
    .columns(['organization_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('crm_automation_log_document')
    .on('crm_automation_log')
    .columns(['organization_id', 'document_id'])
    .execute();
  await db.schema
    .createIndex('crm_automation_log_deal')
    .on('crm_automation_log')
    .columns(['organization_id', 'deal_id'])
    .execute();

  await db.schema
    .createTable('crm_automation_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crm_channels')
    .addColumn('channel_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'blob', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('renewed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('crm_channels_org')
    .on('crm_channels')
    .columns(['organization_id', 'crm_module'])
    .execute();

  await db.schema.alterTable('crm_outbox').addColumn('actor_user_id', 'text').execute();
}
