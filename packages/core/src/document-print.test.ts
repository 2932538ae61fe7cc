import { describe, expect, it } from 'vitest';
import { addressLines, buildDocumentPrint, formatPrintDate } from './document-print';
import { formatMoney } from './money/format';
import { makeOrganization } from './mutations/test-context';
import type { Customer } from './schemas/customer';
import type { Invoice, Quote } from './schemas/documents';

const stamps = {
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cust-1',
    kind: 'business',
    displayName: '山田商事',
    companyName: '山田商事株式会社',
    contactPersons: [],
    customFields: {},
    billingAddress: {
      postalCode: '530-0001',
      state: '大阪府',
      city: '大阪市北区',
      street: '梅田1-1-1',
    },
    ...stamps,
    ...overrides,
  };
}

function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv-1',
    number: 'INV-000007',
    customerId: 'cust-1',
    currency: 'JPY',
    issueDate: '2026-11-29',
    dueDate: '2026-12-31',
    status: 'issued',
    amountPaid: 0,
    lines: [
      { id: 'l1', name: 'コンサルティング', quantity: '1', rate: 12345, taxRate: '10' },
      { id: 'l2', name: '緑茶', quantity: '3', rate: 333, taxRate: '8' },
    ],
    ...stamps,
    ...overrides,
  };
}

const yen = (minor: number) => formatMoney(minor, 'JPY', 'ja');
const profile = {
  legalName: '株式会社かんじょう',
  address: { postalCode: '100-0001', state: '東京都', city: '千代田区', street: '千代田1-1' },
  phone: '03-1234-5678',
  registrationNumber: 'T7123456789012',
};

describe('buildDocumentPrint: a Japanese qualified invoice', () => {
  const print = buildDocumentPrint({
    kind: 'invoice',
    document: makeInvoice(),
    customer: makeCustomer(),
    organization: makeOrganization({ profile }),
  });

  it('titles, parties and facts in Japanese', () => {
    expect(print.title).toBe('請求書');
    expect(print.buyer).toEqual({
      name: '山田商事株式会社 御中',
      lines: ['〒530-0001', '大阪府大阪市北区梅田1-1-1'],
    });
    expect(print.seller.name).toBe('株式会社かんじょう');
    expect(print.seller.lines).toEqual(['〒100-0001', '東京都千代田区千代田1-1', '03-1234-5678']);
    expect(print.seller.registrationNumber).toEqual({ label: '登録番号', value: 'T7123456789012' });
    expect(print.facts).toEqual([
      { label: '番号', value: 'INV-000007' },
      { label: '請求日', value: '2026年11月29日' },
      { label: 'お支払期限', value: '2026年12月31日' },
    ]);
  });

  it('marks 8 % lines as reduced rate and explains the mark', () => {
    expect(print.lines.map((line) => [line.taxRate, line.reducedRate, line.amount])).toEqual([
      ['10%', false, yen(12345)],
      ['8%', true, yen(999)],
    ]);
    expect(print.reducedRateNote).toBe('※は軽減税率（8%）対象');
  });

  it('breaks tax down per rate, rounded once per rate', () => {
    // 12,345 × 10 % = 1,234.5 → 1,235; 999 × 8 % = 79.92 → 80.
    expect(print.breakdown).toEqual([
      { label: '10%対象', taxable: yen(12345), taxLabel: '消費税', tax: yen(1235) },
      { label: '8%対象', taxable: yen(999), taxLabel: '消費税', tax: yen(80) },
    ]);
    expect(print.totals).toEqual([
      { label: '小計', value: yen(13344) },
      { label: '消費税', value: yen(1315) },
      { label: '合計', value: yen(14659), strong: true },
    ]);
    expect(print.headline).toEqual({ label: 'ご請求金額', value: yen(14659) });
  });
});

describe('buildDocumentPrint', () => {
  it.each([
    ['invoice', 'draft', 'ja', '請求書（下書き）'],
    ['invoice', 'void', 'en', 'Invoice (void)'],
    ['quote', 'sent', 'ja', '見積書'],
    ['quote', 'draft', 'en', 'Quote (draft)'],
    ['salesOrder', 'confirmed', 'ja', '受注書'],
    ['salesOrder', 'confirmed', 'en', 'Sales order'],
  ] as const)('titles a %s in status %s (%s) %j', (kind, status, locale, title) => {
    const document = { ...makeInvoice(), status } as Invoice;
    const organization = makeOrganization({ locale });
    const print = buildDocumentPrint({ kind, document, customer: makeCustomer(), organization });
    expect(print.title).toBe(title);
  });

  it('does not mark 8 % lines outside Japan', () => {
    const print = buildDocumentPrint({
      kind: 'invoice',
      document: makeInvoice({ currency: 'USD' }),
      customer: makeCustomer({
        companyName: undefined,
        kind: 'individual',
        displayName: 'Ann Lee',
      }),
      organization: makeOrganization({ country: 'US', locale: 'en', baseCurrency: 'USD' }),
    });
    expect(print.lines.some((line) => line.reducedRate)).toBe(false);
    expect(print.reducedRateNote).toBeUndefined();
    expect(print.buyer.name).toBe('Ann Lee');
    expect(print.breakdown[0]).toEqual({
      label: 'Taxable at 10%',
      taxable: '$123.45',
      taxLabel: 'Tax',
      tax: '$12.35',
    });
    expect(print.seller).toEqual({ name: 'Kanjo KK', lines: [] });
  });

  it('shows a discount, payments, the balance, notes and terms', () => {
    const print = buildDocumentPrint({
      kind: 'invoice',
      document: makeInvoice({
        discount: { type: 'amount', value: 1000 },
        amountPaid: 5000,
        notes: 'お振込手数料はご負担ください。',
        terms: '月末締め翌月末払い',
        lines: [
          {
            id: 'l1',
            name: '作業',
            quantity: '2',
            rate: 5000,
            taxRate: '10',
            discountPercent: '10',
          },
        ],
      }),
      customer: makeCustomer({
        companyName: undefined,
        kind: 'individual',
        displayName: '山田 太郎',
      }),
      organization: makeOrganization(),
    });
    // 2 × 5,000 − 10 % = 9,000; − 1,000 = 8,000 taxable; tax 800; total 8,800.
    expect(print.lines[0]?.discount).toBe('値引 10%');
    expect(print.buyer.name).toBe('山田 太郎 様');
    expect(print.totals).toEqual([
      { label: '小計', value: yen(9000) },
      { label: '値引', value: yen(-1000) },
      { label: '消費税', value: yen(800) },
      { label: '合計', value: yen(8800), strong: true },
      { label: '入金済', value: yen(-5000) },
      { label: 'ご請求残高', value: yen(3800), strong: true },
    ]);
    expect(print.headline.value).toBe(yen(3800));
    expect(print.notes).toEqual({ label: '備考', value: 'お振込手数料はご負担ください。' });
    expect(print.terms).toEqual({ label: '取引条件', value: '月末締め翌月末払い' });
  });

  it('prints a quote with its expiry date and tax-inclusive totals', () => {
    const { amountPaid: _paid, dueDate: _due, sentAt: _sent, ...rest } = makeInvoice();
    const quote: Quote = { ...rest, status: 'sent', expiryDate: '2026-12-15', taxInclusive: true };
    const print = buildDocumentPrint({
      kind: 'quote',
      document: quote,
      customer: makeCustomer(),
      organization: makeOrganization({ locale: 'en' }),
    });
    expect(print.facts.map((fact) => fact.label)).toContain('Valid until');
    expect(print.totals.map((row) => row.label)).toEqual(['Subtotal', 'Tax included', 'Total']);
  });
});

describe('addressLines and formatPrintDate', () => {
  const address = {
    street: '1 Main St\nSuite 2',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'USA',
  };
  it.each([
    ['en', address, ['1 Main St', 'Suite 2', 'Springfield, IL 62701', 'USA']],
    [
      'ja',
      { postalCode: '100-0001', state: '東京都', city: '千代田区', country: '日本' },
      ['〒100-0001', '東京都千代田区'],
    ],
    ['en', undefined, []],
  ] as const)('%s %j', (locale, input, lines) => {
    expect(addressLines(input, locale)).toEqual(lines);
  });

  it.each([
    ['2026-11-29', 'ja', '2026年11月29日'],
    ['2026-01-05', 'en', '5 January 2026'],
  ] as const)('%s in %s is %s', (date, locale, text) => {
    expect(formatPrintDate(date, locale)).toBe(text);
  });
});
