import nodemailer from 'nodemailer';

/** Where composed mail goes: kept in `mail_outbox` only (`captured`), or handed to SMTP too. */
export interface MailTransport {
  readonly kind: 'captured' | 'smtp';
  /** The From address, e.g. `billing@example.com`. */
  readonly from: string;
  /** Hands the exact bytes that `mail_outbox.raw` keeps to the mail system. */
  deliver(message: ComposedMail): Promise<void>;
}

export interface ComposedMail {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

export interface MailContent {
  from: { name: string; address: string };
  replyTo?: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  date: Date;
  /** Omitted for a plain notice. */
  attachment?: { filename: string; content: Buffer; contentType: string };
}

/** Builds the RFC 5322 message once, so what SMTP sends is what the outbox keeps. */
export async function composeMail(content: MailContent): Promise<ComposedMail> {
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const info = await composer.sendMail({
    from: content.from,
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    to: content.to,
    ...(content.cc.length > 0 ? { cc: content.cc } : {}),
    subject: content.subject,
    // RFC 5322 lines end in CRLF; a bare LF would reach SMTP differently from what is kept.
    text: content.text.replace(/\r?\n/g, '\r\n'),
    date: content.date,
    ...(content.attachment ? { attachments: [content.attachment] } : {}),
  });
  if (!Buffer.isBuffer(info.message)) throw new Error('The mail composer did not buffer');
  const envelope = { from: content.from.address, to: [...content.to, ...content.cc] };
  return { raw: info.message, messageId: info.messageId, envelope };
}

/** The embedded default: the outbox row is the delivery, readable in the app. */
export function capturedTransport(from = 'kanjo@localhost'): MailTransport {
  return { kind: 'captured', from, deliver: () => Promise.resolve() };
}

/**
 * SMTP through nodemailer from `smtp://user:pass@host:port` (or `smtps://`).
 * Timeouts are short: delivery happens while the document's write
 * transaction is open (see emailDocument).
 */
export function smtpTransport({ url, from }: { url: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    kind: 'smtp',
    from,
    deliver: async ({ raw, envelope }) => {
      await transporter.sendMail({ envelope, raw });
    },
  };
}

/**
 * `SMTP_URL` set: SMTP (From is `MAIL_FROM`, else the URL's user when it is an
 * address); otherwise mail is captured.
 * @example mailTransportFrom({ SMTP_URL: 'smtp://u:p@mail.example.com:587', MAIL_FROM: 'billing@example.com' })
 */
export function mailTransportFrom(env: Record<string, string | undefined>): MailTransport {
  const url = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  if (!url) return capturedTransport(from || undefined);
  const user = decodeURIComponent(new URL(url).username);
  return smtpTransport({ url, from: from || (user.includes('@') ? user : 'kanjo@localhost') });
}
