import type { Customer, Invoice } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { filterEntries, toEntries } from './document-list';

const stamps = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv-1',
    number: 'INV-000001',
    customerId: 'c1',
    currency: 'JPY',
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    lines: [{ id: 'l1', name: 'Work', quantity: '3', rate: 1000, taxRate: '10' }],
    status: 'issued',
    amountPaid: 0,
    ...stamps,
    ...overrides,
  };
}

const customers: Customer[] = [
  {
    id: 'c1',
    kind: 'business',
    displayName: 'Ｓａｋｕｒａ 商事',
    contactPersons: [],
    customFields: {},
    ...stamps,
  },
  {
    id: 'c2',
    kind: 'individual',
    displayName: 'Alice',
    contactPersons: [],
    customFields: {},
    ...stamps,
  },
];

const docs = [
  makeInvoice(),
  makeInvoice({
    id: 'inv-2',
    number: null,
    status: 'draft',
    issueDate: '2026-04-01',
    customerId: 'c2',
  }),
  makeInvoice({ id: 'inv-3', number: null, issueDate: '2026-02-01', referenceNumber: 'PO-77' }),
  makeInvoice({ id: 'inv-4', number: 'INV-000004', status: 'paid', amountPaid: 3300 }),
];

const entries = toEntries({ docs, customers, roundingMode: 'halfUp', today: '2026-04-15' });

describe('toEntries', () => {
  it('sorts newest first and computes totals with core', () => {
    expect(entries.map((entry) => entry.id)).toEqual(['inv-2', 'inv-1', 'inv-4', 'inv-3']);
    expect(entries.find((entry) => entry.id === 'inv-1')?.total).toBe(3300);
  });

  it('derives overdue from the due date and balance, never the status alone', () => {
    const overdue = entries.filter((entry) => entry.overdue).map((entry) => entry.id);
    expect(overdue.sort()).toEqual(['inv-1', 'inv-3']);
  });

  it('marks a numberless non-draft as number pending, but not a draft', () => {
    const pending = entries.filter((entry) => entry.numberPending).map((entry) => entry.id);
    expect(pending).toEqual(['inv-3']);
  });
});

describe('filterEntries', () => {
  const ids = (filter: Parameters<typeof filterEntries>[1]) =>
    filterEntries(entries, filter).map((entry) => entry.id);

  it.each([
    [{ query: 'sakura', status: 'all', customerId: '' }, ['inv-1', 'inv-4', 'inv-3']],
    [{ query: 'ｉｎｖ-000004', status: 'all', customerId: '' }, ['inv-4']],
    [{ query: 'po-77', status: 'all', customerId: '' }, ['inv-3']],
    [{ query: '', status: 'overdue', customerId: '' }, ['inv-1', 'inv-3']],
    [{ query: '', status: 'draft', customerId: '' }, ['inv-2']],
    [{ query: '', status: 'all', customerId: 'c2' }, ['inv-2']],
    [{ query: '商事 paid', status: 'all', customerId: '' }, []],
  ])('%j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });
});
