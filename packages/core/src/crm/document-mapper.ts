import type { Invoice, Quote, SalesOrder } from '../schemas/documents';
import type { DocumentKind, InvoiceStatus, QuoteStatus, SalesOrderStatus } from '../states';
import type { FieldValue, FlatFields } from './values';

/**
 * Issued quotes, sales orders and invoices as records of the CRM's Quotes,
 * Sales_Orders and Invoices , Kanjo → CRM only. A draft has no number
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

/**
 * The CRM records the document is for: the Account (the customer's own, or
 * the Account of the customer's CRM Contact) and the Contact, each when known.
 */
export interface CrmDocumentParties {
  accountId: string | null;
  contactId: string | null;
}

/** Lookups: sent as `{ id }`, kept as the id. */
export const DOCUMENT_LOOKUP_FIELDS = ['Account_Name', 'Contact_Name', 'Deal_Name'] as const;

/** The picklist each kind writes its status to. */
export const DOCUMENT_STATUS_FIELDS = {
  quote: 'Quote_Stage',
  salesOrder: 'Status',
  invoice: 'Status',
} as const satisfies Record<DocumentKind, string>;

/**
 * The header values of an issued document, or null for a draft (no number).
 * Zoho computes Sub_Total, Tax and Grand_Total from the line items itself
 * (see document-lines.ts), so none of them is sent. The status is Zoho's
 * default picklist name for Kanjo's state; the server checks it against the
 * org's own picklist before it goes.
 *
 * @example
 * documentCrmFields({ kind: 'invoice', document: invoice }, { accountId: '7001', contactId: null })
 * // { Subject: 'INV-000042', Account_Name: '7001', Status: 'Approved', Invoice_Date: '2026-11-20', … }
 */
export function documentCrmFields(
  input: CrmDocumentInput,
  parties: CrmDocumentParties,
): FlatFields | null {
  const { document } = input;
  if (document.number === null) return null;
  return {
    Subject: document.number,
    Account_Name: parties.accountId,
    Contact_Name: parties.contactId,
    Deal_Name: document.dealId ?? null,
    Currency: document.currency,
    ...kindFields(input),
  };
}

/** Kanjo's state of a document, as the history names it ("invoice paid"). */
export function documentStateLabel(input: CrmDocumentInput): string {
  const kind = input.kind === 'salesOrder' ? 'sales order' : input.kind;
  return `${kind} ${input.document.status.replace('_', ' ')}`;
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

/**
 * Document values (all, or the changed ones) as a write body: a lookup id
 * becomes `{ id }`. An insert leaves out what is empty; an update sends null
 * to clear it (a deal dissociated). Line items are added by the caller.
 * @example documentFieldsToCrm({ Deal_Name: '42', Status: 'Paid' }) // { Deal_Name: { id: '42' }, Status: 'Paid' }
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
    body[field] = lookups.has(field) ? { id: String(value) } : value;
  }
  return body;
}

/**
 * What a document's CRM record is made from, to tell whether a write changed
 * it (the outbox hook): number, status, sending, customer, deal, currency,
 * dates and the lines (each one's item, text and amounts: they are the CRM's
 * line items).
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
      line.itemId ?? null,
      line.name,
      line.description ?? null,
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

/** One value of a CRM picklist: what the API stores and what people see. */
export interface CrmPicklistOption {
  value: string;
  label: string;
}

/** Zoho's placeholder option of a picklist ("-None-"): shown as empty, never a value. */
const isNone = (text: string) => text.trim().toLowerCase() === '-none-';

/**
 * The org's picklist value for Kanjo's default name: the option whose
 * actual value or display value is that name (exactly, else ignoring case
 * and spaces around it); undefined when the org has none. "-None-" is
 * Zoho's empty choice, not a value: it neither matches nor is matched.
 * @example crmPicklistValue('Paid', [{ value: 'Paid', label: 'Paid in full' }]) // 'Paid'
 */
export function crmPicklistValue(
  wanted: string,
  options: readonly CrmPicklistOption[],
): string | undefined {
  if (isNone(wanted)) return undefined;
  const real = options.filter((o) => !isNone(o.value));
  const exact = real.find((o) => o.value === wanted || o.label === wanted);
  if (exact) return exact.value;
  const key = wanted.trim().toLowerCase();
  return real.find(
    (o) => o.value.trim().toLowerCase() === key || o.label.trim().toLowerCase() === key,
  )?.value;
}
