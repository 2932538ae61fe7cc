import type { PanelContext, PanelDocumentKind, PanelDocumentRow } from '@kanjo/core';
import { isRecord, panelRequest } from './panel-request';

/**
 * The panel page's client for `/api/panel/*`. Every answer is
 * read here into the shapes the page renders, so a server that differs from
 * the contract is reconciled in this file only.
 */

/** A document's detail as the panel shows it; missing parts are null. */
export interface PanelDocumentDetail {
  kind: PanelDocumentKind;
  id: string;
  number: string | null;
  status: string;
  issueDate: string | null;
  /** Invoices: the due date; quotes: the expiry date. */
  dueDate: string | null;
  currency: string;
  lines: PanelDetailLine[];
  notes: string | null;
  total: number | null;
  balance: number | null;
  /** The row's version when read: an edit says which version it was made on. */
  version: number | null;
  dealId: string | null;
}

/** One line of a document; what the panel does not edit (description, discount) is kept as read. */
export interface PanelDetailLine {
  id: string | null;
  itemId: string | null;
  name: string;
  description: string | null;
  quantity: string;
  rate: number | null;
  discountPercent: string | null;
  taxRate: string | null;
}

/** A deal of the record's customer, as the edit form offers it. */
export interface PanelDeal {
  id: string;
  name: string;
  stage: string;
}

/** Sums over many invoices: bigint, since they may pass Number.MAX_SAFE_INTEGER. */
export interface PanelAmounts {
  outstanding: bigint | null;
  overdue: bigint | null;
  dueIn30Days: bigint | null;
  paidLast12Months: bigint | null;
}

/** The customer's receivables, in minor units; what the server left out is null. */
export interface PanelReceivables extends PanelAmounts {
  baseCurrency: string;
  byCurrency: (PanelAmounts & { currency: string })[];
  /** Foreign-currency invoices with no exchange rate: in `byCurrency`, not in the base figures. */
  unconverted: number;
}

export interface PanelLineInput {
  /** An edited line keeps its id (and its description and discount). */
  id?: string;
  itemId?: string;
  name: string;
  description?: string;
  discountPercent?: string;
  /** A decimal string ("2.5"). */
  quantity: string;
  /** Minor units per unit. */
  rate: number;
  taxRate?: string;
}

export interface PanelDocumentInput {
  lines: PanelLineInput[];
  dealId?: string;
  notes?: string;
}

/** Body of `PATCH /api/panel/documents/:kind/:id`: null clears, absent keeps. */
export interface PanelEditInput {
  baseVersion?: number;
  issueDate: string;
  dueDate?: string | null;
  expiryDate?: string | null;
  lines: PanelLineInput[];
  notes: string | null;
  dealId?: string | null;
}

export interface PanelEmailInput {
  to: string[];
  cc?: string[];
  subject?: string;
  message?: string;
}

/** The contract's context, plus the record's email when the server sends one (to prefill "To"). */
export type PanelSession = PanelContext & { recordEmail: string | null };

export interface PanelClient {
  context(): Promise<PanelSession>;
  documents(): Promise<PanelDocumentRow[]>;
  document(kind: PanelDocumentKind, id: string): Promise<PanelDocumentDetail>;
  /** The PDF as a blob: the header cannot ride on a plain link. */
  pdf(kind: PanelDocumentKind, id: string): Promise<Blob>;
  create(kind: PanelDocumentKind, input: PanelDocumentInput): Promise<PanelDocumentDetail>;
  edit(kind: PanelDocumentKind, id: string, input: PanelEditInput): Promise<PanelDocumentDetail>;
  /** The live deals of the record's customer. */
  deals(): Promise<PanelDeal[]>;
  email(kind: PanelDocumentKind, id: string, input: PanelEmailInput): Promise<{ mailId: string }>;
  receivables(): Promise<PanelReceivables>;
}

/**
 * @example const panel = createPanelClient({ query: location.search.slice(1) });
 * const { record, permissions } = await panel.context();
 */
export function createPanelClient({ query }: { query: string }): PanelClient {
  const get = (path: string) => panelRequest({ query, method: 'GET', path, read: 'json' });
  const post = (path: string, body: unknown) =>
    panelRequest({ query, method: 'POST', path, body, read: 'json' });
  const docPath = (kind: PanelDocumentKind, id: string) =>
    `/api/panel/documents/${kind}/${encodeURIComponent(id)}`;

  return {
    context: async () => {
      const context = (await get('/api/panel/context')) as PanelContext;
      const record: unknown = context.record;
      const email = isRecord(record) ? text(record.email) : null;
      return { ...context, recordEmail: email };
    },
    documents: async () => {
      const answer = await get('/api/panel/documents');
      return isRecord(answer) && Array.isArray(answer.documents)
        ? (answer.documents as PanelDocumentRow[])
        : [];
    },
    document: async (kind, id) => readDetail(kind, await get(docPath(kind, id))),
    pdf: async (kind, id) =>
      (await panelRequest({
        query,
        method: 'GET',
        path: `${docPath(kind, id)}/pdf`,
        read: 'blob',
      })) as Blob,
    create: async (kind, input) =>
      readDetail(kind, await post(`/api/panel/documents/${kind}`, input)),
    edit: async (kind, id, input) =>
      readDetail(
        kind,
        await panelRequest({
          query,
          method: 'PATCH',
          path: docPath(kind, id),
          body: input,
          read: 'json',
        }),
      ),
    deals: async () => readDeals(await get('/api/panel/deals')),
    email: async (kind, id, input) => {
      const answer = await post(`${docPath(kind, id)}/email`, input);
      return { mailId: isRecord(answer) && typeof answer.mailId === 'string' ? answer.mailId : '' };
    },
    receivables: async () => readReceivables(await get('/api/panel/receivables')),
  };
}

/** The core row (quote, sales order or invoice), possibly with computed `totals`. */
export function readDetail(kind: PanelDocumentKind, answer: unknown): PanelDocumentDetail {
  const row = isRecord(answer) ? answer : {};
  const totals = isRecord(row.totals) ? row.totals : {};
  const lines = Array.isArray(row.lines) ? row.lines.filter(isRecord) : [];
  return {
    kind,
    id: text(row.id) ?? '',
    number: text(row.number),
    status: text(row.status) ?? 'draft',
    issueDate: text(row.issueDate),
    dueDate: text(row.dueDate) ?? text(row.expiryDate),
    currency: text(row.currency) ?? '',
    lines: lines.map((line) => ({
      id: text(line.id),
      itemId: text(line.itemId),
      name: text(line.name) ?? '',
      description: text(line.description),
      quantity: text(line.quantity) ?? '',
      rate: amount(line.rate),
      discountPercent: text(line.discountPercent),
      taxRate: text(line.taxRate),
    })),
    notes: text(row.notes),
    total: amount(totals.total) ?? amount(row.total),
    balance: amount(totals.balance) ?? amount(row.balance),
    version: amount(row.version),
    dealId: text(row.dealId),
  };
}

function readDeals(answer: unknown): PanelDeal[] {
  const deals =
    isRecord(answer) && Array.isArray(answer.deals) ? answer.deals.filter(isRecord) : [];
  return deals.flatMap((deal) => {
    const id = text(deal.id);
    return id ? [{ id, name: text(deal.name) ?? id, stage: text(deal.stage) ?? '' }] : [];
  });
}

export function readReceivables(answer: unknown): PanelReceivables {
  const summary = isRecord(answer) ? answer : {};
  const byCurrency = Array.isArray(summary.byCurrency) ? summary.byCurrency.filter(isRecord) : [];
  // Core's ReceivablesSummary keeps the base-currency figures under `base`.
  const base = isRecord(summary.base) ? summary.base : summary;
  return {
    baseCurrency: text(summary.baseCurrency) ?? '',
    ...amounts(base),
    byCurrency: byCurrency.flatMap((entry) => {
      const currency = text(entry.currency);
      return currency ? [{ currency, ...amounts(entry) }] : [];
    }),
    unconverted: Array.isArray(summary.unconverted) ? summary.unconverted.length : 0,
  };
}

function amounts(source: Record<string, unknown>): PanelAmounts {
  return {
    outstanding: sum(source.outstanding),
    overdue: sum(source.overdue),
    dueIn30Days: sum(source.dueIn30Days),
    paidLast12Months: sum(source.paidLast12Months),
  };
}

/** Core sends sums as decimal integer strings (exact beyond 2^53); a safe integer is read too. */
function sum(value: unknown): bigint | null {
  if (typeof value === 'string' && /^-?\d{1,40}$/.test(value)) return BigInt(value);
  const number = amount(value);
  return number === null ? null : BigInt(number);
}

/** Minor units are safe integers; anything else is shown as unknown, never as a wrong number. */
function amount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
