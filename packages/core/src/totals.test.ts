import { describe, expect, it } from 'vitest';
import type { RoundingMode } from './money/decimal';
import type { TotalsInput } from './totals';
import { computeTotals, invoiceTotals, isOverdue, lineAmount } from './totals';

type Line = TotalsInput['lines'][number];

let lineCounter = 0;
function line(quantity: string, rate: number, extra: Partial<Line> = {}): Line {
  lineCounter += 1;
  return { id: `l${lineCounter}`, quantity, rate, ...extra };
}

describe('lineAmount: exact, rounded once half-up', () => {
  it.each([
    ['2.5', 399, undefined, 998n], // 997.5 → 998
    ['0.333', 1000, undefined, 333n],
    ['0.333', 1001, undefined, 333n], // 333.333
    ['1.005', 100, undefined, 101n], // a float gives 100.49999999999999
    ['1.15', 100, undefined, 115n], // a float gives 114.99999999999999
    ['1.1', 3, undefined, 3n], // 3.3
    ['0.1', 10, undefined, 1n],
    ['0.2', 10, undefined, 2n],
    ['3', 1999, undefined, 5997n],
    ['1', 1000, '33.3333', 667n], // 666.667
    ['2', 995, '10', 1791n], // 1791.0
    ['1', 5, '50', 3n], // 2.5 → 3
    ['1', 1000, '100', 0n],
    ['999999999.999999', 0, undefined, 0n],
  ])('%s × %i less %s%% → %s', (quantity, rate, discountPercent, expected) => {
    expect(lineAmount({ id: 'x', quantity, rate, discountPercent })).toBe(expected);
  });
});

interface Case {
  name: string;
  doc: TotalsInput;
  mode?: RoundingMode;
  expected: {
    subtotal: number;
    discount: number;
    tax: number;
    total: number;
    taxBreakdown: { rate: string; taxable: number; tax: number }[];
  };
}

const japan = [line('3', 1000, { taxRate: '10' }), line('2', 398, { taxRate: '8' })];

const cases: Case[] = [
  {
    // ¥3,000 at 10% → ¥300; ¥796 at 8% → ¥63.68 → ¥64 (one rounding per rate).
    name: 'JPY with a 10% and an 8% line (halfUp)',
    doc: { lines: japan },
    expected: {
      subtotal: 3796,
      discount: 0,
      tax: 364,
      total: 4160,
      taxBreakdown: [
        { rate: '10', taxable: 3000, tax: 300 },
        { rate: '8', taxable: 796, tax: 64 },
      ],
    },
  },
  {
    // Most Japanese businesses truncate (切り捨て): ¥63.68 → ¥63.
    name: 'JPY with a 10% and an 8% line (down)',
    doc: { lines: japan },
    mode: 'down',
    expected: {
      subtotal: 3796,
      discount: 0,
      tax: 363,
      total: 4159,
      taxBreakdown: [
        { rate: '10', taxable: 3000, tax: 300 },
        { rate: '8', taxable: 796, tax: 63 },
      ],
    },
  },
  {
    name: 'USD with cents: $19.99 × 3 at 7.25%',
    doc: { lines: [line('3', 1999, { taxRate: '7.25' })] },
    expected: {
      subtotal: 5997,
      discount: 0,
      tax: 435, // 434.7825
      total: 6432,
      taxBreakdown: [{ rate: '7.25', taxable: 5997, tax: 435 }],
    },
  },
  {
    name: 'BHD with 3 decimals: 2.5 × BHD 1.234 at 10%',
    doc: { lines: [line('2.5', 1234, { taxRate: '10' })] },
    expected: {
      subtotal: 3085,
      discount: 0,
      tax: 309, // 308.5
      total: 3394,
      taxBreakdown: [{ rate: '10', taxable: 3085, tax: 309 }],
    },
  },
  {
    name: 'tax-inclusive JPY: ¥1,100 at 10% and ¥1,080 at 8%',
    doc: {
      taxInclusive: true,
      lines: [line('1', 1100, { taxRate: '10' }), line('1', 1080, { taxRate: '8' })],
    },
    expected: {
      subtotal: 2180,
      discount: 0,
      tax: 180,
      total: 2180,
      taxBreakdown: [
        { rate: '10', taxable: 1000, tax: 100 },
        { rate: '8', taxable: 1000, tax: 80 },
      ],
    },
  },
  {
    name: 'tax-inclusive with rounding: ¥1,000 incl. 10% → ¥90.909 → ¥91',
    doc: { taxInclusive: true, lines: [line('1', 1000, { taxRate: '10' })] },
    expected: {
      subtotal: 1000,
      discount: 0,
      tax: 91,
      total: 1000,
      taxBreakdown: [{ rate: '10', taxable: 909, tax: 91 }],
    },
  },
  {
    // 10% of ¥3,796 = ¥379.6 → ¥380, split 300 / 80 by largest remainder.
    name: 'percent document discount split across rates',
    doc: { lines: japan, discount: { type: 'percent', value: '10' } },
    expected: {
      subtotal: 3796,
      discount: 380,
      tax: 327,
      total: 3743,
      taxBreakdown: [
        { rate: '10', taxable: 2700, tax: 270 },
        { rate: '8', taxable: 716, tax: 57 }, // 57.28
      ],
    },
  },
  {
    name: 'amount document discount with an untaxed line',
    doc: {
      lines: [line('1', 10000, { taxRate: '10' }), line('1', 5000)],
      discount: { type: 'amount', value: 1500 },
    },
    expected: {
      subtotal: 15000,
      discount: 1500,
      tax: 900,
      total: 14400,
      taxBreakdown: [
        { rate: '10', taxable: 9000, tax: 900 },
        { rate: '0', taxable: 4500, tax: 0 },
      ],
    },
  },
  {
    name: 'amount discount larger than the subtotal is capped',
    doc: { lines: [line('1', 500, { taxRate: '10' })], discount: { type: 'amount', value: 900 } },
    expected: {
      subtotal: 500,
      discount: 500,
      tax: 0,
      total: 0,
      taxBreakdown: [{ rate: '10', taxable: 0, tax: 0 }],
    },
  },
  {
    name: 'tax-inclusive with a percent discount',
    doc: {
      taxInclusive: true,
      lines: [line('1', 2200, { taxRate: '10' })],
      discount: { type: 'percent', value: '50' },
    },
    expected: {
      subtotal: 2200,
      discount: 1100,
      tax: 100,
      total: 1100,
      taxBreakdown: [{ rate: '10', taxable: 1000, tax: 100 }],
    },
  },
  {
    // Per line: 10 × round(¥1.2) = ¥10. Per rate: round(¥150 × 8%) = ¥12.
    name: 'per-rate, not per-line: ten ¥15 lines at 8%',
    doc: { lines: Array.from({ length: 10 }, () => line('1', 15, { taxRate: '8' })) },
    expected: {
      subtotal: 150,
      discount: 0,
      tax: 12,
      total: 162,
      taxBreakdown: [{ rate: '8', taxable: 150, tax: 12 }],
    },
  },
  {
    // Per line half-up: 3 × round(2.5) = 9. Per rate: round(7.5) = 8.
    name: 'per-rate, not per-line: three ¥25 lines at 10%',
    doc: { lines: Array.from({ length: 3 }, () => line('1', 25, { taxRate: '10' })) },
    expected: {
      subtotal: 75,
      discount: 0,
      tax: 8,
      total: 83,
      taxBreakdown: [{ rate: '10', taxable: 75, tax: 8 }],
    },
  },
  {
    name: 'equal rates written differently form one group',
    doc: { lines: [line('1', 100, { taxRate: '10.0' }), line('1', 100, { taxRate: '10' })] },
    expected: {
      subtotal: 200,
      discount: 0,
      tax: 20,
      total: 220,
      taxBreakdown: [{ rate: '10', taxable: 200, tax: 20 }],
    },
  },
  {
    name: 'no float error: 0.1 + 0.2 quantities',
    doc: { lines: [line('0.1', 1000, { taxRate: '10' }), line('0.2', 1000, { taxRate: '10' })] },
    expected: {
      subtotal: 300,
      discount: 0,
      tax: 30,
      total: 330,
      taxBreakdown: [{ rate: '10', taxable: 300, tax: 30 }],
    },
  },
  {
    name: 'an empty document',
    doc: { lines: [] },
    expected: { subtotal: 0, discount: 0, tax: 0, total: 0, taxBreakdown: [] },
  },
];

describe('computeTotals', () => {
  it.each(cases)('$name', ({ doc, mode, expected }) => {
    const totals = computeTotals(doc, { roundingMode: mode ?? 'halfUp' });
    expect(totals).toMatchObject(expected);
    expect(totals.lines.map((entry) => entry.id)).toEqual(doc.lines.map((entry) => entry.id));
    const lineSum = totals.lines.reduce((sum, entry) => sum + entry.amount, 0);
    expect(lineSum).toBe(totals.subtotal);
    const taxSum = totals.taxBreakdown.reduce((sum, entry) => sum + entry.tax, 0);
    expect(taxSum).toBe(totals.tax);
    expect(totals.taxInclusive).toBe(doc.taxInclusive ?? false);
  });

  describe('each rounding mode at and around a .5 boundary', () => {
    it.each([
      [105, 'halfUp', 11], // 10.5
      [105, 'down', 10],
      [105, 'up', 11],
      [101, 'halfUp', 10], // 10.1
      [101, 'down', 10],
      [101, 'up', 11],
      [109, 'halfUp', 11], // 10.9
      [109, 'down', 10],
      [109, 'up', 11],
      [100, 'up', 10], // exact: no rounding
    ] as const)('¥%i at 10%% with %s → tax ¥%i', (rate, mode, tax) => {
      const totals = computeTotals(
        { lines: [line('1', rate, { taxRate: '10' })] },
        { roundingMode: mode },
      );
      expect(totals.tax).toBe(tax);
      expect(totals.total).toBe(rate + tax);
    });

    it.each([
      ['halfUp', 91],
      ['down', 90],
      ['up', 91],
    ] as const)('inclusive ¥1,000 at 10%% with %s → ¥%i included', (mode, tax) => {
      const totals = computeTotals(
        { taxInclusive: true, lines: [line('1', 1000, { taxRate: '10' })] },
        { roundingMode: mode },
      );
      expect(totals.tax).toBe(tax);
      expect(totals.total).toBe(1000);
    });
  });

  it('refuses amounts beyond the safe integer range', () => {
    const huge = { lines: [line('999999999', Number.MAX_SAFE_INTEGER)] };
    expect(() => computeTotals(huge, { roundingMode: 'halfUp' })).toThrow(RangeError);
  });
});

describe('invoiceTotals', () => {
  it('adds paid and balance', () => {
    const totals = invoiceTotals({ lines: japan, amountPaid: 1000 }, { roundingMode: 'halfUp' });
    expect(totals).toMatchObject({ total: 4160, paid: 1000, balance: 3160 });
  });
});

describe('isOverdue', () => {
  it.each([
    ['issued', '2024-01-31', 100, true],
    ['partially_paid', '2024-01-31', 100, true],
    ['issued', '2024-02-01', 100, false], // due today is not overdue
    ['issued', '2024-01-31', 0, false],
    ['issued', undefined, 100, false],
    ['draft', '2024-01-31', 100, false],
    ['paid', '2024-01-31', 0, false],
    ['void', '2024-01-31', 100, false],
  ] as const)('%s due %s with balance %i → %s', (status, dueDate, balance, expected) => {
    expect(isOverdue({ status, dueDate }, '2024-02-01', { balance })).toBe(expected);
  });
});
