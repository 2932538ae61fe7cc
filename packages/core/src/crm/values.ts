import { compareDecimal, normalizeDecimal } from '../money/decimal';

/**
 * A mapped field's value as the reconciler compares it, on either side: text,
 * a number, a boolean, or null for "nothing there".
 */
export type FieldValue = string | number | boolean | null;

/** Mapped values keyed by one key space (Kanjo paths such as `billingAddress.city`). */
export type FlatFields = Record<string, FieldValue>;

/** A CRM record as the API returns it: field API name → JSON value. */
export type CrmRecord = Record<string, unknown>;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const EXPONENT_TEXT = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * Empty string ≡ null ≡ absent, text is trimmed, and anything that is not text,
 * a finite number or a boolean (lookups, arrays, NaN) counts as nothing.
 * @example normalizeValue('  Tokyo ') // 'Tokyo'
 */
export function normalizeValue(value: unknown): FieldValue {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return null;
}

/**
 * Whether two values mean the same after normalising; a number and a decimal
 * text compare as numbers (12.5 ≡ "12.50"), exactly, without float arithmetic.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const x = normalizeValue(a);
  const y = normalizeValue(b);
  if (x === y) return true;
  if (typeof x === 'number' && typeof y === 'string') return sameNumber(x, y);
  if (typeof x === 'string' && typeof y === 'number') return sameNumber(y, x);
  return false;
}

function sameNumber(value: number, text: string): boolean {
  const decimal = numberToDecimalString(value);
  return decimal !== null && DECIMAL_TEXT.test(text) && compareDecimal(decimal, text) === 0;
}

/**
 * The exact decimal text of a JSON number as JavaScript prints it (the
 * shortest text that reads back as the same double, i.e. what the CRM sent),
 * expanding exponent notation: 1.5e-7 → "0.00000015". Null for NaN/Infinity.
 */
export function numberToDecimalString(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  if (DECIMAL_TEXT.test(text)) return text;
  const match = EXPONENT_TEXT.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  const unsigned =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return normalizeDecimal(`${sign}${unsigned}`);
}
