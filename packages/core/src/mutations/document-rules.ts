import { addDays } from '../dates';
import type { Customer } from '../schemas/customer';
import type { DocumentLineInput, Invoice, Quote, SalesOrder } from '../schemas/documents';
import type { DocumentKind, StatusOf, TransitionResult } from '../states';
import { documentAmountIssues } from './document-amounts';
import type { FieldError } from './errors';
import { DomainError, fieldError, validationError } from './errors';
import type { MutationContext } from './types';

export type AnyDocument = Quote | SalesOrder | Invoice;

/** Documents must reference a live customer; the path is the body's `customerId`. */
export async function requireCustomer(ctx: MutationContext, customerId: string): Promise<Customer> {
  const customer = await ctx.read('customer', customerId);
  if (customer === undefined) throw fieldError('customerId', 'Customer not found');
  return customer;
}

/** Fills missing line ids; line ids must be unique within a document. */
export function withLineIds(lines: DocumentLineInput[], ctx: MutationContext) {
  const withIds = lines.map((line) => ({ ...line, id: line.id ?? ctx.newId() }));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  withIds.forEach((line, index) => {
    if (seen.has(line.id)) errors.push({ path: `lines.${index}.id`, message: 'Duplicate line id' });
    seen.add(line.id);
  });
  if (errors.length > 0) throw validationError(errors);
  return withIds;
}

/** Payment terms turn into a due date: issueDate + customer.paymentTermsDays. */
export function defaultDueDate(issueDate: string, customer: Customer): string | undefined {
  return customer.paymentTermsDays === undefined
    ? undefined
    : addDays(issueDate, customer.paymentTermsDays);
}

/**
 * Rules that span fields: due/expiry dates not before the issue date, and
 * amounts within the money bound (see `documentAmountIssues`), so a stored
 * document can always be presented and summed.
 */
export function checkDocument(doc: AnyDocument, baseCurrency: string): void {
  const errors: FieldError[] = [];
  const due = 'dueDate' in doc ? doc.dueDate : undefined;
  if (due !== undefined && due < doc.issueDate) {
    errors.push({ path: 'dueDate', message: 'Must not be before the issue date' });
  }
  const expiry = 'expiryDate' in doc ? doc.expiryDate : undefined;
  if (expiry !== undefined && expiry < doc.issueDate) {
    errors.push({ path: 'expiryDate', message: 'Must not be before the issue date' });
  }
  errors.push(...documentAmountIssues(doc, baseCurrency));
  if (errors.length > 0) throw validationError(errors);
}

/** The next status, or INVALID_TRANSITION. */
export function nextStatus<K extends DocumentKind>(result: TransitionResult<K>): StatusOf<K> {
  if (!result.ok) throw new DomainError({ code: 'INVALID_TRANSITION', message: result.reason });
  return result.to;
}

/**
 * Keeps an existing number; otherwise asks the context. The server allocates
 * the next one; a client returns null and the document shows "number pending"
 * until the server's result comes back through sync.
 */
export async function numberFor(
  ctx: MutationContext,
  kind: DocumentKind,
  current: string | null,
): Promise<string | null> {
  return current ?? (await ctx.allocateNumber(kind));
}

/** Issuing or sending an invoice without lines is refused. */
export function requireLines(doc: AnyDocument): void {
  if (doc.lines.length === 0) throw fieldError('lines', 'At least one line is required');
}
