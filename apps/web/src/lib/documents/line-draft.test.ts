import { describe, expect, it } from 'vitest';
import { parseAmount, parseLine, parsePercent, parseQuantity } from './line-draft';

describe('parseQuantity', () => {
  it.each([
    ['2', '2'],
    ['1.50', '1.5'],
    ['.5', '0.5'],
    ['０.２５', '0.25'],
    [' 1,000 ', '1000'],
  ])('%j → %j', (text, expected) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '0', '0.000', '-1', '1.2345678', 'abc', '1e3'])('refuses %j', (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });
});

describe('parsePercent', () => {
  it.each([
    ['', undefined],
    ['10', '10'],
    ['8.0', '8'],
    ['12.5%', '12.5'],
    ['１００', '100'],
  ])('%j → %j', (text, expected) => {
    expect(parsePercent(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['100.01', '101', '-5', '1.23456'])('refuses %j', (text) => {
    expect(parsePercent(text).ok).toBe(false);
  });
});

describe('parseAmount (major → minor units, no floats)', () => {
  it.each([
    ['0.29', 'USD', 2, 29],
    ['1,234.5', 'USD', 2, 123450],
    ['１２００', 'JPY', 0, 1200],
    ['1200.00', 'JPY', 0, 1200],
    ['1.005', 'BHD', 3, 1005],
  ])('%j %s → %d', (text, currency, exponent, minor) => {
    expect(parseAmount({ text, currency, exponent })).toEqual({ ok: true, value: minor });
  });

  it('names the currency when there are too many decimals', () => {
    expect(parseAmount({ text: '12.5', currency: 'JPY', exponent: 0 })).toEqual({
      ok: false,
      problem: { key: 'records.validation.amountWhole', params: { currency: 'JPY' } },
    });
  });
});

describe('parseLine', () => {
  const line = {
    id: 'l1',
    name: ' Consulting ',
    description: '',
    quantity: '1.5',
    rate: '12.50',
    discountPercent: '',
    taxRate: '10',
  };

  it('builds a core line, leaving empty optional parts out', () => {
    expect(parseLine({ line, currency: 'USD', exponent: 2 })).toEqual({
      ok: true,
      value: { id: 'l1', name: 'Consulting', quantity: '1.5', rate: 1250, taxRate: '10' },
    });
  });

  it('reports every field that does not parse', () => {
    const result = parseLine({
      line: { ...line, name: '', quantity: '0', rate: 'x', discountPercent: '120' },
      currency: 'USD',
      exponent: 2,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.problems).sort()).toEqual([
        'discountPercent',
        'name',
        'quantity',
        'rate',
      ]);
    }
  });
});
