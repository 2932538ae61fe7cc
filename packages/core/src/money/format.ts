import { currencyExponent } from './currencies';

/**
 * Formats integer minor units for display, without going through a float:
 * the decimal string is handed to Intl (which formats decimal strings exactly),
 * so a bigint sum beyond 2^53 prints every digit.
 * @example formatMoney(123456, 'USD', 'en') // "$1,234.56"
 */
export function formatMoney(minor: number | bigint, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  return formatter.format(minorToDecimalString(minor, exponent));
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
