import { STATUSES, formatMoney } from '@kanjo/core';

/**
 * Money and statuses as the panel prints them. Whatever the server left out
 * (or sent in a shape the page does not know) shows as a dash, never as a
 * wrong number.
 * @example panelMoney({ minor: 123456, currency: 'USD', locale: 'en' }) // "$1,234.56"
 */
export function panelMoney({
  minor,
  currency,
  locale,
}: {
  minor: number | bigint | null;
  currency: string;
  locale: string;
}): string {
  if (minor === null || !currency) return '—';
  try {
    return formatMoney(minor, currency, locale);
  } catch {
    // An unknown currency code: the amount is still worth showing, labelled.
    return `${minor} ${currency}`;
  }
}

const KNOWN = new Set<string>(Object.values(STATUSES).flat());

/** A status the document catalog can name (`doc.status.*`); otherwise it is shown as sent. */
export function isKnownStatus(status: string): boolean {
  return KNOWN.has(status);
}
