import type { DocumentKind } from '../states';
import type { MutationArgs } from './args';
import type { AnyDocument } from './document-rules';
import { checkDocument, defaultDueDate, requireCustomer, withLineIds } from './document-rules';
import { DomainError } from './errors';
import {
  applyPatch,
  assertAbsent,
  mustRead,
  newRowId,
  newRowStamps,
  put,
  softDelete,
  toRow,
} from './rows';
import type { MutationInput, Write } from './types';

type CreateArgs =
  MutationArgs<'quote.create'> | MutationArgs<'salesOrder.create'> | MutationArgs<'invoice.create'>;

type PatchArgs =
  MutationArgs<'quote.patch'> | MutationArgs<'salesOrder.patch'> | MutationArgs<'invoice.patch'>;

/**
 * A new draft. Currency defaults to the customer's, then the organization's
 * base currency; an invoice's due date defaults to issue date + the
 * customer's payment terms. Numbers come later, when the document is issued.
 */
export async function createDocument<K extends DocumentKind>(
  kind: K,
  { entityId, args, ctx }: MutationInput<CreateArgs>,
): Promise<Write[]> {
  const id = newRowId(entityId, args.id);
  await assertAbsent(ctx, kind, id);
  const customer = await requireCustomer(ctx, args.customerId);
  const issueDate = args.issueDate ?? ctx.today;
  const dueDate = 'dueDate' in args ? args.dueDate : undefined;
  const row = toRow(kind, {
    ...args,
    id,
    number: null,
    status: 'draft',
    currency: args.currency ?? customer.currency ?? ctx.organization.baseCurrency,
    issueDate,
    lines: withLineIds(args.lines ?? [], ctx),
    ...(kind === 'invoice'
      ? { amountPaid: 0, dueDate: dueDate ?? defaultDueDate(issueDate, customer) }
      : {}),
    ...newRowStamps(ctx),
  });
  checkDocument(row, ctx.organization.baseCurrency);
  if (row.dealId) await assertDealOfCustomer(ctx, row.dealId, row.customerId);
  return [put(kind, row)];
}

/**
 * A document links only a deal of its own customer: checked when the link is
 * made or the customer changes under it (a deal deleted later in the CRM
 * leaves existing links alone). Where deals are not kept, nothing is checked.
 */
async function assertDealOfCustomer(
  ctx: MutationInput<unknown>['ctx'],
  dealId: string,
  customerId: string,
): Promise<void> {
  if (!ctx.readDeal) return;
  const deal = await ctx.readDeal(dealId);
  if (deal?.customerId === customerId) return;
  throw new DomainError({
    code: 'DEAL_NOT_OF_CUSTOMER',
    message: deal
      ? 'This deal belongs to another customer: choose one of this customer’s deals'
      : 'No such deal: choose one of this customer’s deals',
    details: {
      dealId,
      customerId,
      fields: [{ path: 'dealId', message: 'Not a deal of this customer' }],
    },
  });
}

/** Fields an issued invoice may still change: they do not alter what was billed. */
const ISSUED_INVOICE_EDITABLE = new Set(['dealId', 'notes']);

const LOCKED_STATUSES: Record<DocumentKind, readonly string[]> = {
  quote: ['accepted', 'declined', 'expired', 'invoiced'],
  salesOrder: ['closed', 'void'],
  invoice: [],
};

function assertEditable(kind: DocumentKind, doc: AnyDocument, patch: PatchArgs): void {
  if (kind === 'invoice' && doc.status !== 'draft') {
    const touched = Object.entries(patch).filter(([, value]) => value !== undefined);
    if (touched.every(([key]) => ISSUED_INVOICE_EDITABLE.has(key))) return;
    throw new DomainError({
      code: 'INVOICE_LOCKED',
      message: `${article(doc.status)} ${doc.status} invoice can only change dealId and notes`,
    });
  }
  if (LOCKED_STATUSES[kind].includes(doc.status)) {
    throw new DomainError({
      code: 'DOCUMENT_LOCKED',
      message: `${article(doc.status)} ${doc.status} ${kind} is locked`,
    });
  }
}

/** A deal link made by automation stays, whoever edits the document. */
function assertDealLinkKept(doc: AnyDocument, patch: PatchArgs): void {
  const automation = doc.automation;
  if (!automation || patch.dealId === undefined || patch.dealId === automation.dealId) return;
  throw new DomainError({
    code: 'DEAL_LINK_LOCKED',
    message: 'This document was made by deal automation: its deal link cannot be changed',
    details: { dealId: automation.dealId },
  });
}

export async function patchDocument<K extends DocumentKind>(
  kind: K,
  { entityId, args, ctx }: MutationInput<PatchArgs>,
): Promise<Write[]> {
  const existing: AnyDocument = await mustRead(ctx, kind, entityId);
  assertEditable(kind, existing, args);
  assertDealLinkKept(existing, args);
  if (args.customerId !== undefined) await requireCustomer(ctx, args.customerId);
  const patch = { ...args, lines: args.lines && withLineIds(args.lines, ctx) };
  const row = toRow(kind, { ...applyPatch(existing, patch), updatedAt: ctx.now });
  checkDocument(row, ctx.organization.baseCurrency);
  const relinked = args.dealId != null && args.dealId !== existing.dealId;
  const movedUnderDeal = args.customerId !== undefined && args.customerId !== existing.customerId;
  if (row.dealId && (relinked || movedUnderDeal)) {
    await assertDealOfCustomer(ctx, row.dealId, row.customerId);
  }
  return [put(kind, row)];
}

/**
 * Soft delete. Issued invoices are legal records: void them instead. A quote
 * that was invoiced and a closed sales order stay, as the converted
 * document points at them.
 */
export async function deleteDocument<K extends DocumentKind>(
  kind: K,
  { entityId, ctx }: MutationInput<unknown>,
): Promise<Write[]> {
  const existing = await mustRead(ctx, kind, entityId);
  const doc: AnyDocument = existing;
  if (kind === 'invoice' && doc.status !== 'draft') {
    throw new DomainError({
      code: 'INVOICE_LOCKED',
      message: `${article(doc.status)} ${doc.status} invoice cannot be deleted: void it instead`,
    });
  }
  if (
    (kind === 'quote' && doc.status === 'invoiced') ||
    (kind === 'salesOrder' && doc.status === 'closed')
  ) {
    throw new DomainError({
      code: 'DOCUMENT_LOCKED',
      message: `${article(doc.status)} ${doc.status} ${kind} cannot be deleted`,
    });
  }
  return [softDelete(kind, existing, ctx)];
}

function article(word: string): 'A' | 'An' {
  return /^[aeiou]/i.test(word) ? 'An' : 'A';
}
