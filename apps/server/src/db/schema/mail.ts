import type { ColumnType } from 'kysely';

/** Mail waiting to be sent. */

/** Mail sent by Kanjo: the message as sent, and where it went. */
export interface MailOutboxTable {
  id: string;
  organization_id: string;
  /** The document it sent; null for a notice (e.g. of a CRM connection change). */
  document_kind: 'quote' | 'salesOrder' | 'invoice' | null;
  document_id: string | null;
  /** JSON list of addresses. */
  to_addresses: string;
  cc_addresses: ColumnType<string, string | undefined, string>;
  subject: string;
  body: string;
  transport: 'captured' | 'smtp';
  raw: Uint8Array | null;
  message_id: string | null;
  /** A Kanjo user id, or `crm:<crm user id>` when sent from the CRM panel. */
  sent_by: string;
  sent_at: string;
}
