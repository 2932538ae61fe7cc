import { describe, expect, it } from 'vitest';
import type { Invoice, Quote, SalesOrder } from '../schemas/documents';
import {
  crmPicklistValue,
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

const options = { accountId: '7001', contactId: null };

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
      Status: 'Approved',
      Invoice_Date: '2026-11-20',
      Due_Date: '2026-12-20',
    });
  });

  it('never maps a draft', () => {
    const draft = makeInvoice({ number: null, status: 'draft' });
    expect(documentCrmFields({ kind: 'invoice', document: draft }, options)).toBeNull();
  });

  it('names the Contact and its Account for a customer linked to a CRM Contact', () => {
    const fields = documentCrmFields(
      { kind: 'quote', document: makeQuote() },
      { accountId: '7002', contactId: '8001' },
    );
    expect(fields).toMatchObject({ Account_Name: '7002', Contact_Name: '8001', Deal_Name: null });
  });

  it('sends none of the totals Zoho computes from the line items', () => {
    const fields = documentCrmFields({ kind: 'invoice', document: makeInvoice() }, options);
    for (const computed of ['Sub_Total', 'Tax', 'Discount', 'Grand_Total']) {
      expect(fields).not.toHaveProperty(computed);
    }
  });

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

  it.each([
    ['Paid', [{ value: 'Paid', label: 'Paid' }], 'Paid'],
    ['Paid', [{ value: 'Bezahlt', label: 'Paid' }], 'Bezahlt'],
    ['Closed Won', [{ value: 'closed won ', label: 'Won' }], 'closed won '],
    ['Paid', [{ value: 'Settled', label: 'Settled' }], undefined],
    // Zoho's empty choice is no value: neither a match nor matched.
    ['-none-', [{ value: '-None-', label: '-None-' }], undefined],
    [' -None- ', [{ value: '-None-', label: 'Nothing' }], undefined],
    ['Nothing', [{ value: '-None-', label: 'Nothing' }], undefined],
  ] as const)('Kanjo’s %s in the org picklist %j is %s', (wanted, options, value) => {
    expect(crmPicklistValue(wanted, options)).toBe(value);
  });
});

describe('documentFieldsToCrm', () => {
  const fields = {
    Subject: 'INV-1',
    Account_Name: '7001',
    Contact_Name: null,
    Deal_Name: null,
    Status: 'Approved',
  };

  it('sends lookups as { id }, leaving empties out of an insert', () => {
    expect(documentFieldsToCrm(fields, { insert: true })).toEqual({
      Subject: 'INV-1',
      Account_Name: { id: '7001' },
      Status: 'Approved',
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
      true,
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
