import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { counterOf, formatDocumentNumber, numberingInputSchema, seriesFormat } from './numbering';

describe('document numbers', () => {
  it('pads the counter to the series digits and never cuts a longer one', () => {
    expect(formatDocumentNumber({ prefix: 'INV-', digits: 6 }, 42)).toBe('INV-000042');
    expect(formatDocumentNumber({ prefix: '2026-', digits: 4 }, 100)).toBe('2026-0100');
    expect(formatDocumentNumber({ prefix: '', digits: 1 }, 7)).toBe('7');
    expect(formatDocumentNumber({ prefix: 'Q', digits: 2 }, 12345)).toBe('Q12345');
  });

  it('reads the series of the organization, 6 digits unless chosen', () => {
    const numbering = { invoicePrefix: 'INV-', quotePrefix: 'QT-', salesOrderPrefix: 'SO-' };
    expect(seriesFormat(numbering, 'invoice')).toEqual({ prefix: 'INV-', digits: 6 });
    expect(seriesFormat({ ...numbering, quoteDigits: 3 }, 'quote')).toEqual({
      prefix: 'QT-',
      digits: 3,
    });
  });

  it('finds the counter of a number of the series whatever its padding, and nothing in another', () => {
    expect(counterOf('INV-', 'INV-000042')).toBe(42);
    expect(counterOf('INV-', 'INV-42')).toBe(42);
    expect(counterOf('INV-', 'QT-000042')).toBeUndefined();
    expect(counterOf('INV-', 'INV-00A1')).toBeUndefined();
    expect(counterOf('INV-', 'INV-')).toBeUndefined();
    expect(counterOf('', '0007')).toBe(7);
  });

  it('refuses a next number below 1, fractional or huge, and digits outside 1–12', () => {
    const series = { prefix: 'INV-', next: 1, digits: 6 };
    const parse = (invoice: Record<string, unknown>) =>
      v.safeParse(numberingInputSchema, { quote: series, salesOrder: series, invoice }).success;
    expect(parse(series)).toBe(true);
    expect(parse({ ...series, next: 0 })).toBe(false);
    expect(parse({ ...series, next: 1.5 })).toBe(false);
    expect(parse({ ...series, next: 1e15 })).toBe(false);
    expect(parse({ ...series, digits: 0 })).toBe(false);
    expect(parse({ ...series, digits: 13 })).toBe(false);
    expect(parse({ ...series, prefix: 'x'.repeat(21) })).toBe(false);
    expect(parse({ ...series, extra: 1 })).toBe(false);
  });
});
