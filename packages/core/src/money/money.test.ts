import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { moneySchema } from '../schemas/common';
import { allocate } from './allocate';
import { MAX_MONEY, MAX_MONEY_BIGINT, withinMoneyBound } from './bounds';
import { CURRENCY_CODES, currencyCodeSchema, currencyExponent, isCurrencyCode } from './currencies';
import type { RoundingMode } from './decimal';
import { compareDecimal, divRound, normalizeDecimal, parseDecimal, toSafeNumber } from './decimal';
import { formatMoney, minorToDecimalString } from './format';

describe('currencies', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['BHD', 3],
    ['KWD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('knows 40+ currencies', () => {
    expect(CURRENCY_CODES.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['USD', true],
    ['usd', false],
    ['XXX', false],
    ['toString', false],
  ])('isCurrencyCode(%s) is %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
    expect(v.is(currencyCodeSchema, code)).toBe(expected);
  });

  it('refuses an unknown currency exponent', () => {
    expect(() => currencyExponent('XXX')).toThrow(RangeError);
  });
});

describe('parseDecimal / normalizeDecimal / compareDecimal', () => {
  it.each([
    ['2.5', 25n, 1],
    ['0.125', 125n, 3],
    ['10', 10n, 0],
    ['-1.50', -150n, 2],
  ])('parses %s', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each(['', '1.', '.5', '1e3', 'abc', '1,5'])('refuses %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });

  it.each([
    ['10.00', '10'],
    ['10.50', '10.5'],
    ['0.000', '0'],
    ['007.5', '7.5'],
    ['0.0625', '0.0625'],
  ])('normalizes %s to %s', (text, expected) => {
    expect(normalizeDecimal(text)).toBe(expected);
  });

  it.each([
    ['10', '8', 1],
    ['8', '10', -1],
    ['10.0', '10', 0],
    ['0.333', '0.3', 1],
  ] as const)('compares %s with %s', (a, b, expected) => {
    expect(compareDecimal(a, b)).toBe(expected);
  });
});

describe('divRound', () => {
  const cases: [bigint, bigint, RoundingMode, bigint][] = [
    [5n, 2n, 'halfUp', 3n],
    [5n, 2n, 'down', 2n],
    [5n, 2n, 'up', 3n],
    [7n, 3n, 'halfUp', 2n],
    [7n, 3n, 'down', 2n],
    [7n, 3n, 'up', 3n],
    [8n, 3n, 'halfUp', 3n],
    [6n, 3n, 'up', 2n],
    [-5n, 2n, 'halfUp', -3n],
    [-5n, 2n, 'down', -2n],
    [-5n, 2n, 'up', -3n],
    [5n, -2n, 'halfUp', -3n],
    [0n, 7n, 'up', 0n],
  ];
  it.each(cases)('%s / %s %s → %s', (numerator, denominator, mode, expected) => {
    expect(divRound(numerator, denominator, mode)).toBe(expected);
  });

  it('refuses division by zero', () => {
    expect(() => divRound(1n, 0n, 'down')).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it.each([
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [10n, [3000n, 796n], [8n, 2n]],
    [1n, [1n, 1n], [1n, 0n]],
    [7n, [0n, 0n], [0n, 0n]],
    [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    [5n, [1n, 3n], [1n, 4n]],
  ])('allocates %s over %s', (total, weights, expected) => {
    const parts = allocate(total, weights);
    expect(parts).toEqual(expected);
  });

  it('always sums to the total', () => {
    const weights = [17n, 3n, 991n, 5n, 0n, 42n];
    for (let total = 0n; total < 500n; total += 7n) {
      expect(allocate(total, weights).reduce((a, b) => a + b, 0n)).toBe(total);
    }
  });
});

describe('the money bound', () => {
  it.each([
    [MAX_MONEY, true],
    [-MAX_MONEY, true],
    [MAX_MONEY + 1, false],
    [-MAX_MONEY - 1, false],
    [Number.MAX_SAFE_INTEGER, false],
    [0, true],
  ])('moneySchema takes %i: %s', (amount, expected) => {
    expect(v.is(moneySchema, amount)).toBe(expected);
  });

  it('keeps a document total, its tax at 100 % and a payment on top exact as numbers', () => {
    expect(Number.isSafeInteger(MAX_MONEY * 2 + MAX_MONEY)).toBe(true);
    expect(withinMoneyBound(MAX_MONEY_BIGINT)).toBe(true);
    expect(withinMoneyBound(MAX_MONEY_BIGINT + 1n)).toBe(false);
  });
});

describe('toSafeNumber', () => {
  it('converts safe values and refuses unsafe ones', () => {
    expect(toSafeNumber(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(9007199254740992n)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, 'USD', 'en', '$1,234.56'],
    [1000, 'JPY', 'en', '¥1,000'],
    [1234, 'BHD', 'en', 'BHD 1.234'],
    [5, 'USD', 'en', '$0.05'],
    [-5, 'USD', 'en', '-$0.05'],
  ])('formats %i %s in %s', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it.each([
    [10_000_000_000_000_001n, 'JPY', '¥10,000,000,000,000,001'],
    [12_000_000_000_000_000n, 'USD', '$120,000,000,000,000.00'],
    [-5n, 'USD', '-$0.05'],
    [0n, 'BHD', 'BHD 0.000'],
  ])('formats the bigint sum %s %s exactly', (minor, currency, expected) => {
    expect(formatMoney(minor, currency, 'en').replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('formats yen for a Japanese reader', () => {
    expect(formatMoney(3960, 'JPY', 'ja')).toMatch(/3,960/);
  });

  it.each([
    [123456, 2, '1234.56'],
    [-5, 3, '-0.005'],
    [42, 0, '42'],
  ])('minorToDecimalString(%i, %i) is %s', (minor, exponent, expected) => {
    expect(minorToDecimalString(minor, exponent)).toBe(expected);
  });
});
