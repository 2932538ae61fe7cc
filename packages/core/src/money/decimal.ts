/**
 * Exact decimal arithmetic on strings such as "2.5" or "0.125".
 * A decimal is kept as a scaled BigInt (`units / 10^scale`) so products and
 * quotients stay exact until the one place a rule says to round.
 */

export type RoundingMode = 'halfUp' | 'down' | 'up';

export const ROUNDING_MODES = ['halfUp', 'down', 'up'] as const;

export interface Decimal {
  /** The digits without the point: "2.50" → 250n. */
  units: bigint;
  /** Digits after the point: "2.50" → 2. */
  scale: number;
}

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * @example parseDecimal('2.5') // { units: 25n, scale: 1 }
 */
export function parseDecimal(text: string): Decimal {
  const cached = parsed.get(text);
  if (cached) return cached;
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) throw new RangeError(`Not a decimal: ${text}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const units = BigInt(`${sign}${whole}${fraction}`);
  const decimal = Object.freeze({ units, scale: fraction.length });
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(text, decimal);
  return decimal;
}

/**
 * Quantities, tax rates and discounts repeat ("1", "10", "8"): every line of
 * every listed document parses them, so the parsed values are kept. A pure
 * cache (frozen values), cleared when it grows past a few thousand strings.
 */
const parsed = new Map<string, Readonly<Decimal>>();
const MAX_PARSED = 5_000;

/** 10^0 … 10^40: every scale a quantity, rate or percentage has. */
const POWERS = Array.from({ length: 41 }, (_, exponent) => 10n ** BigInt(exponent));

export function pow10(exponent: number): bigint {
  return POWERS[exponent] ?? 10n ** BigInt(exponent);
}

/**
 * numerator / denominator rounded to an integer.
 * Rounding is symmetric around zero: `halfUp` is half away from zero, `down`
 * truncates toward zero, `up` moves away from zero — so a negative amount
 * rounds to the mirror image of the positive one.
 */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return divRound(-numerator, -denominator, mode);
  if (numerator < 0n) return -divRound(-numerator, denominator, mode);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return quotient + 1n;
    case 'halfUp':
      return remainder * 2n >= denominator ? quotient + 1n : quotient;
  }
}

/** Canonical text of a decimal: no trailing zeros, no trailing point ("10.50" → "10.5"). */
export function normalizeDecimal(text: string): string {
  const { units, scale } = parseDecimal(text);
  let digits = units < 0n ? -units : units;
  let places = scale;
  while (places > 0 && digits % 10n === 0n) {
    digits /= 10n;
    places -= 1;
  }
  const raw = digits.toString().padStart(places + 1, '0');
  const whole = raw.slice(0, raw.length - places);
  const fraction = raw.slice(raw.length - places);
  const sign = units < 0n && digits !== 0n ? '-' : '';
  return places > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** Compares two decimal strings numerically: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * pow10(scale - x.scale);
  const right = y.units * pow10(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Converts a BigInt amount to a number, refusing values a double cannot hold exactly. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('Amount exceeds the safe integer range');
  }
  return Number(value);
}
