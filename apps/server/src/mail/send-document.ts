import type { DocumentKind } from '@kanjo/core';
import type { AppDeps } from '../http/env';

/** Who sends: a Kanjo user, or a CRM user in the CRM panel (the connection's Kanjo user acts for them). */
export type MailSender =
  | { kind: 'user'; userId: string; role: 'owner' | 'admin' | 'accountant' | 'sales' }
  | { kind: 'crmPanel'; crmUserId: string; crmUserName?: string; crmUserEmail?: string };

export interface EmailDocumentInput {
  deps: AppDeps;
  organizationId: string;
  sender: MailSender;
  kind: DocumentKind;
  id: string;
  to: string[];
  cc?: string[];
  subject?: string;
  message?: string;
}

/**
 * Sends a quote or invoice (or sales order) by email with its PDF attached
 * (issue 7 point 5), through SMTP (`SMTP_URL`) or — the embedded default —
 * captured into `mail_outbox`; then moves the document to sent, which also
 * stops deal automation touching it.
 */
export async function emailDocument(_input: EmailDocumentInput): Promise<{ mailId: string }> {
  throw new Error('emailDocument is being written');
}
