import { currencyExponent } from '../money/currencies';
import type { RoundingMode } from '../money/decimal';
import { minorToDecimalString } from '../money/format';
import type { Invoice, Quote, SalesOrder } from '../schemas/documents';
import type { DocumentKind, InvoiceStatus, QuoteStatus, SalesOrderStatus } from '../states';
import { computeTotals } from '../totals';
import type { FieldValue, FlatFields } from './values';

/**
 * Issued quotes, sales orders and invoices as records of the CRM's Quotes,
 * Sales_Orders and Invoices (F20), Kanjo → CRM only. A draft has no number
 * and never goes. The values are keyed by the CRM field's API name, a lookup
 * by the id it points at and money as exact decimal text, so the server can
 * keep what it sent on the document's link and send only what changed.
 */

export type CrmDocumentModule = 'Quotes' | 'Sales_Orders' | 'Invoices';

export const DOCUMENT_CRM_MODULES = {
  quote: 'Quotes',
  salesOrder: 'Sales_Orders',
  invoice: 'Invoices',
} as const satisfies Record<DocumentKind, CrmDocumentModule>;

export const DOCUMENT_KINDS = ['quote', 'salesOrder', 'invoice'] as const;

/** Zoho's duplicate-check field of all three modules: Kanjo puts the document number there. */
export const DOCUMENT_DUPLICATE_FIELD = 'Subject';

/**
 * Quote status → Zoho's default `Quote_Stage` picklist (Draft, Negotiation,
 * Delivered, On Hold, Confirmed, Closed Won, Closed Lost). Zoho has no
 * "Expired": an expired quote was not won, so it is Closed Lost like a
 * declined one. An invoiced quote turned into business: Closed Won.
 */
export const QUOTE_STAGES: Record<QuoteStatus, string> = {
  draft: 'Draft',
  sent: 'Delivered',
  accepted: 'Confirmed',
  declined: 'Closed Lost',
  expired: 'Closed Lost',
  invoiced: 'Closed Won',
};

/**
 * Sales order status → Zoho's default Sales_Orders `Status` picklist
 * (Created, Approved, Delivered, Cancelled). A closed order was fulfilled
 * (or converted to an invoice): Delivered.
 */
export const SALES_ORDER_CRM_STATUSES: Record<SalesOrderStatus, string> = {
  draft: 'Created',
  confirmed: 'Approved',
  closed: 'Delivered',
  void: 'Cancelled',
};

/**
 * Invoice status → Zoho's default Invoices `Status` picklist (Created,
 * Approved, Delivered, Paid, Cancelled). Zoho has no "partially paid": an
 * open invoice (issued or partially paid) is Approved until it is sent
 * (`sentAt`), Delivered after; only a fully paid one is Paid.
 */
export function invoiceCrmStatus(invoice: Pick<Invoice, 'status' | 'sentAt'>): string {
  switch (invoice.status) {
    case 'draft':
      return 'Created';
    case 'issued':
    case 'partially_paid':
      return invoice.sentAt === undefined ? 'Approved' : 'Delivered';
    case 'paid':
      return 'Paid';
    case 'void':
      return 'Cancelled';
  }
}

/** The statuses of each kind, for exhaustive tables. */
export type AnyDocumentStatus = QuoteStatus | SalesOrderStatus | InvoiceStatus;

export type CrmDocumentInput =
  | { kind: 'quote'; document: Quote }
  | { kind: 'salesOrder'; document: SalesOrder }
  | { kind: 'invoice'; document: Invoice };

/** The CRM record the document's customer is linked to (crm_links, entity `customer`). */
export interface CrmCustomerRef {
  module: 'Accounts' | 'Contacts';
  crmId: string;
}

/** Lookups: sent as `{ id }`, kept as the id. */
export const DOCUMENT_LOOKUP_FIELDS = ['Account_Name', 'Contact_Name', 'Deal_Name'] as const;
/** Money: sent as a JSON number, kept as exact decimal text. */
export const DOCUMENT_MONEY_FIELDS = ['Sub_Total', 'Discount', 'Tax', 'Grand_Total'] as const;

/**
 * The CRM values of an issued document, or null for a draft (no number).
 *
 * Totals are Kanjo's (`computeTotals`), converted exactly from minor units.
 * Zoho reads them as Grand_Total = Sub_Total − Discount + Tax, so a
 * tax-inclusive document sends its Sub_Total net of the included tax: the
 * identity holds and Grand_Total is Kanjo's total either way.
 *
 * @example
 * documentCrmFields(
 *   { kind: 'invoice', document: invoice },
 *   { customer: { module: 'Accounts', crmId: '7001' }, roundingMode: 'halfUp' },
 * ) // { Subject: 'INV-000042', Account_Name: '7001', Grand_Total: '3300', Status: 'Approved', … }
 */
export function documentCrmFields(
  input: CrmDocumentInput,
  options: { customer: CrmCustomerRef; roundingMode: RoundingMode },
): FlatFields | null {
  const { document } = input;
  if (document.number === null) return null;
  const totals = computeTotals(document, { roundingMode: options.roundingMode });
  const exponent = currencyExponent(document.currency);
  const money = (minor: number) => minorToDecimalString(minor, exponent);
  const subTotal = totals.taxInclusive ? totals.subtotal - totals.tax : totals.subtotal;
  const { customer } = options;
  return {
    Subject: document.number,
    Account_Name: customer.module === 'Accounts' ? customer.crmId : null,
    Contact_Name: customer.module === 'Contacts' ? customer.crmId : null,
    Deal_Name: document.dealId ?? null,
    Currency: document.currency,
    Sub_Total: money(subTotal),
    Discount: money(totals.discount),
    Tax: money(totals.tax),
    Grand_Total: money(totals.total),
    ...kindFields(input),
  };
}

function kindFields(input: CrmDocumentInput): FlatFields {
  switch (input.kind) {
    case 'quote':
      return {
        Quote_Stage: QUOTE_STAGES[input.document.status],
        Valid_Till: input.document.expiryDate ?? null,
      };
    case 'salesOrder':
      return { Status: SALES_ORDER_CRM_STATUSES[input.document.status] };
    case 'invoice':
      return {
        Status: invoiceCrmStatus(input.document),
        Invoice_Date: input.document.issueDate,
        Due_Date: input.document.dueDate ?? null,
      };
  }
}

const lookups = new Set<string>(DOCUMENT_LOOKUP_FIELDS);
const moneyFields = new Set<string>(DOCUMENT_MONEY_FIELDS);

/**
 * Document values (all, or the changed ones) as a write body: a lookup id
 * becomes `{ id }`, decimal text a JSON number (the number whose shortest
 * text is that decimal: exact for the 15 significant digits money has). An
 * insert leaves out what is empty; an update sends null to clear it (a deal
 * dissociated, F21).
 * @example documentFieldsToCrm({ Deal_Name: '42', Grand_Total: '12.30' }) // { Deal_Name: { id: '42' }, Grand_Total: 12.3 }
 */
export function documentFieldsToCrm(
  fields: FlatFields,
  { insert = false }: { insert?: boolean } = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) {
      if (!insert) body[field] = null;
      continue;
    }
    if (lookups.has(field)) body[field] = { id: String(value) };
    else if (moneyFields.has(field)) body[field] = Number(value);
    else body[field] = value;
  }
  return body;
}

/**
 * What a document's CRM record is made from, to tell whether a write changed
 * it (the outbox hook): number, status, sending, customer, deal, currency,
 * dates and what the totals come from. A line renamed changes none of it.
 */
export function documentSyncInputs(document: unknown): FlatFields {
  const doc = (typeof document === 'object' && document !== null ? document : {}) as Partial<
    Quote & SalesOrder & Invoice
  >;
  const text = (value: unknown): FieldValue =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : null;
  const totalsFrom = {
    lines: (doc.lines ?? []).map((line) => [
      line.quantity,
      line.rate,
      line.discountPercent ?? null,
      line.taxRate ?? null,
    ]),
    discount: doc.discount ?? null,
    taxInclusive: doc.taxInclusive ?? false,
  };
  return {
    number: text(doc.number),
    status: text(doc.status),
    sent: doc.sentAt !== undefined,
    customerId: text(doc.customerId),
    dealId: text(doc.dealId),
    currency: text(doc.currency),
    issueDate: text(doc.issueDate),
    dueDate: text(doc.dueDate),
    expiryDate: text(doc.expiryDate),
    totals: JSON.stringify(totalsFrom),
  };
}

/**
 * Whether a write to a document must reach the CRM: it is issued (has a
 * number) and a value its CRM record is made from changed.
 */
export function documentCrmChanged(before: unknown, after: unknown): boolean {
  const next = documentSyncInputs(after);
  if (next.number === null) return false;
  const previous = documentSyncInputs(before);
  return Object.keys(next).some((key) => previous[key] !== next[key]);
}
