import type { SyncContext } from '../sync/context';

/**
 * Issued quotes, sales orders and invoices → the CRM's Quotes, Sales_Orders
 * and Invoices (F20), Kanjo → CRM only.
 */
export async function pushDocuments(
  _ctx: SyncContext,
  _options: { dueOnly: boolean },
): Promise<void> {}
