import type { Db } from '../db/database';
import { loadOrganization } from '../db/organizations';
import type { Logger } from '../log';
import { insertMail } from '../mail/outbox-store';
import { composeMail, mailTransportFrom, type MailTransport } from '../mail/transport';
import type { CrmAuditAction, NewAuditEntry } from './connection-audit';

export interface NoticeDeps {
  db: Db;
  newId: () => string;
  log: Logger;
  /** Where the notice goes; from `SMTP_URL`/`MAIL_FROM` unless given. */
  mail?: MailTransport;
}

type Locale = 'en' | 'ja';

const ACTIONS: Record<Locale, Record<CrmAuditAction, string>> = {
  en: {
    connect: 'connected the CRM',
    change: 'changed the CRM connection',
    secrets_replaced: 'replaced the CRM connection’s secrets',
    disable: 'disabled the CRM connection',
    enable: 'enabled the CRM connection again',
    verify: 'tested the CRM connection',
    remove: 'removed the CRM connection',
    host_change_refused:
      'tried to move the CRM connection to another address without its secrets (refused)',
  },
  ja: {
    connect: 'CRM を接続しました',
    change: 'CRM 接続を変更しました',
    secrets_replaced: 'CRM 接続のシークレットを置き換えました',
    disable: 'CRM 接続を無効にしました',
    enable: 'CRM 接続を再び有効にしました',
    verify: 'CRM 接続をテストしました',
    remove: 'CRM 接続を削除しました',
    host_change_refused: 'シークレットなしで CRM 接続を別のアドレスへ移そうとしました（拒否）',
  },
};

const LABELS: Record<Locale, { subject: string; fields: string; when: string; from: string }> = {
  en: { subject: 'Kanjo: ', fields: 'Fields', when: 'When', from: 'From address' },
  ja: { subject: 'Kanjo: ', fields: '項目', when: '日時', from: '接続元アドレス' },
};

/** The notice's subject and body: who, what (field names only) and when; never a secret. */
export function noticeText(
  entry: NewAuditEntry,
  actor: string,
  locale: Locale,
): { subject: string; text: string } {
  const label = LABELS[locale];
  const what = `${actor} ${ACTIONS[locale][entry.action]}`;
  const lines = [
    `${what}.`,
    '',
    ...(entry.fields.length > 0 ? [`${label.fields}: ${entry.fields.join(', ')}`] : []),
    `${label.when}: ${entry.at}`,
    ...(entry.actor.address ? [`${label.from}: ${entry.actor.address}`] : []),
  ];
  return { subject: `${label.subject}${what}`, text: `${lines.join('\n')}\n` };
}

/**
 * Tells the organization's owners by email that an admin acted on the CRM
 * connection, through the same path as documents (SMTP, or the captured
 * outbox). A failed delivery is logged, never undoes the change.
 */
export async function noticeOwners(deps: NoticeDeps, entry: NewAuditEntry): Promise<void> {
  try {
    await sendNotice(deps, entry);
  } catch (error) {
    deps.log.error('could not tell the owners of a CRM connection change', {
      organizationId: entry.organizationId,
      error: String(error),
    });
  }
}

async function sendNotice(deps: NoticeDeps, entry: NewAuditEntry): Promise<void> {
  const { db } = deps;
  const { organizationId } = entry;
  const owners = await db
    .selectFrom('users')
    .select('email')
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .execute();
  if (owners.length === 0 || entry.actor.userId === null) return;
  const actor = await db
    .selectFrom('users')
    .select(['email', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', entry.actor.userId)
    .executeTakeFirst();
  const org = await loadOrganization(db, organizationId);
  const locale: Locale = org?.locale === 'ja' ? 'ja' : 'en';
  const who = actor ? `${actor.name ? `${actor.name} ` : ''}<${actor.email}>` : 'An admin';
  const role = entry.actor.role ? ` (${entry.actor.role})` : '';
  const { subject, text } = noticeText(entry, `${who}${role}`, locale);
  const transport = deps.mail ?? mailTransportFrom(process.env);
  const to = owners.map((owner) => owner.email);
  const mail = await composeMail({
    from: { name: org?.name ?? 'Kanjo', address: transport.from },
    to,
    cc: [],
    subject,
    text,
    date: new Date(entry.at),
  });
  await transport.deliver(mail);
  await insertMail(db, {
    id: deps.newId(),
    organizationId,
    document: null,
    to,
    cc: [],
    subject,
    body: text,
    transport: transport.kind,
    raw: mail.raw,
    messageId: mail.messageId,
    sentBy: entry.actor.userId,
    sentAt: entry.at,
  });
}
