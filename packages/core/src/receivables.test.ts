import { describe, expect, it } from 'vitest';
import { convertMinor, receivablesSummary } from './receivables';
import type { Invoice } from './schemas/documents';
import type { Payment } from './schemas/payment';

const STAMPS = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const TODAY = '2026-11-20';

/** An issued JPY invoice of `total` yen (one untaxed line), due on TODAY unless said. */
function makeInvoice(id: string, total: number, overrides: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `INV-${id}`,
    customerId: 'c1',
    currency: 'JPY',
    issueDate: '2026-10-01',
    dueDate: TODAY,
    lines: [{ id: `${id}-l`, name: 'Work', quantity: '1', rate: total }],
    status: 'issued',
    amountPaid: 0,
    ...STAMPS,
    ...overrides,
  };
}

function makePayment(invoiceId: string, amount: number, date: string): Payment {
  return { id: `${invoiceId}-${date}-${amount}`, invoiceId, amount, date, ...STAMPS };
}

function summarize(invoices: Invoice[], payments: Payment[] = []) {
  return receivablesSummary({
    baseCurrency: 'JPY',
    today: TODAY,
    roundingMode: 'halfUp',
    invoices,
    payments,
  });
}

describe('convertMinor: exact, rounded once half-up', () => {
  it.each([
    [12345n, 'USD', 'JPY', '150', 18518n], // 123.45 × 150 = 18517.5 → 18518
    [100n, 'USD', 'JPY', '149.995', 150n], // 149.995 → 150
    [1n, 'USD', 'JPY', '0.5', 0n], // 0.005 → 0
    [1000n, 'JPY', 'USD', '0.0067', 670n], // ¥1000 = $6.70
    [1001n, 'JPY', 'USD', '0.0067', 671n], // 6.7067 → 6.71
    [5n, 'BHD', 'JPY', '400', 2n], // 0.005 BHD × 400 = 2
    [12345n, 'EUR', 'USD', '1.0850000000', 13394n], // 133.94325 → 133.94
  ])('%s %s → %s at %s = %s', (amount, from, to, rate, expected) => {
    expect(convertMinor({ amount, from, to, rate })).toBe(expected);
  });
});

interface Case {
  name: string;
  invoices: Invoice[];
  payments?: Payment[];
  expected: { outstanding: number; overdue: number; dueIn30Days: number; paid: number };
}

const cases: Case[] = [
  {
    name: 'nothing',
    invoices: [],
    expected: { outstanding: 0, overdue: 0, dueIn30Days: 0, paid: 0 },
  },
  {
    name: 'drafts, voids and paid invoices owe nothing',
    invoices: [
      makeInvoice('d', 1000, { status: 'draft', dueDate: '2026-01-01' }),
      makeInvoice('v', 2000, { status: 'void', dueDate: '2026-01-01' }),
      makeInvoice('p', 3000, { status: 'paid', amountPaid: 3000 }),
    ],
    expected: { outstanding: 0, overdue: 0, dueIn30Days: 0, paid: 0 },
  },
  {
    name: 'partially paid counts its balance',
    invoices: [makeInvoice('pp', 10000, { status: 'partially_paid', amountPaid: 2500 })],
    expected: { outstanding: 7500, overdue: 0, dueIn30Days: 7500, paid: 0 },
  },
  {
    name: 'overdue is the day after the due date; due today is due soon',
    invoices: [
      makeInvoice('y', 100, { dueDate: '2026-11-19' }),
      makeInvoice('t', 200, { dueDate: TODAY }),
    ],
    expected: { outstanding: 300, overdue: 100, dueIn30Days: 200, paid: 0 },
  },
  {
    name: 'due in 30 days ends on today + 30',
    invoices: [
      makeInvoice('in', 100, { dueDate: '2026-12-20' }),
      makeInvoice('out', 200, { dueDate: '2026-12-21' }),
      makeInvoice('none', 400, { dueDate: undefined }),
    ],
    expected: { outstanding: 700, overdue: 0, dueIn30Days: 100, paid: 0 },
  },
  {
    name: 'paid window: after today − 12 months, up to today',
    invoices: [makeInvoice('p', 10000, { status: 'paid', amountPaid: 10000 })],
    payments: [
      makePayment('p', 1, '2025-11-20'), // exactly 12 months ago: out
      makePayment('p', 20, '2025-11-21'),
      makePayment('p', 300, TODAY),
      makePayment('p', 4000, '2026-11-21'), // future-dated: out
      makePayment('other', 50000, TODAY), // not this customer's invoice
    ],
    expected: { outstanding: 0, overdue: 0, dueIn30Days: 0, paid: 320 },
  },
  {
    name: 'a USD invoice converts at its own rate, once per invoice',
    invoices: [
      makeInvoice('u', 12345, { currency: 'USD', exchangeRate: '150', dueDate: '2026-11-01' }),
      makeInvoice('j', 1000),
    ],
    expected: { outstanding: 18518 + 1000, overdue: 18518, dueIn30Days: 1000, paid: 0 },
  },
  {
    name: 'a base-currency invoice ignores a stray rate',
    invoices: [makeInvoice('j', 1000, { exchangeRate: '2' })],
    expected: { outstanding: 1000, overdue: 0, dueIn30Days: 1000, paid: 0 },
  },
  {
    name: 'a credit balance is not a receivable',
    invoices: [makeInvoice('c', 1000, { status: 'partially_paid', amountPaid: 1200 })],
    expected: { outstanding: 0, overdue: 0, dueIn30Days: 0, paid: 0 },
  },
];

describe('receivablesSummary: base-currency figures', () => {
  it.each(cases)('$name', ({ invoices, payments, expected }) => {
    const { base } = summarize(invoices, payments);
    expect({
      outstanding: Number(base.outstanding),
      overdue: Number(base.overdue),
      dueIn30Days: Number(base.dueIn30Days),
      paid: Number(base.paidLast12Months),
    }).toEqual(expected);
  });
});

describe('receivablesSummary: detail', () => {
  it('reports the windows it used, leap day included', () => {
    const summary = receivablesSummary({
      baseCurrency: 'JPY',
      today: '2028-02-29',
      roundingMode: 'halfUp',
      invoices: [],
      payments: [],
    });
    expect(summary.window).toEqual({ dueUntil: '2028-03-30', paidFrom: '2027-03-01' });
  });

  it('keeps each currency unconverted, base first, with counts', () => {
    const summary = summarize(
      [
        makeInvoice('e', 500, { currency: 'EUR', exchangeRate: '160', dueDate: '2026-12-01' }),
        makeInvoice('u', 12345, { currency: 'USD', exchangeRate: '150', dueDate: '2026-11-01' }),
        makeInvoice('j', 1000, { status: 'partially_paid', amountPaid: 400 }),
      ],
      [makePayment('j', 400, '2026-11-02'), makePayment('u', 5, '2020-01-01')],
    );
    expect(summary.byCurrency.map((entry) => entry.currency)).toEqual(['JPY', 'EUR', 'USD']);
    expect(summary.byCurrency[2]).toEqual({
      currency: 'USD',
      outstanding: '12345',
      overdue: '12345',
      dueIn30Days: '0',
      paidLast12Months: '0',
      counts: { outstanding: 1, overdue: 1, dueIn30Days: 0, paidLast12Months: 0 },
    });
    expect(summary.base.counts).toEqual({
      outstanding: 3,
      overdue: 1,
      dueIn30Days: 2,
      paidLast12Months: 1,
    });
    expect(summary.base.outstanding).toBe(String(800 + 18518 + 600));
  });

  it('reports a foreign invoice without a rate instead of counting it 1:1', () => {
    const summary = summarize([
      makeInvoice('u', 12345, { currency: 'USD', number: 'INV-9' }),
      makeInvoice('old', 999, { currency: 'EUR', status: 'paid', amountPaid: 999 }),
      makeInvoice('j', 1000),
    ]);
    expect(summary.base.outstanding).toBe('1000');
    expect(summary.unconverted).toEqual([{ invoiceId: 'u', number: 'INV-9', currency: 'USD' }]);
    expect(summary.byCurrency.find((entry) => entry.currency === 'USD')?.outstanding).toBe('12345');
  });

  it('balances use the rounding mode of tax', () => {
    const taxed = makeInvoice('t', 0, {
      lines: [{ id: 'l', name: 'Work', quantity: '1', rate: 999, taxRate: '10' }],
    });
    const at = (roundingMode: 'halfUp' | 'down') =>
      receivablesSummary({
        baseCurrency: 'JPY',
        today: TODAY,
        roundingMode,
        invoices: [taxed],
        payments: [],
      }).base.outstanding;
    expect([at('halfUp'), at('down')]).toEqual(['1099', '1098']);
  });
});

describe('receivablesSummary: sums beyond the safe integer range stay exact', () => {
  const MAX = 1_000_000_000_000_000; // MAX_MONEY: the largest total a write accepts
  it.each([
    // [invoices of MAX yen, expected outstanding]
    [1, '1000000000000000'],
    [9, '9000000000000000'],
    [10, '10000000000000000'], // past Number.MAX_SAFE_INTEGER (9007199254740991)
    [1000, '1000000000000000000'],
  ])('%i invoices of 10^15 yen sum to %s', (count, expected) => {
    const invoices = Array.from({ length: count }, (_, i) => makeInvoice(`i${i}`, MAX));
    const { base, byCurrency } = summarize(invoices);
    expect(base.outstanding).toBe(expected);
    expect(base.dueIn30Days).toBe(expected);
    expect(byCurrency[0]?.outstanding).toBe(expected);
  });

  it('converts near-limit USD balances into yen exactly', () => {
    const half = 2 ** 52; // two of these are 2^53 cents: beyond what a number holds exactly
    const invoices = [
      makeInvoice('a', half, { currency: 'USD', exchangeRate: '151.37' }),
      makeInvoice('b', half, { currency: 'USD', exchangeRate: '151.37' }),
    ];
    const { base, byCurrency } = summarize(invoices);
    const each = convertMinor({ amount: BigInt(half), from: 'USD', to: 'JPY', rate: '151.37' });
    expect(base.outstanding).toBe((each * 2n).toString());
    expect(byCurrency[0]?.outstanding).toBe((BigInt(half) * 2n).toString());
  });
});
