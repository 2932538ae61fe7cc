import type {
  CrmEntityCounts,
  CrmRunAction,
  CrmRunEntity,
  CrmRunStatus,
  CrmRunTrigger,
  CrmRunView,
  CrmFieldChange,
  CrmRunItemView,
  CrmRecordHistoryItem,
  CrmLinkView,
  FieldValue,
} from '@kanjo/core';
import { request } from '$lib/http/client';

/**
 * The server's sync-history endpoints. Failures are the
 * `ApiError` / `NetworkError` of the HTTP client; `describeHistoryFailure` explains them.
 */

/** Records with a CRM link panel of their own. */
export type SyncEntity = 'customer' | 'item';
export type SyncDirection = 'inbound' | 'outbound';
export type { FieldValue };
// The PWA's names for the API shapes core defines.
/** Everything a run may list: contact persons sync with their customer. */
export type RunEntity = CrmRunEntity;
export type RunAction = CrmRunAction;
export type RunTrigger = CrmRunTrigger;
export type RunStatus = CrmRunStatus;
export type EntityCounts = CrmEntityCounts;
export type SyncRun = CrmRunView;
export type FieldChange = CrmFieldChange;
export type SyncRunItem = CrmRunItemView;
/** An item of one record's history names its run. */
export type RecordHistoryItem = CrmRecordHistoryItem;
export type CrmLink = CrmLinkView;

export interface RunsPage {
  runs: SyncRun[];
  nextCursor: string | null;
  /** The id of the run in progress, if any. */
  running: string | null;
}

export interface ItemFilter {
  action?: RunAction;
  entity?: RunEntity;
  q?: string;
}

/** `?a=1&b=2` of the values that are set, or `''`. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** @example const { runs, running } = await listSyncRuns({ limit: 20 }); */
export const listSyncRuns = (page: { limit?: number; cursor?: string } = {}): Promise<RunsPage> =>
  request<RunsPage>({ method: 'GET', path: `/api/crm/runs${queryString(page)}` });

export async function getSyncRun(id: string): Promise<SyncRun> {
  const path = `/api/crm/runs/${encodeURIComponent(id)}?limit=1`;
  return (await request<{ run: SyncRun }>({ method: 'GET', path })).run;
}

/** A run's items, filtered; `after` is the `nextAfter` of the previous page. */
export const listRunItems = (
  id: string,
  filter: ItemFilter & { after?: number; limit?: number },
): Promise<{ items: SyncRunItem[]; nextAfter: number | null }> =>
  request({
    method: 'GET',
    path: `/api/crm/runs/${encodeURIComponent(id)}/items${queryString({ ...filter })}`,
  });

/** Owners and admins: starts a run (or a preview) in the background; CRM_SYNC_RUNNING if one runs. */
export const startSync = (dryRun: boolean): Promise<{ runId: string }> =>
  request({ method: 'POST', path: '/api/crm/sync', body: { dryRun } });

/** One customer's or item's link (`null`: not linked) and its latest sync changes. */
export const getRecordHistory = (
  entity: SyncEntity,
  localId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ link: CrmLink | null; items: RecordHistoryItem[]; nextCursor: string | null }> =>
  request({
    method: 'GET',
    path: `/api/crm/links/${entity}/${encodeURIComponent(localId)}${queryString(page)}`,
  });

/** Owners and admins: fetches the linked record from the CRM now and applies it. */
export const resyncRecord = (entity: SyncEntity, localId: string): Promise<{ run: SyncRun }> =>
  request({
    method: 'POST',
    path: `/api/${entity === 'customer' ? 'customers' : 'items'}/${encodeURIComponent(localId)}/crm-resync`,
  });
