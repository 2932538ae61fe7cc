import type { SyncAdapter } from '../sync/adapters';
import type { SyncContext } from '../sync/context';

/** What `POST /api/crm/import` asks a run to bring in (F10). */
export interface ImportRequest {
  module: 'Accounts' | 'Contacts';
  crmId: string;
}

/**
 * Imports one CRM record chosen in "Search in CRM" inside an `import` run:
 * the record (an Account with its Contacts), linked, and its deals.
 */
export async function importRecord(
  _ctx: SyncContext,
  _adapters: SyncAdapter[],
  _request: ImportRequest,
): Promise<void> {}
