import type { Pathname } from '$app/types';
import type { DocumentKind, Invoice, Quote, SalesOrder, StatusOf } from '@kanjo/core';
import { DOCUMENT_PATHS, STATUSES } from '@kanjo/core';
import type { MessageKey } from '$lib/i18n/locale.svelte';

export type { DocumentKind };
export type AnyDocument = Invoice | Quote | SalesOrder;
export type DocumentOf<K extends DocumentKind> = K extends 'invoice'
  ? Invoice
  : K extends 'quote'
    ? Quote
    : SalesOrder;

interface KindInfo {
  /** The plural page title (shared with the navigation). */
  title: MessageKey;
  /** "Invoice", "Quote", "Sales order": a heading word. */
  noun: MessageKey;
  /** The same word inside a sentence ("Void this sales order?"). */
  inSentence: MessageKey;
  newLabel: MessageKey;
  empty: MessageKey;
  emptyHint: MessageKey;
}

export const KINDS: Record<DocumentKind, KindInfo> = {
  invoice: {
    title: 'page.invoices.title',
    noun: 'doc.kind.invoice',
    inSentence: 'entity.invoice',
    newLabel: 'doc.new.invoice',
    empty: 'doc.empty.invoice',
    emptyHint: 'doc.emptyHint.invoice',
  },
  quote: {
    title: 'page.quotes.title',
    noun: 'doc.kind.quote',
    inSentence: 'entity.quote',
    newLabel: 'doc.new.quote',
    empty: 'doc.empty.quote',
    emptyHint: 'doc.emptyHint.quote',
  },
  salesOrder: {
    title: 'page.salesOrders.title',
    noun: 'doc.kind.salesOrder',
    inSentence: 'entity.salesOrder',
    newLabel: 'doc.new.salesOrder',
    empty: 'doc.empty.salesOrder',
    emptyHint: 'doc.emptyHint.salesOrder',
  },
};

export function statusesOf<K extends DocumentKind>(kind: K): readonly StatusOf<K>[] {
  return STATUSES[kind];
}

// Paths, not URLs: callers pass them through `resolve()` (which adds the base path).

/** The list page of a kind. */
export function listPath(kind: DocumentKind): Pathname {
  return `/${DOCUMENT_PATHS[kind]}`;
}

/** The page of one document (its editor while it is editable). */
export function documentPath(kind: DocumentKind, id: string): Pathname {
  return `/${DOCUMENT_PATHS[kind]}/${id}`;
}

export function newPath(kind: DocumentKind): Pathname {
  return `/${DOCUMENT_PATHS[kind]}/new`;
}

/**
 * Whether core's patch mutation would accept an edit of the billed content:
 * an invoice only as a draft; quotes and sales orders until they are final.
 */
export function isEditable(kind: DocumentKind, status: string): boolean {
  if (kind === 'invoice') return status === 'draft';
  if (kind === 'quote') return status === 'draft' || status === 'sent';
  return status === 'draft' || status === 'confirmed';
}

/** A non-draft without a number was issued offline: the server numbers it on sync. */
export function isNumberPending(doc: { number: string | null; status: string }): boolean {
  return doc.number === null && doc.status !== 'draft';
}
