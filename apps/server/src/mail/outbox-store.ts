import type { DocumentKind, MailDetail, MailSummary } from '@kanjo/core';
import type { Db } from '../db/database';

export type { MailDetail, MailSummary };

export interface NewMail {
  id: string;
  organizationId: string;
  /** Null for a notice that is about no document. */
  document: { kind: DocumentKind; id: string } | null;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  transport: 'captured' | 'smtp';
  raw: Buffer;
  messageId: string;
  /** A Kanjo user id, or `crm:<crm user id>`. */
  sentBy: string;
  sentAt: string;
}

const CRM_PREFIX = 'crm:';

export function crmSentBy(crmUserId: string): string {
  return `${CRM_PREFIX}${crmUserId}`;
}

export async function insertMail(db: Db, mail: NewMail): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      id: mail.id,
      organization_id: mail.organizationId,
      document_kind: mail.document?.kind ?? null,
      document_id: mail.document?.id ?? null,
      to_addresses: JSON.stringify(mail.to),
      cc_addresses: JSON.stringify(mail.cc),
      subject: mail.subject,
      body: mail.body,
      transport: mail.transport,
      raw: mail.raw,
      message_id: mail.messageId,
      sent_by: mail.sentBy,
      sent_at: mail.sentAt,
    })
    .execute();
}

function selectMail(db: Db, organizationId: string) {
  return db
    .selectFrom('mail_outbox as m')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'm.sent_by').onRef('u.organization_id', '=', 'm.organization_id'),
    )
    .where('m.organization_id', '=', organizationId)
    .select([
      'm.id',
      'm.to_addresses',
      'm.cc_addresses',
      'm.subject',
      'm.document_kind',
      'm.document_id',
      'm.transport',
      'm.sent_at',
      'm.sent_by',
      'u.name as user_name',
      'u.email as user_email',
    ]);
}

type MailRow = Awaited<ReturnType<ReturnType<typeof selectMail>['executeTakeFirstOrThrow']>>;

function toSummary(row: MailRow): MailSummary {
  return {
    id: row.id,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    subject: row.subject,
    document:
      row.document_kind && row.document_id
        ? { kind: row.document_kind, id: row.document_id }
        : null,
    transport: row.transport,
    sentAt: row.sent_at,
    sentBy: row.sent_by.startsWith(CRM_PREFIX)
      ? { kind: 'crmPanel', crmUserId: row.sent_by.slice(CRM_PREFIX.length) }
      : { kind: 'user', userId: row.sent_by, name: row.user_name, email: row.user_email },
  };
}

/**
 * The organization's mail, newest first; `before` is the id of the last mail
 * of the previous page (ids are time-ordered, sent_at breaks no ties alone).
 */
export async function listMail(
  db: Db,
  input: { organizationId: string; limit: number; before?: string },
): Promise<{ items: MailSummary[]; nextBefore: string | null }> {
  let query = selectMail(db, input.organizationId);
  if (input.before) {
    const anchor = await db
      .selectFrom('mail_outbox')
      .select(['sent_at', 'id'])
      .where('organization_id', '=', input.organizationId)
      .where('id', '=', input.before)
      .executeTakeFirst();
    if (!anchor) return { items: [], nextBefore: null };
    query = query.where((eb) =>
      eb.or([
        eb('m.sent_at', '<', anchor.sent_at),
        eb.and([eb('m.sent_at', '=', anchor.sent_at), eb('m.id', '<', anchor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextBefore: rows.length > input.limit && last ? last.id : null };
}

export async function getMail(
  db: Db,
  organizationId: string,
  id: string,
): Promise<MailDetail | undefined> {
  const row = await selectMail(db, organizationId)
    .where('m.id', '=', id)
    .select(['m.body', 'm.message_id', (eb) => eb('m.raw', 'is not', null).as('has_raw')])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toSummary(row),
    body: row.body,
    messageId: row.message_id,
    hasRaw: Boolean(row.has_raw),
  };
}

export async function getRawMail(
  db: Db,
  organizationId: string,
  id: string,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('mail_outbox')
    .select('raw')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.raw ?? undefined;
}
