/**
 * The server's mail routes: emailing a document (online only) and reading
 * the outbox of sent mail (answer shapes from `@kanjo/core`).
 */
import { DOCUMENT_PATHS, type MailDetail, type MailSummary } from '@kanjo/core';
import { request } from '$lib/http/client';
import type { DocumentKind } from '$lib/documents/kinds';

export type { MailDetail, MailSummary };

export interface EmailRequest {
  to: string[];
  cc?: string[];
  subject?: string;
  message?: string;
}

/**
 * Sends the document's PDF by email; the server then marks it sent (`seq` is
 * the change to pull).
 * @example await emailDocument({ kind: 'invoice', id, body: { to: ['buyer@example.com'] } });
 */
export function emailDocument({
  kind,
  id,
  body,
}: {
  kind: DocumentKind;
  id: string;
  body: EmailRequest;
}): Promise<{ mailId: string; seq: number }> {
  const path = `/api/${DOCUMENT_PATHS[kind]}/${encodeURIComponent(id)}/email`;
  return request({ method: 'POST', path, body });
}

export function listOutbox({
  limit = 50,
  before,
}: { limit?: number; before?: string | undefined } = {}): Promise<{
  items: MailSummary[];
  nextBefore: string | null;
}> {
  const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
  return request({ method: 'GET', path: `/api/mail/outbox?${query.toString()}` });
}

export function readMail(id: string): Promise<MailDetail> {
  return request({ method: 'GET', path: `/api/mail/outbox/${encodeURIComponent(id)}` });
}

/** Where the browser downloads the message exactly as sent. */
export function rawMailUrl(id: string): string {
  return `/api/mail/outbox/${encodeURIComponent(id)}/raw`;
}

/** "a@x.com, b@y.com; c@z.com" → the addresses, without blanks. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A light check before asking the server, which validates for real. */
export function looksLikeAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
