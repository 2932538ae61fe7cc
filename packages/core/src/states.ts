/**
 * Document state machines. Each machine is a table of (status, action) →
 * next status; anything not in the table is refused. `overdue` is not a
 * status: it is derived from the due date and balance (see `isOverdue`).
 */

export const QUOTE_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'declined',
  'expired',
  'invoiced',
] as const;
export const SALES_ORDER_STATUSES = ['draft', 'confirmed', 'closed', 'void'] as const;
export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'void'] as const;

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const QUOTE_ACTIONS = ['send', 'accept', 'decline', 'expire', 'convert'] as const;
export const SALES_ORDER_ACTIONS = ['confirm', 'close', 'void', 'convert'] as const;
/**
 * Payment actions are explicit so the table stays data-free: the payment
 * mutations pick `payPartially`/`payInFull` (or `reopen`/`reopenPartially`
 * when a payment is deleted) from the new amount paid.
 */
export const INVOICE_ACTIONS = [
  'issue',
  'markSent',
  'void',
  'payPartially',
  'payInFull',
  'reopen',
  'reopenPartially',
] as const;

export type QuoteAction = (typeof QUOTE_ACTIONS)[number];
export type SalesOrderAction = (typeof SALES_ORDER_ACTIONS)[number];
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

export type DocumentKind = 'quote' | 'salesOrder' | 'invoice';

interface Machines {
  quote: { status: QuoteStatus; action: QuoteAction };
  salesOrder: { status: SalesOrderStatus; action: SalesOrderAction };
  invoice: { status: InvoiceStatus; action: InvoiceAction };
}

export type StatusOf<K extends DocumentKind> = Machines[K]['status'];
export type ActionOf<K extends DocumentKind> = Machines[K]['action'];

type Table<K extends DocumentKind> = {
  [S in StatusOf<K>]: Partial<Record<ActionOf<K>, StatusOf<K>>>;
};

const QUOTE_TABLE: Table<'quote'> = {
  draft: { send: 'sent' },
  // A sent quote may be converted directly: the customer's order is acceptance.
  sent: { accept: 'accepted', decline: 'declined', expire: 'expired', convert: 'invoiced' },
  accepted: { convert: 'invoiced' },
  declined: {},
  expired: {},
  invoiced: {},
};

const SALES_ORDER_TABLE: Table<'salesOrder'> = {
  draft: { confirm: 'confirmed', void: 'void' },
  // Converting a confirmed order to an invoice closes it.
  confirmed: { close: 'closed', void: 'void', convert: 'closed' },
  closed: {},
  void: {},
};

const INVOICE_TABLE: Table<'invoice'> = {
  // "Mark as sent" on a draft issues it (and records sentAt).
  draft: { issue: 'issued', markSent: 'issued', void: 'void' },
  issued: {
    markSent: 'issued',
    void: 'void',
    payPartially: 'partially_paid',
    payInFull: 'paid',
  },
  // Void is refused once any payment is recorded: delete the payments first.
  partially_paid: {
    markSent: 'partially_paid',
    payPartially: 'partially_paid',
    payInFull: 'paid',
    reopen: 'issued',
    reopenPartially: 'partially_paid',
  },
  paid: { reopen: 'issued', reopenPartially: 'partially_paid' },
  void: {},
};

const TABLES: { [K in DocumentKind]: Table<K> } = {
  quote: QUOTE_TABLE,
  salesOrder: SALES_ORDER_TABLE,
  invoice: INVOICE_TABLE,
};

export const STATUSES = {
  quote: QUOTE_STATUSES,
  salesOrder: SALES_ORDER_STATUSES,
  invoice: INVOICE_STATUSES,
} as const;

export const ACTIONS = {
  quote: QUOTE_ACTIONS,
  salesOrder: SALES_ORDER_ACTIONS,
  invoice: INVOICE_ACTIONS,
} as const;

export type TransitionResult<K extends DocumentKind> =
  { ok: true; to: StatusOf<K> } | { ok: false; reason: string };

/**
 * The status a document moves to, or a refusal.
 * @example transition('invoice', 'draft', 'issue') // { ok: true, to: 'issued' }
 */
export function transition<K extends DocumentKind>(
  kind: K,
  from: StatusOf<K>,
  action: ActionOf<K>,
): TransitionResult<K> {
  const table: Table<K> = TABLES[kind];
  const to = table[from][action];
  if (to === undefined) {
    return { ok: false, reason: `Cannot ${action} a ${from} ${kind}` };
  }
  return { ok: true, to };
}
