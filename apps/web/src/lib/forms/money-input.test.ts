import { describe, expect, test } from 'vitest';
import { formatMajorUnits, parseMajorUnits } from './money-input';

describe('parseMajorUnits', () => {
  test.each([
    { text: '12.5', exponent: 2, minor: 1250 },
    { text: '0.29', exponent: 2, minor: 29 },
    { text: '1,234.56', exponent: 2, minor: 123456 },
    { text: '１２００', exponent: 0, minor: 1200 },
    { text: '100.00', exponent: 0, minor: 100 },
    { text: '7.', exponent: 2, minor: 700 },
    { text: ' 3.141 ', exponent: 3, minor: 3141 },
    { text: '0', exponent: 2, minor: 0 },
    { text: '10000000000000.00', exponent: 2, minor: 1_000_000_000_000_000 }, // the bound itself
  ])('$text with exponent $exponent is $minor', ({ text, exponent, minor }) => {
    expect(parseMajorUnits({ text, exponent })).toEqual({ ok: true, minor });
  });

  test.each([
    { text: '', reason: 'FORMAT' },
    { text: '-1', reason: 'FORMAT' },
    { text: '1e3', reason: 'FORMAT' },
    { text: '.5', reason: 'FORMAT' },
    { text: '1.005', reason: 'PRECISION' },
    { text: '99999999999999999999', reason: 'RANGE' },
    { text: '10000000000000.01', reason: 'RANGE' }, // 10^15 cents + 1: past the money bound
  ])('$text is refused ($reason)', ({ text, reason }) => {
    expect(parseMajorUnits({ text, exponent: 2 })).toEqual({ ok: false, reason });
  });
});

test('formatMajorUnits is the inverse for stored amounts', () => {
  expect(formatMajorUnits({ minor: 123456, exponent: 2 })).toBe('1234.56');
  expect(formatMajorUnits({ minor: 1200, exponent: 0 })).toBe('1200');
});
