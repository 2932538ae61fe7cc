import * as v from 'valibot';
import { textSchema } from './schemas/common';

/** The document kinds that carry a number of their own series. */
export const NUMBERED_KINDS = ['quote', 'salesOrder', 'invoice'] as const;
export type NumberedKind = (typeof NUMBERED_KINDS)[number];

/** Digits a number is padded to unless the organization chose otherwise. */
export const DEFAULT_NUMBER_DIGITS = 6;
export const MAX_NUMBER_DIGITS = 12;
/** The largest next number: well inside the integers both databases and JSON keep exactly. */
export const MAX_NEXT_NUMBER = 999_999_999_999;

/** How one series is written: its prefix and the digits its counter is padded to. */
export interface SeriesFormat {
  prefix: string;
  digits: number;
}

/** The numbering settings as an organization stores them (prefixes, and digits when changed). */
export interface NumberingSettings {
  invoicePrefix: string;
  quotePrefix: string;
  salesOrderPrefix: string;
  invoiceDigits?: number | undefined;
  quoteDigits?: number | undefined;
  salesOrderDigits?: number | undefined;
}

/** The prefix and digits of one kind's series. */
export function seriesFormat(numbering: NumberingSettings, kind: NumberedKind): SeriesFormat {
  return {
    prefix: numbering[`${kind}Prefix`],
    digits: numbering[`${kind}Digits`] ?? DEFAULT_NUMBER_DIGITS,
  };
}

/** One series as `/api/organization/numbering` answers it: what the next document of the kind gets. */
export interface SeriesState extends SeriesFormat {
  next: number;
  preview: string;
  /** The highest number of the series already on a document, if any. */
  lastUsed: string | null;
}
export type NumberingState = Record<NumberedKind, SeriesState>;

/**
 * A document number: the prefix, then the counter padded with zeros to at
 * least `digits` (a longer counter is written whole, never cut).
 * @example formatDocumentNumber({ prefix: 'INV-', digits: 6 }, 42) // 'INV-000042'
 */
export function formatDocumentNumber(format: SeriesFormat, value: number): string {
  return `${format.prefix}${String(value).padStart(format.digits, '0')}`;
}

/**
 * The counter of `number` in a series with `prefix`: the digits after the
 * prefix, whatever their padding; undefined when it is not of that series.
 * @example counterOf('INV-', 'INV-000042') // 42
 */
export function counterOf(prefix: string, number: string): number | undefined {
  if (!number.startsWith(prefix)) return undefined;
  const rest = number.slice(prefix.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}

/** Digits a series' counter is padded to. */
export const numberDigitsSchema = v.pipe(
  v.number(),
  v.integer('Digits must be a whole number'),
  v.minValue(1, 'At least 1 digit'),
  v.maxValue(MAX_NUMBER_DIGITS, `At most ${MAX_NUMBER_DIGITS} digits`),
);

/** One series as the numbering settings page sends it. */
export const seriesInputSchema = v.strictObject({
  prefix: textSchema(20),
  next: v.pipe(
    v.number(),
    v.integer('The next number must be a whole number'),
    v.minValue(1, 'The next number is at least 1'),
    v.maxValue(MAX_NEXT_NUMBER, 'The next number is too large'),
  ),
  digits: numberDigitsSchema,
});
export type SeriesInput = v.InferOutput<typeof seriesInputSchema>;

/** Every series at once: the page saves them together. */
export const numberingInputSchema = v.strictObject({
  quote: seriesInputSchema,
  salesOrder: seriesInputSchema,
  invoice: seriesInputSchema,
});
export type NumberingInput = v.InferOutput<typeof numberingInputSchema>;
