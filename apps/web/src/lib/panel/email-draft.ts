import type { MessageKey } from '$lib/i18n/locale.svelte';
import type { PanelEmailInput } from './panel-api';

export interface EmailDraft {
  to: string;
  cc: string;
  subject: string;
  message: string;
}

export type EmailProblems = Partial<
  Record<'to' | 'cc', { key: MessageKey; params?: Record<string, string> }>
>;

// The browser's own rule for <input type="email">: enough to catch typos, not to prove delivery.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "a@x.jp, b@y.com; c@z.org" → the addresses, in order, without blanks. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;、]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The typed email form as the body of `POST …/email`, or its problems: at
 * least one recipient, and every address well-formed (the first bad one named).
 * @example parseEmailDraft({ to: 'a@x.jp', cc: '', subject: '', message: '' })
 * // { ok: true, value: { to: ['a@x.jp'] } }
 */
export function parseEmailDraft(
  draft: EmailDraft,
): { ok: true; value: PanelEmailInput } | { ok: false; problems: EmailProblems } {
  const to = splitAddresses(draft.to);
  const cc = splitAddresses(draft.cc);
  const problems: EmailProblems = {};
  const badTo = to.find((address) => !EMAIL.test(address));
  const badCc = cc.find((address) => !EMAIL.test(address));
  if (to.length === 0) problems.to = { key: 'panel.email.toRequired' };
  else if (badTo) problems.to = { key: 'panel.email.invalid', params: { address: badTo } };
  if (badCc) problems.cc = { key: 'panel.email.invalid', params: { address: badCc } };
  if (problems.to || problems.cc) return { ok: false, problems };
  const subject = draft.subject.trim();
  const message = draft.message.trim();
  return {
    ok: true,
    value: {
      to,
      ...(cc.length > 0 ? { cc } : {}),
      ...(subject ? { subject } : {}),
      ...(message ? { message } : {}),
    },
  };
}
