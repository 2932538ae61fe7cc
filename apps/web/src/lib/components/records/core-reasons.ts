import { DATE_RANGE_MESSAGE, MAX_DATE, MIN_DATE, TEXT_MESSAGES } from '@kanjo/core';
import type { MessageKey } from '$lib/i18n/en';

/** A catalog key and its parameters: what `t()` needs to say a reason. */
export interface ReasonText {
  key: MessageKey;
  params?: Record<string, string>;
}

/**
 * Core's reasons for refusing text and dates (the same schemas run on the
 * device and on the server), as catalog keys, so the form says them in the UI
 * language. Other core messages are shown as sent.
 */
const REASONS = new Map<string, ReasonText>([
  [TEXT_MESSAGES.surrogate, { key: 'validation.text.surrogate' }],
  [TEXT_MESSAGES.lineBreak, { key: 'validation.text.lineBreak' }],
  [TEXT_MESSAGES.control, { key: 'validation.text.control' }],
  [TEXT_MESSAGES.bidi, { key: 'validation.text.bidi' }],
  [DATE_RANGE_MESSAGE, { key: 'validation.date.range', params: { min: MIN_DATE, max: MAX_DATE } }],
]);

/** @example coreReason('Must be a single line (no line breaks)') // { key: 'validation.text.lineBreak' } */
export function coreReason(message: string): ReasonText | undefined {
  return REASONS.get(message);
}
