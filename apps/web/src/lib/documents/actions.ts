import type {
  InvoiceAction,
  QuoteAction,
  QuoteStatus,
  SalesOrderAction,
  SalesOrderStatus,
} from '@kanjo/core';
import { QUOTE_STATUSES, SALES_ORDER_STATUSES, transition } from '@kanjo/core';
import type { MessageKey } from '$lib/i18n/locale.svelte';
import { mutate, newId } from '$lib/sync';
import type { AnyDocument, DocumentKind } from './kinds';

export type ActionId =
  | 'issue'
  | 'markSent'
  | 'recordPayment'
  | 'void'
  | 'send'
  | 'accept'
  | 'decline'
  | 'confirm'
  | 'close'
  | 'convertInvoice'
  | 'convertSalesOrder';

export interface ActionInfo {
  label: MessageKey;
  tone: 'primary' | 'secondary' | 'danger';
  /** Asks first: the step cannot be undone. */
  confirm?: boolean;
}

export const ACTION_INFO: Record<ActionId, ActionInfo> = {
  issue: { label: 'doc.action.issue', tone: 'primary' },
  markSent: { label: 'doc.action.markSent', tone: 'secondary' },
  recordPayment: { label: 'doc.action.recordPayment', tone: 'primary' },
  void: { label: 'doc.action.void', tone: 'danger', confirm: true },
  send: { label: 'doc.action.send', tone: 'primary' },
  accept: { label: 'doc.action.accept', tone: 'secondary' },
  decline: { label: 'doc.action.decline', tone: 'secondary' },
  confirm: { label: 'doc.action.confirm', tone: 'primary' },
  close: { label: 'doc.action.close', tone: 'secondary' },
  convertInvoice: { label: 'doc.action.convertInvoice', tone: 'primary' },
  convertSalesOrder: { label: 'doc.action.convertSalesOrder', tone: 'secondary' },
};

/**
 * The steps a document's status allows, in the order they are offered.
 * Core's state machine (`transition`) decides; two rules it leaves to the
 * mutations are mirrored: payments need an open invoice, and an invoice
 * with payments cannot be voided.
 */
export function availableActions(kind: DocumentKind, doc: AnyDocument): ActionId[] {
  if (kind === 'invoice' && 'amountPaid' in doc) {
    const can = (action: InvoiceAction) => transition('invoice', doc.status, action).ok;
    const open = doc.status === 'issued' || doc.status === 'partially_paid';
    return [
      ...(doc.status === 'draft' && can('issue') ? (['issue'] as const) : []),
      ...(open ? (['recordPayment'] as const) : []),
      ...(can('markSent') ? (['markSent'] as const) : []),
      ...(can('void') && doc.amountPaid === 0 ? (['void'] as const) : []),
    ];
  }
  if (kind === 'quote' && isQuoteStatus(doc.status)) {
    const status = doc.status;
    const can = (action: QuoteAction) => transition('quote', status, action).ok;
    return [
      ...(can('send') ? (['send'] as const) : []),
      ...(can('convert') ? (['convertInvoice', 'convertSalesOrder'] as const) : []),
      ...(can('accept') ? (['accept'] as const) : []),
      ...(can('decline') ? (['decline'] as const) : []),
    ];
  }
  if (kind === 'salesOrder' && isSalesOrderStatus(doc.status)) {
    const status = doc.status;
    const can = (action: SalesOrderAction) => transition('salesOrder', status, action).ok;
    return [
      ...(can('confirm') ? (['confirm'] as const) : []),
      ...(can('convert') ? (['convertInvoice'] as const) : []),
      ...(can('close') ? (['close'] as const) : []),
      ...(can('void') ? (['void'] as const) : []),
    ];
  }
  return [];
}

function isQuoteStatus(status: string): status is QuoteStatus {
  return (QUOTE_STATUSES as readonly string[]).includes(status);
}

function isSalesOrderStatus(status: string): status is SalesOrderStatus {
  return (SALES_ORDER_STATUSES as readonly string[]).includes(status);
}

/** Where a conversion's new draft lives, to open it next. */
export interface Converted {
  kind: 'invoice' | 'salesOrder';
  id: string;
}

/**
 * Runs one step (not `recordPayment`, which needs a form). Conversions make
 * the new draft's id here, so the page can open it as soon as it is saved.
 */
export async function runAction({
  kind,
  id,
  action,
}: {
  kind: DocumentKind;
  id: string;
  action: Exclude<ActionId, 'recordPayment'>;
}): Promise<Converted | undefined> {
  switch (action) {
    case 'issue':
    case 'markSent':
      await mutate(`invoice.${action}`, id, {});
      return undefined;
    case 'void':
      await mutate(kind === 'invoice' ? 'invoice.void' : 'salesOrder.void', id, {});
      return undefined;
    case 'send':
    case 'accept':
    case 'decline':
      await mutate(`quote.${action}`, id, {});
      return undefined;
    case 'confirm':
    case 'close':
      await mutate(`salesOrder.${action}`, id, {});
      return undefined;
    case 'convertInvoice':
    case 'convertSalesOrder': {
      const to = action === 'convertInvoice' ? 'invoice' : 'salesOrder';
      const targetId = newId();
      if (kind === 'quote') await mutate('quote.convert', id, { to, targetId });
      else await mutate('salesOrder.convert', id, { targetId });
      return { kind: to, id: targetId };
    }
  }
}
