import {
  DEAL_FIELDS,
  composeIndividualName,
  dealFromCrm,
  type CrmInfoAnswer,
  type CrmInfoField,
  type CrmRecord,
  type Deal,
} from '@kanjo/core';
import { ServiceError, notFound } from '../../errors';
import type { AppDeps } from '../../http/env';
import { readEntity } from '../../db/entities';
import { loadConnectionRow } from '../connection-store';
import { crmProviderFor } from '../crm-clients';
import { readDeals } from '../deals/deal-store';
import type { CrmField, CrmMetadata } from '../settings-metadata';
import { loadLink } from '../sync/links-store';
import { fromCrm } from './reads';
import { isLookupModule } from './rules';

export interface InfoRequest {
  deps: AppDeps;
  metadata: CrmMetadata;
  organizationId: string;
  customerId: string;
}

/**
 * "View CRM info": the customer's linked Account (or Contact) read
 * fresh from the CRM, its fields under the CRM's labels, and its deals.
 * Writes nothing — the deals cache is the sync's to keep; the PWA shows it
 * when this answers 502 CRM_UNAVAILABLE.
 *
 * @example const info = await crmInfo({ deps, metadata, organizationId, customerId });
 */
export async function crmInfo(request: InfoRequest): Promise<CrmInfoAnswer> {
  const { deps, organizationId, customerId } = request;
  const { db } = deps;
  if (!(await readEntity(db, organizationId, 'customer', customerId))) throw notFound('Customer');
  const link = await loadLink(db, organizationId, 'customer', customerId);
  const module = link?.crmModule ?? '';
  if (!link || link.status !== 'linked' || !isLookupModule(module)) {
    throw new ServiceError(
      'notFound',
      'CRM_NOT_LINKED',
      'This customer is not linked to a CRM record.',
    );
  }
  const crm = await crmProviderFor(deps, organizationId);
  const [record, labels, dealRecords] = await Promise.all([
    fromCrm(() => crm.record(module, link.crmId)),
    request.metadata.fields({ organizationId, module, crm: async () => crm }),
    fromCrm(() => crm.related(module, link.crmId, 'Deals', DEAL_FIELDS)),
  ]);
  if (!record) {
    throw new ServiceError(
      'notFound',
      'CRM_RECORD_NOT_FOUND',
      'The linked CRM record was not found.',
      {
        module,
        crmId: link.crmId,
      },
    );
  }
  const fetchedAt = deps.clock().toISOString();
  const connection = await loadConnectionRow(db, organizationId);
  const stored = await readDeals(
    db,
    organizationId,
    dealRecords.map((d) => String(d.id)),
  );
  const deals: Deal[] = dealRecords.map((deal) => ({
    ...dealFromCrm(deal as CrmRecord, {
      customerId,
      customerModule: module,
      crmCurrency: connection?.crm_currency ?? '',
      syncedAt: fetchedAt,
    }),
    // The PWA's version of a deal it caches; 0 for one the sync has not stored yet.
    version: stored.get(String(deal.id))?.version ?? 0,
  }));
  return {
    module,
    crmId: link.crmId,
    name: recordName(record) ?? '',
    fields: infoFields(record, labels),
    deals,
    fetchedAt,
  };
}

function recordName(record: CrmRecord): string | null {
  const account = shown(record.Account_Name);
  if (typeof record.Account_Name === 'string') return account;
  return (
    shown(record.Full_Name) ??
    composeIndividualName({
      firstName: shown(record.First_Name),
      lastName: shown(record.Last_Name),
    })
  );
}

/**
 * A CRM value as text, or null when empty: lookups (`{ id, name }`) by their
 * name, multi-selects and subforms joined, booleans as Yes / No.
 */
export function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) {
    const parts = value.map(shown).filter((part): part is string => part !== null);
    return parts.length === 0 ? null : parts.join(', ');
  }
  if (typeof value === 'object') {
    const { name, display_value: display } = value as { name?: unknown; display_value?: unknown };
    return shown(display ?? name);
  }
  return null;
}

/** The record's non-empty fields in the CRM's own order and labels; system keys (`$…`, `id`) left out. */
export function infoFields(record: CrmRecord, fields: readonly CrmField[]): CrmInfoField[] {
  return fields.flatMap((field) => {
    if (field.apiName === 'id' || field.apiName.startsWith('$')) return [];
    const value = shown(record[field.apiName]);
    if (value === null) return [];
    const picked = field.pickList?.find((option) => option.value === value)?.label;
    return [{ apiName: field.apiName, label: field.label, value: picked ?? value }];
  });
}
