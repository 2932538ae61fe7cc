import type { CrmSyncSettings } from '@kanjo/core';
import { ServiceError } from '../../errors';

/** The CRM modules a customer can be searched in and imported from. */
export const LOOKUP_MODULES = ['Accounts', 'Contacts'] as const;
export type LookupModule = (typeof LOOKUP_MODULES)[number];

export const isLookupModule = (module: string): module is LookupModule =>
  (LOOKUP_MODULES as readonly string[]).includes(module);

/**
 * The module "Search in CRM" searches and imports from: Accounts (with
 * `accounts` and `accountsAndContacts`), Contacts only when only Contacts sync.
 *
 * @example lookupModule(DEFAULT_CRM_SYNC_SETTINGS) // 'Accounts'
 */
export function lookupModule(settings: CrmSyncSettings): LookupModule {
  return settings.customers.module === 'contacts' ? 'Contacts' : 'Accounts';
}

/**
 * The view a record must be in to be imported: the module's chosen view
 * when import on demand is off, else none (anything the person picks may come in).
 */
export function enforcedView(settings: CrmSyncSettings, module: LookupModule): string | undefined {
  if (settings.customers.importOnDemand) return undefined;
  const { views } = settings.customers;
  return (module === 'Accounts' ? views.accounts : views.contacts) ?? undefined;
}

/** 409 when the rules do not sync this module at all. */
export function assertImportableModule(settings: CrmSyncSettings, module: LookupModule): void {
  const searched = lookupModule(settings);
  if (module === searched) return;
  throw new ServiceError(
    'conflict',
    'CRM_IMPORT_NOT_ALLOWED',
    `The sync rules import customers from ${searched}, not ${module}.`,
    { module, allowed: searched },
  );
}

/** Why a record outside the enforced view may not be imported. */
export function outsideViewReason(viewName: string, { complete }: { complete: boolean }): string {
  const where = complete
    ? `outside the CRM view "${viewName}"`
    : `not among the first records of the CRM view "${viewName}" that Kanjo reads`;
  return `${where}, and import on demand is off in the sync rules`;
}
