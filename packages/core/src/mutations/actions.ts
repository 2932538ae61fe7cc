import type { QuoteAction, SalesOrderAction } from '../states';
import { transition } from '../states';
import { nextStatus, numberFor, requireLines } from './document-rules';
import { DomainError } from './errors';
import { mustRead, put, toRow } from './rows';
import type { MutationHandler } from './types';

/** quote.send assigns the number; accept/decline/expire only move the status. */
export function quoteAction(action: QuoteAction): MutationHandler<unknown> {
  return async ({ entityId, ctx }) => {
    const quote = await mustRead(ctx, 'quote', entityId);
    const status = nextStatus(transition('quote', quote.status, action));
    const number = action === 'send' ? await numberFor(ctx, 'quote', quote.number) : quote.number;
    return [put('quote', toRow('quote', { ...quote, status, number, updatedAt: ctx.now }))];
  };
}

/** salesOrder.confirm assigns the number; close/void only move the status. */
export function salesOrderAction(action: SalesOrderAction): MutationHandler<unknown> {
  return async ({ entityId, ctx }) => {
    const order = await mustRead(ctx, 'salesOrder', entityId);
    const status = nextStatus(transition('salesOrder', order.status, action));
    const number =
      action === 'confirm' ? await numberFor(ctx, 'salesOrder', order.number) : order.number;
    const row = toRow('salesOrder', { ...order, status, number, updatedAt: ctx.now });
    return [put('salesOrder', row)];
  };
}

/**
 * invoice.issue, and invoice.markSent (which also issues a draft and records
 * sentAt). Issuing needs at least one line; the number is allocated last so a
 * refused issue never consumes one.
 */
export function invoiceSendAction(action: 'issue' | 'markSent'): MutationHandler<unknown> {
  return async ({ entityId, ctx }) => {
    const invoice = await mustRead(ctx, 'invoice', entityId);
    const status = nextStatus(transition('invoice', invoice.status, action));
    if (invoice.status === 'draft') requireLines(invoice);
    const number = await numberFor(ctx, 'invoice', invoice.number);
    const sentAt = action === 'markSent' ? ctx.now : invoice.sentAt;
    const row = toRow('invoice', { ...invoice, status, number, sentAt, updatedAt: ctx.now });
    return [put('invoice', row)];
  };
}

/** invoice.void: refused once any payment is recorded (delete the payments first). */
export const voidInvoice: MutationHandler<unknown> = async ({ entityId, ctx }) => {
  const invoice = await mustRead(ctx, 'invoice', entityId);
  const status = nextStatus(transition('invoice', invoice.status, 'void'));
  if (invoice.amountPaid > 0) {
    throw new DomainError({
      code: 'INVALID_TRANSITION',
      message: 'An invoice with payments cannot be voided',
    });
  }
  return [put('invoice', toRow('invoice', { ...invoice, status, updatedAt: ctx.now }))];
};
