import {
  DATE_RANGE_MESSAGE,
  MAX_DATE,
  MIN_DATE,
  MONEY_BOUND_MESSAGES,
  MONEY_MAX_MESSAGE,
  TEXT_MESSAGES,
} from '@kanjo/core';
import type { MessageKey } from '$lib/i18n/en';

/** A catalog key and its parameters: what `t()` needs to say a reason. */
export interface ReasonText {
  key: MessageKey;
  params?: Record<string, string>;
}

/**
 * Core's reasons for refusing text, dates and amounts (the same rules run on the
 * device and on the server), as catalog keys, so the form says them in the UI
 * language. Other core messages are shown as sent.
 */
const REASONS = new Map<string, ReasonText>([
  [TEXT_MESSAGES.surrogate, { key: 'validation.text.surrogate' }],
  [TEXT_MESSAGES.lineBreak, { key: 'validation.text.lineBreak' }],
  [TEXT_MESSAGES.control, { key: 'validation.text.control' }],
  [TEXT_MESSAGES.bidi, { key: 'validation.text.bidi' }],
  [DATE_RANGE_MESSAGE, { key: 'validation.date.range', params: { min: MIN_DATE, max: MAX_DATE } }],
  [MONEY_MAX_MESSAGE, { key: 'records.validation.amountRange' }],
  [MONEY_BOUND_MESSAGES.line, { key: 'validation.money.line' }],
  [MONEY_BOUND_MESSAGES.total, { key: 'validation.money.total' }],
  [MONEY_BOUND_MESSAGES.converted, { key: 'validation.money.converted' }],
]);

/** @example coreReason('Must be a single line (no line breaks)') // { key: 'validation.text.lineBreak' } */
export function coreReason(message: string): ReasonText | undefined {
  return REASONS.get(message);
}
