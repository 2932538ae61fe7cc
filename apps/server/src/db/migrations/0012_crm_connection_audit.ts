import { sql, type Kysely } from 'kysely';

/**
 * Who changed the CRM connection, and how.
 *
 * - `crm_connection_audit`: one row per change of an organization's CRM
 *   connection (connect, changed fields, replaced secrets, disable, enable,
 *   verify, remove) and per refused attempt to move it to another host without
 *   its secrets. Field names only: never a secret's value. Kept when the
 *   connection itself is removed.
 * - `mail_outbox` may now hold mail that is not about a document (the owner's
 *   notice of an admin's change to the connection): its document columns become
 *   nullable. SQLite cannot drop NOT NULL in place, so the table is rebuilt with
 *   the same rows and indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_connection_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    /** A Kanjo user id, or null for the server itself (the embedded demo CRM). */
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    /** JSON list of the changed field names, e.g. `["apiDomain","clientSecret"]`. */
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('client_address', 'text')
    .execute();
  await db.schema
    .createIndex('crm_connection_audit_recent')
    .on('crm_connection_audit')
    .columns(['organization_id', 'at'])
    .execute();

  await db.schema
    .createTable('mail_outbox_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('document_kind', 'text')
    .addColumn('document_id', 'text')
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('raw', 'blob')
    .addColumn('message_id', 'text')
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO mail_outbox_next (id, organization_id, document_kind, document_id,
    to_addresses, cc_addresses, subject, body, transport, raw, message_id, sent_by, sent_at)
    SELECT id, organization_id, document_kind, document_id, to_addresses, cc_addresses,
    subject, body, transport, raw, message_id, sent_by, sent_at FROM mail_outbox`.execute(db);
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.alterTable('mail_outbox_next').renameTo('mail_outbox').execute();
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
