import type { Quote, SalesOrder } from '../schemas/documents';
import { transition } from '../states';
import type { MutationArgs } from './args';
import { checkDocument, defaultDueDate, nextStatus, requireCustomer } from './document-rules';
import { assertAbsent, mustRead, newRowStamps, put, toRow } from './rows';
import type { MutationContext, MutationInput, Write } from './types';

/**
 * A new draft copied from `source`. Line ids are kept, so a client running
 * the conversion optimistically produces the same lines as the server.
 */
async function draftFrom({
  source,
  sourceType,
  to,
  targetId,
  ctx,
}: {
  source: Quote | SalesOrder;
  sourceType: 'quote' | 'salesOrder';
  to: 'invoice' | 'salesOrder';
  targetId: string;
  ctx: MutationContext;
}): Promise<Write> {
  await assertAbsent(ctx, to, targetId);
  const customer = await requireCustomer(ctx, source.customerId);
  const issueDate = ctx.today;
  const row = toRow(to, {
    id: targetId,
    number: null,
    status: 'draft',
    customerId: source.customerId,
    currency: source.currency,
    exchangeRate: source.exchangeRate,
    issueDate,
    lines: source.lines,
    discount: source.discount,
    taxInclusive: source.taxInclusive,
    notes: source.notes,
    terms: source.terms,
    referenceNumber: source.referenceNumber,
    dealId: source.dealId,
    salespersonId: source.salespersonId,
    sourceId: source.id,
    sourceType,
    ...(to === 'invoice' ? { amountPaid: 0, dueDate: defaultDueDate(issueDate, customer) } : {}),
    ...newRowStamps(ctx),
  });
  checkDocument(row, ctx.organization.baseCurrency);
  return put(to, row);
}

/**
 * quote.convert: a draft invoice or sales order from a sent or accepted
 * quote; the quote becomes `invoiced` either way and records `convertedTo`.
 */
export async function convertQuote({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'quote.convert'>>): Promise<Write[]> {
  const quote = await mustRead(ctx, 'quote', entityId);
  const status = nextStatus(transition('quote', quote.status, 'convert'));
  const targetId = args.targetId ?? ctx.newId();
  const target = await draftFrom({
    source: quote,
    sourceType: 'quote',
    to: args.to,
    targetId,
    ctx,
  });
  const updated = toRow('quote', {
    ...quote,
    status,
    convertedTo: { type: args.to, id: targetId },
    updatedAt: ctx.now,
  });
  return [put('quote', updated), target];
}

/** salesOrder.convert: a draft invoice from a confirmed sales order, which closes. */
export async function convertSalesOrder({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'salesOrder.convert'>>): Promise<Write[]> {
  const order = await mustRead(ctx, 'salesOrder', entityId);
  const status = nextStatus(transition('salesOrder', order.status, 'convert'));
  const targetId = args.targetId ?? ctx.newId();
  const target = await draftFrom({
    source: order,
    sourceType: 'salesOrder',
    to: 'invoice',
    targetId,
    ctx,
  });
  const updated = toRow('salesOrder', { ...order, status, updatedAt: ctx.now });
  return [put('salesOrder', updated), target];
}
