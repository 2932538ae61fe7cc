import type { RoundingMode } from './money/decimal';
import type { Invoice, Quote, SalesOrder } from './schemas/documents';
import type { DocumentKind } from './states';
import type { TaxBreakdownEntry } from './totals';
import { computeTotals, invoiceTotals, isOverdue } from './totals';

export interface DocumentTotals {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  taxBreakdown: TaxBreakdownEntry[];
}

export interface InvoiceDocumentTotals extends DocumentTotals {
  paid: number;
  balance: number;
}

export type PresentedQuote = Quote & { totals: DocumentTotals };
export type PresentedSalesOrder = SalesOrder & { totals: DocumentTotals };
export type PresentedInvoice = Invoice & { totals: InvoiceDocumentTotals; overdue: boolean };
export type PresentedDocument = PresentedQuote | PresentedSalesOrder | PresentedInvoice;

export interface PresentOptions {
  roundingMode: RoundingMode;
  /** 'YYYY-MM-DD' in the organization's time zone, for `overdue`. */
  today: string;
}

/**
 * The wire object of a stored document: the row plus computed `totals`
 * (and `overdue` for invoices). Computed fields are never stored.
 * @example presentDocument('invoice', row, { roundingMode: 'halfUp', today: '2024-02-01' }).totals.balance
 */
export function presentDocument(
  kind: 'invoice',
  row: Invoice,
  options: PresentOptions,
): PresentedInvoice;
export function presentDocument(kind: 'quote', row: Quote, options: PresentOptions): PresentedQuote;
export function presentDocument(
  kind: 'salesOrder',
  row: SalesOrder,
  options: PresentOptions,
): PresentedSalesOrder;
export function presentDocument(
  kind: DocumentKind,
  row: Invoice | Quote | SalesOrder,
  options: PresentOptions,
): PresentedDocument;
export function presentDocument(
  _kind: DocumentKind,
  row: Invoice | Quote | SalesOrder,
  options: PresentOptions,
): PresentedDocument {
  // The overloads tie `kind` to the row type; the row itself tells them apart.
  if ('amountPaid' in row) return presentInvoice(row, options);
  const { subtotal, discount, tax, total, taxBreakdown } = computeTotals(row, options);
  return { ...row, totals: { subtotal, discount, tax, total, taxBreakdown } };
}

function presentInvoice(row: Invoice, options: PresentOptions): PresentedInvoice {
  const totals = invoiceTotals(row, options);
  const { subtotal, discount, tax, total, paid, balance, taxBreakdown } = totals;
  return {
    ...row,
    totals: { subtotal, discount, tax, total, paid, balance, taxBreakdown },
    overdue: isOverdue(row, options.today, totals),
  };
}
