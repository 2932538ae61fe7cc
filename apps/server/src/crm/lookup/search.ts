import {
  composeIndividualName,
  type CrmProvider,
  type CrmRecord,
  type CrmSearchAnswer,
  type CrmSearchResult,
  type CrmSyncSettings,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmMetadata } from '../settings-metadata';
import { searchCriteria, normalizeQuery } from './criteria';
import { customerLinks, fromCrm, liveCustomers } from './reads';
import { enforcedView, lookupModule, outsideViewReason, type LookupModule } from './rules';
import { viewMembers, viewName } from './view';

/** At most this many results: a picker, not a report. */
export const SEARCH_LIMIT = 20;

const FIELDS: Record<LookupModule, string[]> = {
  Accounts: ['Account_Name', 'Phone', 'Billing_City'],
  Contacts: ['First_Name', 'Last_Name', 'Email', 'Phone', 'Mobile', 'Mailing_City', 'Account_Name'],
};

export interface SearchRequest {
  db: Db;
  organizationId: string;
  settings: CrmSyncSettings;
  crm: CrmProvider;
  metadata: CrmMetadata;
  q: string;
}

/**
 * "Search in CRM": the module the rules sync, searched by name; each
 * result says which Kanjo customer is linked to it, and whether the rules let
 * it be imported. Zoho's search index lags writes: a record saved a moment
 * ago may not be found yet (its list and COQL see it at once) — accepted, a
 * second search finds it.
 *
 * @example const { results } = await searchCrm({ db, organizationId, settings, crm, metadata, q: 'Acme' });
 */
export async function searchCrm(request: SearchRequest): Promise<CrmSearchAnswer> {
  const { settings, crm } = request;
  const module = lookupModule(settings);
  const { records } = await fromCrm(() =>
    crm.search(
      module,
      { criteria: searchCriteria(module, request.q) },
      { fields: FIELDS[module], limit: SEARCH_LIMIT },
    ),
  );
  const found = rank(
    records.slice(0, SEARCH_LIMIT).map((r) => toResult(module, r)),
    request.q,
  );
  const open = await markInKanjo(request, module, found);
  await refuseOutsideView(request, module, open);
  return { module, results: found };
}

/**
 * Sets each result's linked customer, refuses those the sync keeps apart
 * (rule "skip", or a customer deleted in Kanjo), and returns the rest: the
 * records not in Kanjo yet.
 */
async function markInKanjo(
  { db, organizationId }: SearchRequest,
  module: LookupModule,
  found: CrmSearchResult[],
): Promise<CrmSearchResult[]> {
  const ids = found.map((r) => r.crmId);
  const links = await customerLinks(db, organizationId, module, ids);
  const linkedIds = [...links.values()].flatMap((l) => (l.status === 'linked' ? [l.localId] : []));
  const live = await liveCustomers(db, organizationId, linkedIds);
  const open: CrmSearchResult[] = [];
  for (const result of found) {
    const link = links.get(result.crmId);
    if (link?.status === 'linked' && live.has(link.localId)) result.customerId = link.localId;
    else if (link?.status === 'linked') refuse(result, 'its Kanjo customer was deleted');
    else if (link?.status === 'skipped') {
      refuse(result, link.linkedReason ?? 'kept apart by the duplicates rule "skip"');
    } else open.push(result);
  }
  return open;
}

function refuse(result: CrmSearchResult, reason: string): void {
  result.importable = false;
  result.reason = reason;
}

/** With import on demand off, the records not linked yet must be in the module's view. */
async function refuseOutsideView(
  request: SearchRequest,
  module: LookupModule,
  open: CrmSearchResult[],
): Promise<void> {
  const cvid = enforcedView(request.settings, module);
  if (cvid === undefined || open.length === 0) return;
  const { crm, organizationId } = request;
  const membership = await fromCrm(() =>
    viewMembers(
      crm,
      module,
      cvid,
      open.map((r) => r.crmId),
    ),
  );
  const outside = open.filter((r) => !membership.members.has(r.crmId));
  if (outside.length === 0) return;
  const name = await viewName(
    request.metadata,
    { organizationId, module, crm: async () => crm },
    cvid,
  );
  for (const result of outside) refuse(result, outsideViewReason(name, membership));
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && 'name' in value) return text(value.name);
  return null;
};

function toResult(module: LookupModule, record: CrmRecord): CrmSearchResult {
  const contact = module === 'Contacts';
  const name = contact
    ? composeIndividualName({
        firstName: text(record.First_Name),
        lastName: text(record.Last_Name),
      })
    : text(record.Account_Name);
  return {
    module,
    crmId: String(record.id),
    name: name ?? '',
    email: contact ? text(record.Email) : null,
    phone: text(record.Phone) ?? (contact ? text(record.Mobile) : null),
    city: text(contact ? record.Mailing_City : record.Billing_City),
    accountName: contact ? text(record.Account_Name) : null,
    customerId: null,
    importable: true,
    reason: null,
  };
}

/** Names starting with what was typed first (Zoho's order otherwise kept). */
function rank(results: CrmSearchResult[], q: string): CrmSearchResult[] {
  const typed = normalizeQuery(q).normalize('NFKC').toLowerCase();
  const starts = (r: CrmSearchResult) => r.name.normalize('NFKC').toLowerCase().startsWith(typed);
  return [...results.filter(starts), ...results.filter((r) => !starts(r))];
}
