import type { DocumentKind } from './states';

/**
 * What the mail outbox API answers (`GET /api/mail/outbox`, `/:id`): shared by
 * the server that serves it and the PWA that shows it.
 */

/** One sent mail as the outbox page lists it. */
export interface MailSummary {
  id: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The document it sent; null for a notice that is about no document. */
  document: { kind: DocumentKind; id: string } | null;
  transport: 'captured' | 'smtp';
  sentAt: string;
  /** A Kanjo user (with name and email when still known), or a CRM user in the panel. */
  sentBy:
    | { kind: 'user'; userId: string; name: string | null; email: string | null }
    | { kind: 'crmPanel'; crmUserId: string };
}

export interface MailDetail extends MailSummary {
  body: string;
  messageId: string | null;
  hasRaw: boolean;
}
