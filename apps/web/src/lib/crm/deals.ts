import type { AutomationLogEntry, Deal, DocumentAutomation } from '@kanjo/core';
import { AUTOMATION_SKIP_CODES, formatMoney, isCurrencyCode } from '@kanjo/core';
import { ApiError, NetworkError } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import type { Message } from './history';

/**
 * The pure logic of deals on documents: which deals a picker
 * offers and in what order, how a deal reads, how old the cached copy is, why
 * the CRM info could not be read, and how an automation log entry reads.
 * Messages are catalog keys; components translate them.
 */

export type { Message };

/** Won (100) and lost (0) deals are closed; anything else, even unknown, is open. */
export function isOpenDeal(deal: Pick<Deal, 'probability'>): boolean {
  return deal.probability !== 0 && deal.probability !== 100;
}

type Sortable = Pick<Deal, 'probability' | 'closingDate' | 'name'>;

/** Open deals first, then by closing date (soonest first, none last), then by name. */
export function sortDeals<T extends Sortable>(deals: readonly T[]): T[] {
  const rank = (deal: T) => (isOpenDeal(deal) ? 0 : 1);
  return [...deals].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareDates(a.closingDate, b.closingDate) ||
      a.name.localeCompare(b.name),
  );
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** A deal's amount in its own currency, or null when the CRM has none. */
export function dealAmount(deal: Pick<Deal, 'amount' | 'currency'>, locale: string): string | null {
  if (deal.amount === null || !isCurrencyCode(deal.currency)) return null;
  return formatMoney(deal.amount, deal.currency, locale);
}

/** A calendar date ("Mar 5, 2026"), formatted in UTC so it never shifts by a day. */
export function formatDay(date: string, locale: string): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

/** A moment ("Mar 5, 2026, 14:03") in the device's time zone. */
export function formatMoment(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * One line per deal for a `<select>`: "Website redesign — Negotiation · ¥1,200,000 · closes Mar 5, 2026".
 * @example dealOptionLabel({ deal, locale: 'en', closes: (date) => `closes ${date}` })
 */
export function dealOptionLabel({
  deal,
  locale,
  closes,
}: {
  deal: Pick<Deal, 'name' | 'stage' | 'amount' | 'currency' | 'closingDate'>;
  locale: string;
  closes: (date: string) => string;
}): string {
  const amount = dealAmount(deal, locale);
  const parts = [
    deal.stage,
    amount,
    deal.closingDate ? closes(formatDay(deal.closingDate, locale)) : null,
  ];
  const details = parts.filter((part): part is string => Boolean(part)).join(' · ');
  return details ? `${deal.name} — ${details}` : deal.name;
}

/**
 * The deal a draft keeps when its customer changes: a deal of another
 * customer (or one no longer cached) is cleared, unless automation locked
 * the link, which the core mutation would refuse to change anyway.
 */
export function dealIdAfterCustomerChange({
  dealId,
  deal,
  customerId,
  locked,
}: {
  dealId: string;
  deal: Pick<Deal, 'customerId'> | undefined;
  customerId: string;
  locked: boolean;
}): string {
  if (locked || dealId === '') return dealId;
  return deal?.customerId === customerId ? dealId : '';
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * How long ago `from` was, in words of `locale`: "12 minutes ago", "yesterday".
 * A time in the future (a clock ahead of this device's) reads as "this minute".
 */
export function formatAge({ from, now, locale }: { from: string; now: Date; locale: string }) {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  // Under a minute: "0 minutes ago" reads better than "now" in "as of …".
  return format.format(0, 'minute');
}

/** Why the CRM info is not shown fresh: `notLinked` has nothing cached to fall back on. */
export type CrmInfoFailure = 'offline' | 'notLinked' | 'gone' | 'crm' | 'failed';

export function crmInfoFailure(error: unknown): CrmInfoFailure {
  if (error instanceof NetworkError) return 'offline';
  if (!(error instanceof ApiError)) return 'failed';
  if (error.code === 'CRM_NOT_LINKED') return 'notLinked';
  // The link's record was deleted in the CRM: reachable, but nothing fresh to show.
  if (error.code === 'CRM_RECORD_NOT_FOUND' || error.code === 'CRM_NOT_FOUND') return 'gone';
  if (error.code.startsWith('CRM_') || error.status === 502 || error.status === 503) return 'crm';
  return 'failed';
}

/** A log entry's sentence: translated from its step, outcome and code, else the server's English. */
export type LogText = Message | { text: string };

const SKIP_CODES: ReadonlySet<string> = new Set(AUTOMATION_SKIP_CODES);

export function logEntryText(
  entry: Pick<AutomationLogEntry, 'step' | 'outcome' | 'code' | 'stage' | 'message'>,
): LogText {
  const params = { stage: entry.stage || '—' };
  if (entry.outcome === 'skipped' && entry.code !== null && SKIP_CODES.has(entry.code)) {
    return { key: `crmDeals.log.skip.${entry.code}` as MessageKey, params };
  }
  if (entry.outcome === 'acted' && entry.step !== 'skip') {
    return { key: `crmDeals.log.acted.${entry.step}`, params };
  }
  if (entry.outcome === 'failed' && entry.step !== 'skip') {
    return {
      key: `crmDeals.log.failed.${entry.step}`,
      params: { ...params, code: entry.code ?? '' },
    };
  }
  return { text: entry.message };
}

/** The note under "Automation": made by it (and still followed), or released by a person. */
export function automationNote(automation: DocumentAutomation, locale: string): Message {
  return automation.releasedAt
    ? {
        key: 'crmDeals.automation.released',
        params: { date: formatMoment(automation.releasedAt, locale) },
      }
    : { key: 'crmDeals.automation.made', params: { date: formatMoment(automation.at, locale) } };
}
