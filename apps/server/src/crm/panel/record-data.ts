import type { PanelContext } from '@kanjo/core';
import type { Db } from '../../db/database';
import { readEntity } from '../../db/entities';
import { readCustomerDeals } from '../deals/deal-store';
import type { PanelRecord } from './record';

const ITEMS_LIMIT = 500;

/** One deal the panel's edit form offers: a deal of the record's customer. */
export interface PanelDeal {
  id: string;
  name: string;
  stage: string;
}

/** The customer's email, to prefill the panel's "To"; null without one. */
export async function customerEmail(
  db: Db,
  organizationId: string,
  record: PanelRecord,
): Promise<string | null> {
  if (!record.customerId) return null;
  const customer = await readEntity(db, organizationId, 'customer', record.customerId);
  return customer?.row.email ?? null;
}

/** The organization's active items, for the panel's line pickers. */
export async function activeItems(db: Db, organizationId: string): Promise<PanelContext['items']> {
  const rows = await db
    .selectFrom('items')
    .select('data')
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .orderBy('search')
    .limit(ITEMS_LIMIT)
    .execute();
  return rows
    .map((r) => JSON.parse(r.data) as Record<string, unknown>)
    .filter((item) => item.active !== false)
    .map((item) => ({
      id: String(item.id),
      name: String(item.name),
      rate: Number(item.rate),
      ...(typeof item.taxRate === 'string' ? { taxRate: item.taxRate } : {}),
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
    }));
}

/** The live deals of the record's customer (none while the record is not in Kanjo), by name. */
export async function recordDeals(
  db: Db,
  organizationId: string,
  record: PanelRecord,
): Promise<PanelDeal[]> {
  if (!record.customerId) return [];
  const deals = await readCustomerDeals(db, organizationId, record.customerId);
  return deals
    .map(({ id, name, stage }) => ({ id, name, stage }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
