import {
  canRun,
  DomainError,
  presentDocument,
  type DocumentKind,
  type MutationName,
  type Organization,
  type Role,
  todayIn,
} from '@kanjo/core';
import type { Db } from '../db/database';
import { readEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';
import { pdfRendererOf, type PdfRenderer } from '../documents/pdf';
import { loadConnectionRow } from '../crm/connection-store';
import type { AppDeps } from '../http/env';
import { ServiceError, notFound } from '../errors';
import { parseWith } from '../http/validate';
import { applyMutationIn } from '../mutations/apply-mutation';
import { commitWrite, type WriteTx } from '../mutations/committed';
import { emailRequestSchema } from './email-request';
import { defaultBody, defaultSubject, type DocumentMailFacts } from './message-text';
import { crmSentBy, insertMail } from './outbox-store';
import { composeMail, mailTransportFrom, type MailTransport } from './transport';

/** Who sends: a Kanjo user, or a CRM user in the CRM panel (the connection's Kanjo user acts for them). */
export type MailSender =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'crmPanel'; crmUserId: string; crmUserName?: string; crmUserEmail?: string };

export type RenderPdf = PdfRenderer['render'];

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
  /** The PDF renderer; the real one unless a test passes its own. */
  renderPdf?: RenderPdf;
  /** Where mail goes; from `SMTP_URL`/`MAIL_FROM` unless given. */
  transport?: MailTransport;
}

/** The mutation that marks each kind as sent, which decides who may email it. */
export const SEND_MUTATION = {
  quote: 'quote.send',
  salesOrder: 'salesOrder.confirm',
  invoice: 'invoice.markSent',
} as const satisfies Record<DocumentKind, MutationName>;

const LABELS: Record<DocumentKind, string> = {
  quote: 'Quote',
  salesOrder: 'Sales order',
  invoice: 'Invoice',
};

/**
 * Sends a quote or invoice (or sales order) by email with its PDF attached
 * through SMTP (`SMTP_URL`) or — the embedded default —
 * captured into `mail_outbox`; and moves the document to sent (as
 * `invoice.markSent`, `quote.send` or `salesOrder.confirm` by the sender),
 * which also stops deal automation touching it. Refuses with 400 VALIDATION_FAILED (bad
 * addresses), 403 FORBIDDEN (role), 404 NOT_FOUND, 409 INVALID_TRANSITION (void).
 *
 * @example
 * const { mailId } = await emailDocument({ deps, organizationId, sender: { kind: 'user', userId, role },
 *   kind: 'invoice', id, to: ['buyer@example.com'] });
 */
export async function emailDocument(
  input: EmailDocumentInput,
): Promise<{ mailId: string; seq: number }> {
  const request = parseWith(emailRequestSchema, {
    to: input.to,
    ...(input.cc ? { cc: input.cc } : {}),
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.message !== undefined ? { message: input.message } : {}),
  });
  const { deps, organizationId, kind, id } = input;
  const transport = input.transport ?? mailTransportFrom(process.env);
  const now = deps.clock();
  // One transaction for the sent status, the outbox row and the delivery: a
  // refused transition sends nothing, and a failed SMTP delivery leaves the
  // document unsent and nothing recorded. The document moves first, so a
  // draft's PDF and subject carry the number it is issued with.
  return commitWrite(deps, organizationId, async (tx) => {
    const { trx } = tx;
    const seq = await markSent(tx, { ...input, now });
    const org = await loadOrganization(trx, organizationId);
    if (!org) throw notFound('Organization');
    const facts = await mailFacts(trx, { org, kind, id, now });
    const pdfRequest = { db: trx, organizationId, kind, id };
    const { filename, pdf } = await (input.renderPdf
      ? input.renderPdf(pdfRequest)
      : pdfRendererOf(deps).render(pdfRequest));
    const replyTo = await replyToOf(trx, organizationId, input.sender);
    const content = {
      to: request.to,
      cc: request.cc ?? [],
      subject: request.subject ?? defaultSubject(facts, org.locale),
      text: request.message ?? defaultBody(facts, org.locale),
    };
    const mail = await composeMail({
      ...content,
      from: { name: org.name, address: transport.from },
      ...(replyTo ? { replyTo } : {}),
      date: now,
      attachment: { filename, content: pdf, contentType: 'application/pdf' },
    });
    const mailId = deps.newId();
    await insertMail(trx, {
      id: mailId,
      organizationId,
      document: { kind, id },
      to: content.to,
      cc: content.cc,
      subject: content.subject,
      body: content.text,
      transport: transport.kind,
      raw: mail.raw,
      messageId: mail.messageId,
      sentBy:
        input.sender.kind === 'user' ? input.sender.userId : crmSentBy(input.sender.crmUserId),
      sentAt: now.toISOString(),
    });
    await transport.deliver(mail);
    return { mailId, seq };
  });
}

/** Runs the kind's send mutation when the document is not sent yet; the organization's seq after it. */
async function markSent(tx: WriteTx, input: EmailDocumentInput & { now: Date }): Promise<number> {
  const { deps, organizationId, kind, id } = input;
  const { trx } = tx;
  const actor = await actorOf(trx, organizationId, input.sender);
  const step = await sendStep(trx, { organizationId, kind, id, role: actor.role });
  if (!step) return tx.seqOf(organizationId);
  const applied = await applyMutationIn(tx, {
    organizationId,
    actor,
    name: step,
    entityId: id,
    args: {},
    now: input.now,
    newId: deps.newId,
  });
  return applied.seq;
}

/** A CRM panel user acts through the connection's Kanjo user, as an admin (the panel checked its own permissions). */
async function actorOf(
  db: Db,
  organizationId: string,
  sender: MailSender,
): Promise<{ userId: string; role: Role }> {
  if (sender.kind === 'user') return { userId: sender.userId, role: sender.role };
  const connection = await loadConnectionRow(db, organizationId);
  if (!connection) {
    throw new ServiceError(
      'conflict',
      'CRM_NOT_CONNECTED',
      'This organization has no CRM connection.',
    );
  }
  return { userId: connection.connected_by, role: 'admin' };
}

/**
 * The mutation that moves the document to sent, or null when it already is
 * (a sent quote stays sent; a paid invoice is emailed as a copy). A void
 * document is not sent at all.
 */
async function sendStep(
  db: Db,
  input: { organizationId: string; kind: DocumentKind; id: string; role: Role },
): Promise<MutationName | null> {
  const { kind, role } = input;
  const found = await readEntity(db, input.organizationId, kind, input.id);
  if (!found) throw notFound(LABELS[kind]);
  const name = SEND_MUTATION[kind];
  if (!canRun(role, name)) {
    throw new DomainError({ code: 'FORBIDDEN', message: `Role ${role} may not run ${name}` });
  }
  const status = found.row.status;
  if (status === 'void') {
    throw new DomainError({
      code: 'INVALID_TRANSITION',
      message: `A void ${LABELS[kind].toLowerCase()} cannot be sent`,
    });
  }
  if (kind === 'invoice') return status === 'paid' ? null : name;
  return status === 'draft' ? name : null;
}

/** The document as it is now (numbered, once sent) in the words of the default text. */
async function mailFacts(
  db: Db,
  input: { org: Organization; kind: DocumentKind; id: string; now: Date },
): Promise<DocumentMailFacts> {
  const { org, kind } = input;
  const found = await readEntity(db, org.id, kind, input.id);
  if (!found) throw notFound(LABELS[kind]);
  const doc = presentDocument(kind, found.row, {
    roundingMode: org.roundingMode,
    today: todayIn(org.timezone, input.now),
  });
  const customer = await readEntity(db, org.id, 'customer', doc.customerId, {
    includeDeleted: true,
  });
  const date = 'dueDate' in doc ? doc.dueDate : 'expiryDate' in doc ? doc.expiryDate : undefined;
  return {
    kind,
    number: doc.number ?? '',
    organizationName: org.name,
    customerName: customer?.row.displayName ?? '',
    currency: doc.currency,
    amount: 'balance' in doc.totals ? doc.totals.balance : doc.totals.total,
    ...(date ? { date } : {}),
  };
}

/** Replies go to the person who sent: the Kanjo user, or the CRM user's address when known. */
async function replyToOf(
  db: Db,
  organizationId: string,
  sender: MailSender,
): Promise<string | undefined> {
  if (sender.kind === 'crmPanel') return sender.crmUserEmail;
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('organization_id', '=', organizationId)
    .where('id', '=', sender.userId)
    .executeTakeFirst();
  return user?.email;
}
