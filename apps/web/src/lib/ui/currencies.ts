import type { CurrencyCode } from '@kanjo/core';
import type { Locale } from '$lib/i18n/locale.svelte';

/**
 * Currencies offered at signup: Kanjo's home markets first, then the most
 * traded; the type keeps the list inside `@kanjo/core`'s ISO 4217 table.
 */
export const SIGNUP_CURRENCIES = [
  'JPY',
  'USD',
  'EUR',
  'GBP',
  'AUD',
  'CAD',
  'CHF',
  'CNY',
  'HKD',
  'INR',
  'KRW',
  'NZD',
  'SGD',
  'TWD',
  'THB',
  'SEK',
] as const satisfies readonly CurrencyCode[];

/** `JPY — Japanese Yen` (or `JPY — 日本円`), named in the UI language. */
export function currencyLabel({ code, locale }: { code: string; locale: Locale }): string {
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  return `${code} — ${names.of(code) ?? code}`;
}
