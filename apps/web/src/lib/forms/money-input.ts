import { MAX_MONEY_BIGINT, minorToDecimalString } from '@kanjo/core';

export type MoneyParse =
  { ok: true; minor: number } | { ok: false; reason: 'FORMAT' | 'PRECISION' | 'RANGE' };

// Digits with an optional point; thousands separators are dropped before matching.
const AMOUNT = /^(\d+)(?:\.(\d*))?$/;

/**
 * Reads an amount typed in major units ("1,234.5", "１２００") as integer minor
 * units of a currency with `exponent` decimals. Goes through strings and BigInt,
 * never a float, so "0.29" is 29 cents and not 28.999….
 *
 * @example parseMajorUnits({ text: '12.5', exponent: 2 }) // { ok: true, minor: 1250 }
 */
export function parseMajorUnits({
  text,
  exponent,
}: {
  text: string;
  exponent: number;
}): MoneyParse {
  const cleaned = text.normalize('NFKC').trim().replace(/[,\s]/g, '');
  const match = AMOUNT.exec(cleaned);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const [, whole = '0', rawFraction = ''] = match;
  // Trailing zeros past the currency's precision are harmless ("100.00" in JPY).
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > exponent) return { ok: false, reason: 'PRECISION' };
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  // The domain's one bound on money: refused here, in the form, before core would.
  if (minor > MAX_MONEY_BIGINT) return { ok: false, reason: 'RANGE' };
  return { ok: true, minor: Number(minor) };
}

/** The editable text of a stored amount: 123456 (exponent 2) → "1234.56". */
export function formatMajorUnits({ minor, exponent }: { minor: number; exponent: number }): string {
  return minorToDecimalString(minor, exponent);
}
