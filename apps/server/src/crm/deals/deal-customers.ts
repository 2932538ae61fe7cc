import { lookupId, type CrmRecord, type DealCustomerModule } from '@kanjo/core';
import { loadConnectionRow } from '../connection-store';
import type { SyncContext } from '../sync/context';
import { loadLinksByCrmIds } from '../sync/links-store';

/** Linked customers by CRM id, per module, and the CRM's base currency. */
export interface DealCustomers {
  links: Record<DealCustomerModule, Map<string, string>>;
  crmCurrency: string;
}

/**
 * The synced customers the deals' Accounts and Contacts are linked to, read
 * in one query per module. Only links in state `linked` count: a customer
 * whose CRM record was deleted has no deals any more.
 */
export async function customersOfDeals(
  ctx: SyncContext,
  records: readonly CrmRecord[],
): Promise<DealCustomers> {
  const ids = (field: string) =>
    [...new Set(records.map((r) => lookupId(r[field])))].filter((id): id is string => id !== null);
  const read = async (module: DealCustomerModule, crmIds: string[]) => {
    const links = await loadLinksByCrmIds(
      ctx.deps.db,
      ctx.organizationId,
      { entity: 'customer', crmModule: module },
      crmIds,
    );
    return new Map(links.filter((l) => l.status === 'linked').map((l) => [l.crmId, l.localId]));
  };
  const [accounts, contacts, connection] = await Promise.all([
    read('Accounts', ids('Account_Name')),
    read('Contacts', ids('Contact_Name')),
    loadConnectionRow(ctx.deps.db, ctx.organizationId),
  ]);
  return {
    links: { Accounts: accounts, Contacts: contacts },
    crmCurrency: connection?.crm_currency ?? 'USD',
  };
}

/**
 * The synced customer a deal belongs to: its Account's, or — when only
 * Contacts are synced, or the Account is not synced and its Contact is an
 * individual customer — its Contact's.
 */
export function dealCustomer(
  record: CrmRecord,
  links: DealCustomers['links'],
): { customerId: string; module: DealCustomerModule } | null {
  const account = lookupId(record.Account_Name);
  const byAccount = account ? links.Accounts.get(account) : undefined;
  if (byAccount) return { customerId: byAccount, module: 'Accounts' };
  const contact = lookupId(record.Contact_Name);
  const byContact = contact ? links.Contacts.get(contact) : undefined;
  return byContact ? { customerId: byContact, module: 'Contacts' } : null;
}
