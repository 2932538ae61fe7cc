import type { MutationName } from './args';
import type { Role } from './types';

/**
 * What the sales role may run: customers and items (no deletes), quotes and
 * sales orders (no deletes), and preparing/sending invoices — but not voiding
 * them, deleting anything, or touching payments.
 */
const SALES_MUTATIONS: ReadonlySet<MutationName> = new Set<MutationName>([
  'customer.create',
  'customer.patch',
  'item.create',
  'item.patch',
  'quote.create',
  'quote.patch',
  'quote.send',
  'quote.accept',
  'quote.decline',
  'quote.expire',
  'quote.convert',
  'salesOrder.create',
  'salesOrder.patch',
  'salesOrder.confirm',
  'salesOrder.close',
  'salesOrder.void',
  'salesOrder.convert',
  'invoice.create',
  'invoice.patch',
  'invoice.issue',
  'invoice.markSent',
]);

/**
 * Whether `role` may run mutation `name`. Owners, admins and accountants may
 * run every mutation (all of them act on documents, payments, customers or items).
 * @example canRun('sales', 'invoice.void') // false
 */
export function canRun(role: Role, name: MutationName): boolean {
  return role === 'sales' ? SALES_MUTATIONS.has(name) : true;
}
