import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../money/decimal';
import { computeTotals } from '../totals';
import {
  crmLineItemsBody,
  crmTaxFor,
  documentCrmLines,
  type CrmDocumentLine,
  type CrmTax,
  type DocumentLinesInput,
} from './document-lines';

const taxes: CrmTax[] = [
  { name: 'Consumption tax', percentage: '10' },
  { name: 'Reduced rate', percentage: '8' },
];

type Line = DocumentLinesInput['lines'][number];
const line = (id: string, extra: Partial<Line> = {}): Line => ({
  id,
  name: `Line ${id}`,
  quantity: '1',
  rate: 1000,
  ...extra,
});

const options = { roundingMode: 'halfUp' as RoundingMode, taxes, productFor: () => 'P1' };

/** What Zoho computes: Σ (qty × price − discount), each line's tax rounded half-up to the minor unit. */
function zohoGrandTotal(lines: CrmDocumentLine[], exponent: number): number {
  const unit = 10 ** exponent;
  return lines.reduce((sum, l) => {
    const net = Math.round((Number(l.quantity) * Number(l.listPrice) - Number(l.discount)) * unit);
    const tax = l.tax ? Math.round((net * Number(l.tax.percentage)) / 100) : 0;
    return sum + net + tax;
  }, 0);
}

function mapped(document: DocumentLinesInput): CrmDocumentLine[] {
  const result = documentCrmLines(document, options);
  if (!result.ok) throw new Error(`missing ${result.missingRates.join(',')}`);
  return result.lines;
}

describe('documentCrmLines', () => {
  it('maps a plain line: quantity, price, no discount, the tax named by the CRM', () => {
    const lines = mapped({
      currency: 'JPY',
      lines: [line('a', { quantity: '3', taxRate: '10', description: 'Two days' })],
    });
    expect(lines).toEqual([
      {
        product: 'P1',
        quantity: '3',
        listPrice: '1000',
        discount: '0',
        description: 'Line a\nTwo days',
        tax: { name: 'Consumption tax', percentage: '10' },
      },
    ]);
  });

  it('names each rate the CRM org has no tax for, once', () => {
    const result = documentCrmLines(
      {
        currency: 'JPY',
        lines: [line('a', { taxRate: '5' }), line('b', { taxRate: '5.0' }), line('c')],
      },
      options,
    );
    expect(result).toEqual({ ok: false, missingRates: ['5'] });
  });

  it('needs no CRM tax for untaxed or 0% lines', () => {
    const lines = mapped({ currency: 'JPY', lines: [line('a', { taxRate: '0' }), line('b')] });
    expect(lines.map((l) => l.tax)).toEqual([null, null]);
  });

  it.each([
    // name, currency, lines, discount, inclusive
    [
      'line percent discounts',
      'USD',
      [line('a', { quantity: '2', rate: 1234, discountPercent: '15', taxRate: '8' })],
      undefined,
      false,
    ],
    [
      'a document percent discount over two rates',
      'EUR',
      [line('a', { rate: 10000, taxRate: '10' }), line('b', { rate: 5000, taxRate: '8' })],
      { type: 'percent', value: '10' },
      false,
    ],
    [
      'a document amount discount',
      'JPY',
      [line('a', { quantity: '2', rate: 3000, taxRate: '10' }), line('b', { rate: 1000 })],
      { type: 'amount', value: 700 },
      false,
    ],
    [
      'tax-inclusive prices',
      'JPY',
      [line('a', { rate: 1100, taxRate: '10' }), line('b', { rate: 1080, taxRate: '8' })],
      undefined,
      true,
    ],
    [
      'tax-inclusive with a discount',
      'JPY',
      [line('a', { quantity: '3', rate: 1000, taxRate: '10' })],
      { type: 'percent', value: '5' },
      true,
    ],
    [
      'a fractional quantity',
      'BHD',
      [line('a', { quantity: '2.5', rate: 1005, discountPercent: '10', taxRate: '10' })],
      undefined,
      false,
    ],
  ] as const)(
    'Zoho’s Grand_Total equals Kanjo’s total: %s',
    (_name, currency, lines, discount, inclusive) => {
      const document: DocumentLinesInput = {
        currency,
        lines,
        ...(discount ? { discount } : {}),
        taxInclusive: inclusive,
      };
      const exponent = currency === 'JPY' ? 0 : currency === 'BHD' ? 3 : 2;
      const kanjo = computeTotals(document, { roundingMode: 'halfUp' }).total;
      expect(zohoGrandTotal(mapped(document), exponent)).toBe(kanjo);
    },
  );

  it('differs from Kanjo when Zoho’s per-line tax rounding adds up differently', () => {
    const document: DocumentLinesInput = {
      currency: 'JPY',
      lines: [line('a', { rate: 105, taxRate: '10' }), line('b', { rate: 105, taxRate: '10' })],
    };
    // Kanjo: 210 × 10% = 21 once; Zoho: 10.5 → 11 on each line.
    expect(computeTotals(document, { roundingMode: 'halfUp' }).total).toBe(231);
    expect(zohoGrandTotal(mapped(document), 0)).toBe(232);
  });

  it('carries the included tax of a tax-inclusive line in its Discount', () => {
    const [only] = mapped({
      currency: 'JPY',
      lines: [line('a', { rate: 1100, taxRate: '10' })],
      taxInclusive: true,
    });
    expect(only).toMatchObject({ listPrice: '1100', discount: '100' });
  });
});

describe('crmTaxFor', () => {
  it('matches rates as numbers', () => {
    expect(crmTaxFor('8.00', taxes)?.name).toBe('Reduced rate');
    expect(crmTaxFor('7', taxes)).toBeUndefined();
  });
});

describe('crmLineItemsBody', () => {
  it('writes Zoho line items and removes the old lines by id', () => {
    const lines = mapped({ currency: 'USD', lines: [line('a', { rate: 1250, taxRate: '8' })] });
    expect(crmLineItemsBody(lines, ['900'])).toEqual([
      {
        Product_Name: { id: 'P1' },
        Quantity: 1,
        List_Price: 12.5,
        Discount: 0,
        Description: 'Line a',
        Line_Tax: [{ name: 'Reduced rate', percentage: 8 }],
      },
      { id: '900', _delete: null },
    ]);
  });
});
