import { CrmError, type EntityRowMap } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import { decode } from '../../db/entities';
import { crmRefusal } from '../verify';
import { loadLinksByCrmIds, type CrmLink } from '../sync/links-store';
import type { LookupModule } from './rules';

/** The database reads the lookup routes share; none of them writes. */

export type Customer = EntityRowMap['customer'];

/** Runs CRM reads and answers their failures the way every CRM route does (502 CRM_UNAVAILABLE, …). */
export async function fromCrm<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof CrmError ? crmRefusal(error) : error;
  }
}

/** The customer links of these CRM records, by CRM id. */
export async function customerLinks(
  db: Db,
  organizationId: string,
  module: LookupModule,
  crmIds: readonly string[],
): Promise<Map<string, CrmLink>> {
  const kind = { entity: 'customer' as const, crmModule: module };
  const links = await loadLinksByCrmIds(db, organizationId, kind, [...new Set(crmIds)]);
  return new Map(links.map((link) => [link.crmId, link]));
}

/** The organization's live (not deleted) customers among `ids`, by id. */
export async function liveCustomers(
  db: Db,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, Customer>> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db
      .selectFrom('customers')
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((row) => [row.id, decode<'customer'>(row.data, row.version)]));
}
