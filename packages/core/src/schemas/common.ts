import * as v from 'valibot';
import { isCalendarDate } from '../dates';
import { ROUNDING_MODES, compareDecimal } from '../money/decimal';

/** Ids are client-made (UUIDv7) strings; the domain only bounds their length. */
export const idSchema = v.pipe(
  v.string(),
  v.minLength(1, 'Id must not be empty'),
  v.maxLength(64, 'Id must be at most 64 characters'),
);

/** A trimmed string of at most `max` characters (may be empty). */
export function textSchema(max: number) {
  return v.pipe(v.string(), v.trim(), v.maxLength(max, `Must be at most ${max} characters`));
}

/** A trimmed, non-empty string of at most `max` characters. */
export function requiredTextSchema(max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'Must not be empty'),
    v.maxLength(max, `Must be at most ${max} characters`),
  );
}

export const emailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'Email must be at most 254 characters'),
  v.email('Invalid email'),
);

export const dateSchema = v.pipe(
  v.string(),
  v.check(isCalendarDate, 'Must be a real date as YYYY-MM-DD'),
);

/** ISO instant such as '2026-11-29T02:31:07.123Z' (createdAt, updatedAt, sentAt). */
export const instantSchema = v.pipe(v.string(), v.isoTimestamp('Must be an ISO timestamp'));

/** Integer minor units (cents, yen, fils): never a float. */
export const moneySchema = v.pipe(
  v.number(),
  v.safeInteger('Money must be an integer number of minor units'),
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
  street: v.optional(textSchema(500)),
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
