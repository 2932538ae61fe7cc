import type { Customer, RoundingMode } from '@kanjo/core';
import { computeTotals, isOverdue } from '@kanjo/core';
import { foldForSearch } from '$lib/ui/search';
import type { AnyDocument } from './kinds';
import { isNumberPending } from './kinds';

/** One row of a document list, computed once per change of the data. */
export interface ListEntry {
  id: string;
  number: string | null;
  numberPending: boolean;
  status: string;
  /** Derived (invoices only): open, past due, and something left to pay. */
  overdue: boolean;
  customerId: string;
  customerName: string;
  issueDate: string;
  /** Due date (invoice) or expiry date (quote). */
  endDate: string | undefined;
  total: number;
  currency: string;
  /** Number, customer name and reference, folded (NFKC + lower case) for search. */
  haystack: string;
  createdAt: string;
}

export interface ListFilter {
  query: string;
  /** 'all', a status, or 'overdue'. */
  status: string;
  /** '' for every customer. */
  customerId: string;
}

/**
 * The rows of a list, newest first (issue date, then creation). Totals are
 * computed with the organization's rounding mode, as everywhere else.
 */
export function toEntries({
  docs,
  customers,
  roundingMode,
  today,
}: {
  docs: readonly AnyDocument[];
  customers: readonly Customer[];
  roundingMode: RoundingMode;
  today: string;
}): ListEntry[] {
  const names = new Map(customers.map((customer) => [customer.id, customer.displayName]));
  const entries = docs.map((doc): ListEntry => {
    const totals = computeTotals(doc, { roundingMode });
    const customerName = names.get(doc.customerId) ?? '';
    const overdue =
      'amountPaid' in doc && isOverdue(doc, today, { balance: totals.total - doc.amountPaid });
    return {
      id: doc.id,
      number: doc.number,
      numberPending: isNumberPending(doc),
      status: doc.status,
      overdue,
      customerId: doc.customerId,
      customerName,
      issueDate: doc.issueDate,
      endDate: 'dueDate' in doc ? doc.dueDate : 'expiryDate' in doc ? doc.expiryDate : undefined,
      total: totals.total,
      currency: doc.currency,
      haystack: foldForSearch(
        [doc.number ?? '', customerName, doc.referenceNumber ?? ''].join('\n'),
      ),
      createdAt: doc.createdAt,
    };
  });
  return entries.sort((a, b) =>
    a.issueDate === b.issueDate
      ? b.createdAt.localeCompare(a.createdAt)
      : b.issueDate.localeCompare(a.issueDate),
  );
}

/** Rows matching every word of the query, the status (or overdue) and the customer. */
export function filterEntries(entries: readonly ListEntry[], filter: ListFilter): ListEntry[] {
  const words = foldForSearch(filter.query).split(/\s+/).filter(Boolean);
  return entries.filter(
    (entry) =>
      (filter.status === 'all' ||
        (filter.status === 'overdue' ? entry.overdue : entry.status === filter.status)) &&
      (filter.customerId === '' || entry.customerId === filter.customerId) &&
      words.every((word) => entry.haystack.includes(word)),
  );
}
