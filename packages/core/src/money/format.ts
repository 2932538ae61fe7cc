import { currencyExponent } from './currencies';

/**
 * Formats integer minor units for display, without going through a float:
 * the decimal string is handed to Intl (which formats decimal strings exactly),
 * so a bigint sum beyond 2^53 prints every digit.
 * @example formatMoney(123456, 'USD', 'en') // "$1,234.56"
 */
export function formatMoney(minor: number | bigint, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return moneyFormat(locale, currency, exponent).format(minorToDecimalString(minor, exponent));
}

/**
 * One formatter per locale and currency, made once: building an
 * Intl.NumberFormat costs far more than using one, and a 500-line PDF
 * formats a thousand amounts. A pure cache; a few locales × a few currencies.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const MAX_CACHED_FORMATS = 1_000;

function moneyFormat(locale: string, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  const cached = moneyFormats.get(key);
  if (cached) return cached;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  if (moneyFormats.size >= MAX_CACHED_FORMATS) moneyFormats.clear();
  moneyFormats.set(key, format);
  return format;
}

/**
 * 123456 with exponent 2 → "1234.56"; -5 with exponent 3 → "-0.005". A bigint
 * (a sum over many documents) is exact at any size.
 */
export function minorToDecimalString(minor: number | bigint, exponent: number): `${number}` {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError('Money must be a safe integer');
  }
  const negative = minor < 0;
  const digits = (negative ? -BigInt(minor) : BigInt(minor)).toString().padStart(exponent + 1, '0');
  const sign = negative ? '-' : '';
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return (exponent > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`) as `${number}`;
}
