import type { CrmProvider } from '@kanjo/core';
import type { CrmMetadata } from '../settings-metadata';
import type { LookupModule } from './rules';

/** At most this many records of a view are read to find whether records are in it (10 calls). */
export const VIEW_SCAN_LIMIT = 2000;

export interface ViewMembership {
  /** The asked ids seen in the view. */
  members: Set<string>;
  /** False when the scan stopped at VIEW_SCAN_LIMIT before the view's end. */
  complete: boolean;
}

/**
 * Which of `ids` are in the CRM view `cvid`.
 *
 * Zoho has no "is this record in that view" call, and a view's criteria use
 * macros (`${CURRENTUSER}`, `${LAST7DAYS}`, …) that only the CRM evaluates,
 * so re-evaluating them here would drift from what the sync reads. Instead the
 * view itself is listed with `cvid` — the very read the sync does — one field,
 * 200 records a call, until every id was seen or VIEW_SCAN_LIMIT records were
 * read. An id not seen by then counts as outside (and `complete` says whether
 * that is certain). Only asked when import on demand is off and a view is
 * chosen, and only for records not linked yet.
 *
 * @example const { members } = await viewMembers(crm, 'Accounts', '5000001', ['42']);
 */
export async function viewMembers(
  crm: CrmProvider,
  module: LookupModule,
  cvid: string,
  ids: readonly string[],
): Promise<ViewMembership> {
  const wanted = new Set(ids);
  const members = new Set<string>();
  if (wanted.size === 0) return { members, complete: true };
  let read = 0;
  for await (const record of crm.list(module, { fields: ['Modified_Time'], view: cvid })) {
    const id = String(record.id);
    if (wanted.has(id)) members.add(id);
    read += 1;
    if (members.size === wanted.size) return { members, complete: true };
    if (read >= VIEW_SCAN_LIMIT) return { members, complete: false };
  }
  return { members, complete: true };
}

/** A view's name as the CRM shows it, or its id when the views cannot be read. */
export async function viewName(
  metadata: CrmMetadata,
  request: { organizationId: string; module: LookupModule; crm: () => Promise<CrmProvider> },
  cvid: string,
): Promise<string> {
  try {
    const views = await metadata.views(request);
    return views.find((view) => view.id === cvid)?.name ?? `view ${cvid}`;
  } catch {
    // The name only decorates a reason: the view's id says the same.
    return `view ${cvid}`;
  }
}
