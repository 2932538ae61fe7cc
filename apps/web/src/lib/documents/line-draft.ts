import type { DocumentLine, Item } from '@kanjo/core';
import { compareDecimal, normalizeDecimal } from '@kanjo/core';
import { formatMajorUnits, parseMajorUnits } from '$lib/forms/money-input';
import type { MessageKey } from '$lib/i18n/locale.svelte';

/** Tax rates offered in the select; anything else is typed as a custom rate. */
export const TAX_PRESETS = ['10', '8', '0'] as const;

/** One line as typed: every number is text until the form is saved. */
export interface LineDraft {
  id: string;
  itemId?: string | undefined;
  name: string;
  description: string;
  quantity: string;
  /** In major units of the document's currency ("1200", "12.50"). */
  rate: string;
  discountPercent: string;
  taxRate: string;
}

/** A message key (and its parameters) for a field that does not parse. */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const QUANTITY = /^\d{1,9}(\.\d{1,6})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** Full-width digits and points become ASCII; a bare ".5" reads as "0.5". */
function cleanDecimal(text: string): string {
  const cleaned = text.normalize('NFKC').trim().replace(/[,\s]/g, '');
  return cleaned.startsWith('.') ? `0${cleaned}` : cleaned;
}

/** "2", "1.5", "０.２５" → a canonical decimal string greater than zero. */
export function parseQuantity(text: string): Parsed<string> {
  const cleaned = cleanDecimal(text);
  if (!QUANTITY.test(cleaned) || compareDecimal(cleaned, '0') <= 0) {
    return { ok: false, problem: { key: 'doc.invalid.quantity' } };
  }
  return { ok: true, value: normalizeDecimal(cleaned) };
}

/** A percentage 0–100; empty means "none" (undefined). */
export function parsePercent(text: string): Parsed<string | undefined> {
  const cleaned = cleanDecimal(text).replace(/%$/, '');
  if (cleaned === '') return { ok: true, value: undefined };
  if (!PERCENT.test(cleaned) || compareDecimal(cleaned, '100') > 0) {
    return { ok: false, problem: { key: 'records.validation.percent' } };
  }
  return { ok: true, value: normalizeDecimal(cleaned) };
}

/**
 * Major units to integer minor units by the currency's exponent, through
 * strings (see `parseMajorUnits`): "0.29" USD is 29, never 28.999….
 */
export function parseAmount({
  text,
  currency,
  exponent,
}: {
  text: string;
  currency: string;
  exponent: number;
}): Parsed<number> {
  const result = parseMajorUnits({ text, exponent });
  if (result.ok) return { ok: true, value: result.minor };
  if (result.reason === 'PRECISION') {
    return exponent === 0
      ? { ok: false, problem: { key: 'records.validation.amountWhole', params: { currency } } }
      : {
          ok: false,
          problem: {
            key: 'records.validation.amountPrecision',
            params: { currency, digits: exponent },
          },
        };
  }
  if (result.reason === 'RANGE') {
    return { ok: false, problem: { key: 'records.validation.amountRange' } };
  }
  return { ok: false, problem: { key: 'records.validation.amount' } };
}

export function emptyLine({ id, taxRate }: { id: string; taxRate: string }): LineDraft {
  return { id, name: '', description: '', quantity: '1', rate: '', discountPercent: '', taxRate };
}

/** An item's name, description, rate and tax rate on a line (the quantity stays). */
export function lineFromItem({
  line,
  item,
  exponent,
}: {
  line: LineDraft;
  item: Item;
  exponent: number;
}): LineDraft {
  return {
    ...line,
    itemId: item.id,
    name: item.name,
    description: item.description ?? '',
    rate: formatMajorUnits({ minor: item.rate, exponent }),
    taxRate: item.taxRate ?? line.taxRate,
  };
}

export function lineToDraft(line: DocumentLine, exponent: number): LineDraft {
  return {
    id: line.id,
    itemId: line.itemId,
    name: line.name,
    description: line.description ?? '',
    quantity: line.quantity,
    rate: formatMajorUnits({ minor: line.rate, exponent }),
    discountPercent: line.discountPercent ?? '',
    taxRate: line.taxRate ?? '0',
  };
}

/**
 * A typed line as core's `DocumentLine`, or the problems by field name
 * ('quantity', 'rate', …). Optional parts left empty stay out of the line.
 */
export function parseLine({
  line,
  currency,
  exponent,
}: {
  line: LineDraft;
  currency: string;
  exponent: number;
}): { ok: true; value: DocumentLine } | { ok: false; problems: Record<string, Problem> } {
  const problems: Record<string, Problem> = {};
  const name = line.name.trim();
  if (!name) problems.name = { key: 'validation.required' };
  const quantity = parseQuantity(line.quantity);
  if (!quantity.ok) problems.quantity = quantity.problem;
  const rate = parseAmount({ text: line.rate, currency, exponent });
  if (!rate.ok) problems.rate = rate.problem;
  const discount = parsePercent(line.discountPercent);
  if (!discount.ok) problems.discountPercent = discount.problem;
  const tax = parsePercent(line.taxRate);
  if (!tax.ok) problems.taxRate = tax.problem;
  if (!quantity.ok || !rate.ok || !discount.ok || !tax.ok || !name) return { ok: false, problems };
  const description = line.description.trim();
  return {
    ok: true,
    value: {
      id: line.id,
      ...(line.itemId ? { itemId: line.itemId } : {}),
      name,
      ...(description ? { description } : {}),
      quantity: quantity.value,
      rate: rate.value,
      ...(discount.value !== undefined && discount.value !== '0'
        ? { discountPercent: discount.value }
        : {}),
      taxRate: tax.value ?? '0',
    },
  };
}
