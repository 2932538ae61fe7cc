import type { Kysely } from 'kysely';

/**
 * Kanjo inside the CRM and mail.
 *
 * - `crm_panel`: the per-connection secret the CRM signs panel URLs with
 *   (sealed by the secret box, like the other CRM secrets).
 * - `crm_profile_permissions`: per CRM profile, what its users may do with
 *   quotes, sales orders and invoices in the panel, and whether they see the
 *   receivables summary; JSON per profile.
 * - `mail_outbox`: every document sent by email, with the message as sent
 *   (the captured mail of the embedded default, or what went to SMTP).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_panel')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crm_profile_permissions')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_name', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_profile_permissions_pk', ['organization_id', 'profile_id'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** Where the message went: `captured` (kept here, the embedded default) or `smtp`. */
    .addColumn('transport', 'text', (c) => c.notNull())
    /** The raw RFC 5322 message (with its PDF attachment), for captured mail. */
    .addColumn('raw', 'blob')
    .addColumn('message_id', 'text')
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_outbox_recent')
    .on('mail_outbox')
    .columns(['organization_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('mail_outbox_document')
    .on('mail_outbox')
    .columns(['organization_id', 'document_id'])
    .execute();
}
