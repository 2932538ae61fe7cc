/**
 * Messages of sending documents by email and of the mail outbox. Spread into `en`; `mail.ja.ts` must have every key.
 */
export const mailEn = {
  'mail.send': 'Send by email',
  'mail.dialog.title': 'Send {kind} by email',
  'mail.dialog.intro':
    'The PDF is attached. Sending marks the {kind} as sent, so deal automation no longer changes it.',
  'mail.dialog.to': 'To',
  'mail.dialog.toHint': 'Up to 10 addresses, separated by commas.',
  'mail.dialog.cc': 'Cc',
  'mail.dialog.ccHint': 'Optional; up to 10 addresses.',
  'mail.dialog.subject': 'Subject',
  'mail.dialog.subjectHint': 'Leave empty for the standard subject with the document’s number.',
  'mail.dialog.message': 'Message',
  'mail.dialog.messageHint': 'Leave empty for the standard message with the amount and date.',
  'mail.dialog.submit': 'Send',
  'mail.dialog.sending': 'Sending…',
  'mail.dialog.offline':
    'Sending email needs a connection to the Kanjo server. You appear to be offline: connect and try again.',
  'mail.dialog.noAddress': 'Enter at least one address.',
  'mail.dialog.badAddress': '“{address}” is not an email address.',
  'mail.dialog.tooMany': 'Use at most 10 addresses.',
  'mail.sent': 'Sent by email to {to}.',
  'mail.error.NOT_FOUND':
    'The server does not have this document yet. Wait until it has synced, then send again.',
  'mail.error.FORBIDDEN': 'Your role may not send this document.',
  'mail.error.INVALID_TRANSITION': 'A void document cannot be sent.',
  'mail.error.send': 'The mail could not be sent: {reason}',

  'mail.outbox.title': 'Sent mail',
  'mail.outbox.intro':
    'Every document sent by email. Without an SMTP server, mail is kept here instead of being delivered, exactly as it would be sent.',
  'mail.outbox.link': 'Sent mail',
  'mail.outbox.linkHint': 'See each document sent by email, and download the message as sent.',
  'mail.outbox.back': 'Settings',
  'mail.outbox.loading': 'Loading sent mail…',
  'mail.outbox.failed': 'Sent mail could not be loaded.',
  'mail.outbox.retry': 'Try again',
  'mail.outbox.empty': 'No mail sent yet. Send a quote or invoice from its page.',
  'mail.outbox.more': 'Show older',
  'mail.outbox.to': 'To',
  'mail.outbox.cc': 'Cc',
  'mail.outbox.subject': 'Subject',
  'mail.outbox.document': 'Document',
  'mail.outbox.sentAt': 'Sent',
  'mail.outbox.sentBy': 'Sent by',
  'mail.outbox.sentByCrm': 'CRM user {id} (in the CRM)',
  'mail.outbox.transport': 'Delivery',
  'mail.outbox.transport.captured': 'Kept here (no SMTP)',
  'mail.outbox.transport.smtp': 'SMTP',
  'mail.outbox.open': 'Open',
  'mail.outbox.close': 'Close',
  'mail.outbox.download': 'Download message (.eml)',
  'mail.outbox.openDocument': 'Open the document',
  'mail.outbox.forbidden': 'Only owners, admins and accountants can read sent mail.',
  'mail.outbox.offline': 'Sent mail is read from the server: connect to see it.',
} satisfies Record<string, string>;

export type MailMessageKey = keyof typeof mailEn;
