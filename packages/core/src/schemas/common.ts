import * as v from 'valibot';
import { MAX_DATE, MIN_DATE, isCalendarDate, isDateInRange } from '../dates';
import { MAX_MONEY, MAX_MONEY_TEXT } from '../money/bounds';
import { ROUNDING_MODES, compareDecimal } from '../money/decimal';
import { multiLineText, singleLineText } from './text';

/**
 * A record id. Kanjo's own ids are UUIDv7s (made by the PWA offline and by the
 * server); ids from a CRM are its record ids (long digit strings). Both are
 * plain ASCII, so the form is narrowed to that: an id travels in URLs, sync
 * cursors, SQLite keys and Dexie indexes, and one holding an unpaired
 * surrogate, a slash or a control character could be written but never read
 * back. Where a client makes a new id, `uuidSchema` applies.
 */
export const idSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Id must be 1–64 letters, digits, "-" or "_"'),
);

/** A UUID in canonical lower-case form ('0193a1f2-7c4e-7d21-9a0b-0123456789ab'). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ids a client makes for a new row: UUIDs (the PWA and the server make UUIDv7s). */
export const uuidSchema = v.pipe(
  v.string(),
  v.regex(
    UUID_PATTERN,
    'Id must be a UUID in lower case, such as "0193a1f2-7c4e-7d21-9a0b-0123456789ab"',
  ),
);

/** A trimmed single line of at most `max` characters (may be empty). See `singleLineText`. */
export function textSchema(max: number) {
  return singleLineText(max);
}

/** A trimmed, non-empty single line of at most `max` characters. */
export function requiredTextSchema(max: number) {
  return singleLineText(max, { required: true });
}

export const emailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'Email must be at most 254 characters'),
  v.email('Invalid email'),
);

/**
 * A real calendar date as YYYY-MM-DD from MIN_DATE to MAX_DATE ('2026-02-30'
 * and '0000-01-01' are refused).
 */
export const DATE_RANGE_MESSAGE = `Must be from ${MIN_DATE} to ${MAX_DATE}`;

export const dateSchema = v.pipe(
  v.string(),
  v.check(isCalendarDate, 'Must be a real date as YYYY-MM-DD'),
  v.check((text) => !isCalendarDate(text) || isDateInRange(text), DATE_RANGE_MESSAGE),
);

/** ISO instant such as '2026-11-29T02:31:07.123Z' (createdAt, updatedAt, sentAt). */
export const instantSchema = v.pipe(v.string(), v.isoTimestamp('Must be an ISO timestamp'));

export const MONEY_MAX_MESSAGE = `Amount must be at most ${MAX_MONEY_TEXT} minor units (${MAX_MONEY})`;

/** Integer minor units (cents, yen, fils): never a float, never beyond ±MAX_MONEY. */
export const moneySchema = v.pipe(
  v.number(),
  v.safeInteger('Money must be an integer number of minor units'),
  v.minValue(-MAX_MONEY, `Amount must be at least -${MAX_MONEY_TEXT} minor units`),
  v.maxValue(MAX_MONEY, MONEY_MAX_MESSAGE),
);

export const nonNegativeMoneySchema = v.pipe(moneySchema, v.minValue(0, 'Must be >= 0'));

export const positiveMoneySchema = v.pipe(moneySchema, v.minValue(1, 'Must be > 0'));

export const versionSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/**
 * valibot runs every action of a pipe even after one failed, so a range check
 * must not parse text that the format check already refused (that issue is
 * reported once, by the format check).
 */
const WELL_FORMED = /^\d+(\.\d+)?$/;
const whenWellFormed =
  (test: (text: string) => boolean) =>
  (text: string): boolean =>
    !WELL_FORMED.test(text) || test(text);

/** Quantity: up to 9 integer digits and 6 decimals, greater than zero ("2.5"). */
export const quantitySchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,9}(\.\d{1,6})?$/, 'Quantity must be a decimal such as "2.5"'),
  v.check(
    whenWellFormed((text) => compareDecimal(text, '0') > 0),
    'Quantity must be > 0',
  ),
);

/** Percentage 0–100 with up to 4 decimals ("10", "8", "12.5"). */
export const percentSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}(\.\d{1,4})?$/, 'Percentage must be a decimal such as "10" or "12.5"'),
  v.check(
    whenWellFormed((text) => compareDecimal(text, '100') <= 0),
    'Percentage must be <= 100',
  ),
);

/** Rate to the organization's base currency, e.g. "1.0" or "0.0067": > 0, up to 10 decimals. */
export const exchangeRateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,9}(\.\d{1,10})?$/, 'Exchange rate must be a decimal such as "1.0"'),
  v.check(
    whenWellFormed((text) => compareDecimal(text, '0') > 0),
    'Exchange rate must be > 0',
  ),
);

export const roundingModeSchema = v.picklist(ROUNDING_MODES);

export const localeSchema = v.picklist(['en', 'ja']);

/** ISO 3166-1 alpha-2 country code ("JP"). */
export const countrySchema = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'Must be a country code'));

export const addressSchema = v.strictObject({
  street: v.optional(multiLineText(500)),
  city: v.optional(textSchema(100)),
  state: v.optional(textSchema(100)),
  postalCode: v.optional(textSchema(20)),
  country: v.optional(textSchema(100)),
});

export type Address = v.InferOutput<typeof addressSchema>;

/** Fields persistence stamps on every stored row. */
export const rowStampEntries = {
  version: versionSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
};

type Entries = Record<string, v.GenericSchema>;

export type OptionalEntries<T extends Entries> = {
  [K in keyof T]: v.OptionalSchema<T[K], undefined>;
};

export type ClearableEntries<T extends Entries> = {
  [K in keyof T]: v.OptionalSchema<v.NullableSchema<T[K], undefined>, undefined>;
};

/** Makes every entry optional (create bodies, patch bodies of required fields). */
export function optionalEntries<T extends Entries>(entries: T): OptionalEntries<T> {
  const out: Record<string, v.GenericSchema> = {};
  for (const [key, schema] of Object.entries(entries)) out[key] = v.optional(schema);
  return out as OptionalEntries<T>;
}

/** Patch entries of optional fields: absent = unchanged, `null` = clear. */
export function clearableEntries<T extends Entries>(entries: T): ClearableEntries<T> {
  const out: Record<string, v.GenericSchema> = {};
  for (const [key, schema] of Object.entries(entries)) out[key] = v.optional(v.nullable(schema));
  return out as ClearableEntries<T>;
}
