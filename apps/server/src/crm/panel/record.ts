import type { PanelClaims, PanelContext } from '@kanjo/core';
import type { Db } from '../../db/database';
import { readEntity } from '../../db/entities';
import { loadLinkToCrmRecord } from '../sync/links-store';

/** The CRM record a panel was opened on, as Kanjo knows it. */
export type PanelRecord = PanelContext['record'];

/** The live link of a CRM record to a Kanjo row of `entity`, if any. */
async function linked(
  db: Db,
  organizationId: string,
  where: { entity: 'customer' | 'contactPerson'; crmModule: string; crmId: string },
) {
  const link = await loadLinkToCrmRecord(db, organizationId, where);
  return link?.entity === where.entity && link.status === 'linked' ? link : undefined;
}

/** Reads the CRM Account of a Contact (the CRM is asked only when no link says it). */
export type ContactAccount = (contactId: string) => Promise<string | null>;

/**
 * An Account's customer; a Contact's: its individual customer, the customer
 * holding it as a contact person, or its Account's customer.
 */
async function customerOf(
  db: Db,
  organizationId: string,
  claims: PanelClaims,
  contactAccount: ContactAccount,
) {
  const crm = { crmModule: claims.module, crmId: claims.id };
  const own = await linked(db, organizationId, { entity: 'customer', ...crm });
  if (own) return own.localId;
  if (claims.module !== 'Contacts') return null;
  const person = await linked(db, organizationId, { entity: 'contactPerson', ...crm });
  if (person?.parentId) return person.parentId;
  const account = await contactAccount(claims.id);
  if (!account) return null;
  const byAccount = await linked(db, organizationId, {
    entity: 'customer',
    crmModule: 'Accounts',
    crmId: account,
  });
  return byAccount?.localId ?? null;
}

/**
 * The record the signed claims name: its Kanjo customer (null while the record
 * is not synced), and on a deal's page the deal, whose customer it takes.
 * Every panel call is scoped to this: a signature names one record only.
 */
export async function resolvePanelRecord(
  db: Db,
  organizationId: string,
  claims: PanelClaims,
  contactAccount: ContactAccount,
): Promise<PanelRecord> {
  const base = { module: claims.module, id: claims.id };
  if (claims.module === 'Deals') {
    const deal = await db
      .selectFrom('deals')
      .select(['id', 'customer_id', 'crm_record'])
      .where('organization_id', '=', organizationId)
      .where('id', '=', claims.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!deal) return { ...base, name: '', customerId: null, dealId: null };
    const record = JSON.parse(deal.crm_record) as { Deal_Name?: unknown };
    const name = typeof record.Deal_Name === 'string' ? record.Deal_Name : '';
    return { ...base, name, customerId: deal.customer_id, dealId: deal.id };
  }
  const customerId = await customerOf(db, organizationId, claims, contactAccount);
  const customer =
    customerId === null ? undefined : await readEntity(db, organizationId, 'customer', customerId);
  return {
    ...base,
    name: customer?.row.displayName ?? '',
    customerId: customer ? customerId : null,
    dealId: null,
  };
}
