/**
 * The words of the CRM sync history (F17, B5) and of the sync settings API,
 * shared by the server that records and serves them and the PWA that shows
 * them: one list, so the two cannot drift apart.
 */

/** What a run did to one record. */
export const CRM_RUN_ACTIONS = [
  'added',
  'updated',
  'linked',
  'skipped',
  'failed',
  'conflict',
  'pushed',
  'unlinked',
] as const;
export type CrmRunAction = (typeof CRM_RUN_ACTIONS)[number];

/** What a run lists: contact persons sync with their customer. */
export const CRM_RUN_ENTITIES = ['customer', 'item', 'contactPerson'] as const;
export type CrmRunEntity = (typeof CRM_RUN_ENTITIES)[number];

export type CrmRunTrigger = 'manual' | 'interval' | 'push' | 'resync' | 'notification';
export type CrmRunStatus = 'running' | 'succeeded' | 'failed';

/** The counts' key of each action (`conflict` is counted as `conflicts`). */
export const CRM_RUN_COUNTED = {
  added: 'added',
  updated: 'updated',
  linked: 'linked',
  skipped: 'skipped',
  failed: 'failed',
  conflict: 'conflicts',
  pushed: 'pushed',
  unlinked: 'unlinked',
} as const satisfies Record<CrmRunAction, string>;

/** A run's count of each action for one entity. */
export type CrmEntityCounts = Record<(typeof CRM_RUN_COUNTED)[CrmRunAction], number>;

/** @example zeroCounts().conflicts // 0 */
export function zeroCounts(): CrmEntityCounts {
  const counts = {} as CrmEntityCounts;
  for (const action of CRM_RUN_ACTIONS) counts[CRM_RUN_COUNTED[action]] = 0;
  return counts;
}

/** A CRM field as `GET /api/crm/fields` describes it. */
export interface CrmFieldInfo {
  apiName: string;
  label: string;
  /** Zoho's `data_type`: text, email, phone, website, textarea, picklist, currency, … */
  dataType: string;
  custom: boolean;
  readOnly: boolean;
  mandatory: boolean;
  length: number | null;
  pickList?: { value: string; label: string }[];
}

/** A CRM view as `GET /api/crm/views` describes it. */
export interface CrmViewInfo {
  id: string;
  name: string;
  systemDefined: boolean;
  default: boolean;
}
