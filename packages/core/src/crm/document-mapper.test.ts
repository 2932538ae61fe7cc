import { describe, expect, it } from 'vitest';
import type { Invoice, Quote, SalesOrder } from '../schemas/documents';
import {
  documentCrmChanged,
  documentCrmFields,
  documentFieldsToCrm,
  invoiceCrmStatus,
  QUOTE_STAGES,
  SALES_ORDER_CRM_STATUSES,
} from './document-mapper';

const stamps = {
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv-1',
    number: 'INV-000042',
    customerId: 'cus-1',
    currency: 'JPY',
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    lines: [{ id: 'l1', name: 'Consulting', quantity: '3', rate: 1000, taxRate: '10' }],
    status: 'issued',
    amountPaid: 0,
    ...stamps,
    ...overrides,
  };
}

function makeQuote(overrides: Partial<Quote> = {}): Quote {
  return {
    id: 'quo-1',
    number: 'QT-000007',
    customerId: 'cus-1',
    currency: 'USD',
    issueDate: '2026-11-20',
    expiryDate: '2026-12-01',
    lines: [{ id: 'l1', name: 'Pen', quantity: '2', rate: 1234, taxRate: '8' }],
    status: 'sent',
    ...stamps,
    ...overrides,
  };
}

function makeSalesOrder(overrides: Partial<SalesOrder> = {}): SalesOrder {
  return {
    id: 'so-1',
    number: 'SO-000003',
    customerId: 'cus-1',
    currency: 'BHD',
    issueDate: '2026-11-20',
    lines: [{ id: 'l1', name: 'Oil', quantity: '1', rate: 1005 }],
    status: 'confirmed',
    ...stamps,
    ...overrides,
  };
}

const account = { module: 'Accounts', crmId: '7001' } as const;
const options = { customer: account, roundingMode: 'halfUp' } as const;

describe('documentCrmFields', () => {
  it('maps an issued invoice with a deal to an Invoices record', () => {
    expect(
      documentCrmFields({ kind: 'invoice', document: makeInvoice({ dealId: 'deal-9' }) }, options),
    ).toEqual({
      Subject: 'INV-000042',
      Account_Name: '7001',
      Contact_Name: null,
      Deal_Name: 'deal-9',
      Currency: 'JPY',
      Sub_Total: '3000',
      Discount: '0',
      Tax: '300',
      Grand_Total: '3300',
      Status: 'Approved',
      Invoice_Date: '2026-11-20',
      Due_Date: '2026-12-20',
    });
  });

  it('never maps a draft', () => {
    const draft = makeInvoice({ number: null, status: 'draft' });
    expect(documentCrmFields({ kind: 'invoice', document: draft }, options)).toBeNull();
  });

  it('links an individual customer through Contact_Name', () => {
    const fields = documentCrmFields(
      { kind: 'quote', document: makeQuote() },
      { ...options, customer: { module: 'Contacts', crmId: '8001' } },
    );
    expect(fields).toMatchObject({ Account_Name: null, Contact_Name: '8001', Deal_Name: null });
  });

  it.each([
    // currency, lines, discount, inclusive → Sub_Total, Discount, Tax, Grand_Total
    [
      'USD',
      [{ quantity: '2', rate: 1234, taxRate: '8' }],
      undefined,
      false,
      ['24.68', '0.00', '1.97', '26.65'],
    ],
    [
      'BHD',
      [{ quantity: '1', rate: 1005 }],
      undefined,
      false,
      ['1.005', '0.000', '0.000', '1.005'],
    ],
    [
      'JPY',
      [{ quantity: '1', rate: 1100, taxRate: '10' }],
      undefined,
      true,
      ['1000', '0', '100', '1100'],
    ],
    [
      'EUR',
      [{ quantity: '1', rate: 10000, taxRate: '10' }],
      { type: 'percent', value: '10' },
      false,
      ['100.00', '10.00', '9.00', '99.00'],
    ],
    [
      'JPY',
      [{ quantity: '1', rate: 5000 }],
      { type: 'amount', value: 9999 },
      false,
      ['5000', '5000', '0', '0'],
    ],
  ] as const)(
    'totals in %s are exact decimals (case %#)',
    (currency, lines, discount, inclusive, expected) => {
      const document = makeQuote({
        currency,
        lines: lines.map((line, i) => ({ id: `l${i}`, name: 'x', ...line })),
        ...(discount ? { discount } : {}),
        taxInclusive: inclusive,
      });
      const fields = documentCrmFields({ kind: 'quote', document }, options);
      expect([fields?.Sub_Total, fields?.Discount, fields?.Tax, fields?.Grand_Total]).toEqual(
        expected,
      );
    },
  );

  it.each([
    ['sent', 'Delivered'],
    ['accepted', 'Confirmed'],
    ['declined', 'Closed Lost'],
    ['expired', 'Closed Lost'],
    ['invoiced', 'Closed Won'],
  ] as const)('a %s quote is Quote_Stage %s', (status, stage) => {
    expect(QUOTE_STAGES[status]).toBe(stage);
    const fields = documentCrmFields({ kind: 'quote', document: makeQuote({ status }) }, options);
    expect(fields).toMatchObject({ Quote_Stage: stage, Valid_Till: '2026-12-01' });
  });

  it.each([
    ['confirmed', 'Approved'],
    ['closed', 'Delivered'],
    ['void', 'Cancelled'],
  ] as const)('a %s sales order is Status %s', (status, crm) => {
    expect(SALES_ORDER_CRM_STATUSES[status]).toBe(crm);
    const document = makeSalesOrder({ status });
    expect(documentCrmFields({ kind: 'salesOrder', document }, options)).toMatchObject({
      Status: crm,
    });
  });

  it.each([
    ['issued', undefined, 'Approved'],
    ['issued', '2026-11-21T00:00:00.000Z', 'Delivered'],
    ['partially_paid', undefined, 'Approved'],
    ['partially_paid', '2026-11-21T00:00:00.000Z', 'Delivered'],
    ['paid', '2026-11-21T00:00:00.000Z', 'Paid'],
    ['void', undefined, 'Cancelled'],
  ] as const)('a %s invoice sent at %s is Status %s', (status, sentAt, crm) => {
    expect(invoiceCrmStatus({ status, ...(sentAt ? { sentAt } : {}) })).toBe(crm);
  });
});

describe('documentFieldsToCrm', () => {
  const fields = {
    Subject: 'INV-1',
    Account_Name: '7001',
    Contact_Name: null,
    Deal_Name: null,
    Grand_Total: '12.30',
    Tax: '0.05',
  };

  it('sends lookups as { id } and money as numbers, leaving empties out of an insert', () => {
    expect(documentFieldsToCrm(fields, { insert: true })).toEqual({
      Subject: 'INV-1',
      Account_Name: { id: '7001' },
      Grand_Total: 12.3,
      Tax: 0.05,
    });
  });

  it('clears with null on an update (a deal dissociated)', () => {
    expect(documentFieldsToCrm({ Deal_Name: null })).toEqual({ Deal_Name: null });
  });
});

describe('documentCrmChanged', () => {
  const issued = makeInvoice();
  it.each([
    [
      'a draft edit',
      makeInvoice({ number: null, status: 'draft' }),
      makeInvoice({ number: null, status: 'draft', notes: 'x' }),
      false,
    ],
    ['issuing', makeInvoice({ number: null, status: 'draft' }), issued, true],
    ['notes only', issued, { ...issued, notes: 'thanks' }, false],
    [
      'a line renamed',
      issued,
      {
        ...issued,
        lines: [
          { ...issued.lines[0], id: 'l1', name: 'Other', quantity: '3', rate: 1000, taxRate: '10' },
        ],
      },
      false,
    ],
    ['a payment', issued, { ...issued, status: 'paid', amountPaid: 3300 }, true],
    ['marked sent', issued, { ...issued, sentAt: '2026-11-21T00:00:00.000Z' }, true],
    ['a deal linked', issued, { ...issued, dealId: 'deal-1' }, true],
    ['a deal dissociated', { ...issued, dealId: 'deal-1' }, { ...issued, dealId: null }, true],
    ['another customer', issued, { ...issued, customerId: 'cus-2' }, true],
    [
      'a rate',
      issued,
      {
        ...issued,
        lines: [{ id: 'l1', name: 'Consulting', quantity: '3', rate: 1100, taxRate: '10' }],
      },
      true,
    ],
  ] as const)('%s → %s', (_name, before, after, changed) => {
    expect(documentCrmChanged(before, after)).toBe(changed);
  });
});
