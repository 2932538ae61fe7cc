import type { AppDeps } from '../http/env';
import { composeMail, mailTransportFrom, type MailTransport } from '../mail/transport';
import { createResetToken } from './password-reset';

/**
 * Account mail goes only through SMTP: captured mail lands in the
 * organization's outbox, which its admins read, and a reset link there would
 * let them take over the account. Links are built on `PUBLIC_URL` only, never
 * on the request's Host header, which a requester could forge to send the
 * victim a link to their own site.
 */
export function accountMailTransport(deps: AppDeps): MailTransport | undefined {
  const transport = deps.mail ?? mailTransportFrom(process.env);
  return transport.kind === 'smtp' && deps.publicUrl ? transport : undefined;
}

const TEXT = {
  en: {
    subject: 'Reset your Kanjo password',
    body: (url: string, byAdmin: boolean) =>
      [
        byAdmin
          ? 'An administrator of your organization asked for a link to set a new Kanjo password for you.'
          : 'Someone (we hope you) asked to reset the password of your Kanjo account.',
        '',
        'Open this link within an hour to choose a new password (it works once):',
        url,
        '',
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ].join('\n'),
  },
  ja: {
    subject: 'Kanjoのパスワード再設定',
    body: (url: string, byAdmin: boolean) =>
      [
        byAdmin
          ? '組織の管理者が、あなたのKanjoパスワードを設定し直すためのリンクを発行しました。'
          : 'Kanjoアカウントのパスワード再設定が依頼されました。',
        '',
        '1時間以内に次のリンクを開いて、新しいパスワードを設定してください（1回限り有効）:',
        url,
        '',
        '心当たりがない場合は、このメールを無視してください。パスワードは変わりません。',
      ].join('\n'),
  },
} as const;

export interface ResetMailInput {
  user: { id: string; organizationId: string; email: string; locale: string | null };
  createdBy: string | null;
  organizationName: string;
}

/** Makes a reset token and mails its link to the user through SMTP. */
export async function sendResetMail(
  deps: AppDeps,
  transport: MailTransport,
  input: ResetMailInput,
): Promise<void> {
  const now = deps.clock();
  const reset = await createResetToken(deps.db, {
    organizationId: input.user.organizationId,
    userId: input.user.id,
    createdBy: input.createdBy,
    now,
  });
  const url = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}/reset-password#${reset.token}`;
  const text = input.user.locale === 'ja' ? TEXT.ja : TEXT.en;
  const mail = await composeMail({
    from: {
      name: input.organizationName ? `Kanjo (${input.organizationName})` : 'Kanjo',
      address: transport.from,
    },
    to: [input.user.email],
    cc: [],
    subject: text.subject,
    text: text.body(url, input.createdBy !== null),
    date: now,
  });
  await transport.deliver(mail);
}
