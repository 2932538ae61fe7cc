import type { CrmSyncSettings } from './settings';
import type { FieldValue } from './values';

/**
 * What the CRM sync API says (settings, run history, held conflicts):
 * its words and the shapes of its answers, shared by the server that serves
 * them and the PWA that shows them, so the two cannot drift apart.
 */

/**
 * What a run did to one record. `held`: matched ambiguously, so neither side
 * is linked or sent until a person chooses; `released`: a person let the sync
 * match and send a record it kept apart.
 */
export const CRM_RUN_ACTIONS = [
  'added',
  'updated',
  'linked',
  'skipped',
  'failed',
  'conflict',
  'pushed',
  'unlinked',
  'held',
  'released',
] as const;
export type CrmRunAction = (typeof CRM_RUN_ACTIONS)[number];

/**
 * What a run lists: contact persons sync with their customer; deals come in
 * (CRM → Kanjo only); issued documents go out (Kanjo → CRM only).
 */
export const CRM_RUN_ENTITIES = [
  'customer',
  'item',
  'contactPerson',
  'deal',
  'quote',
  'salesOrder',
  'invoice',
] as const;
export type CrmRunEntity = (typeof CRM_RUN_ENTITIES)[number];

/**
 * `import`: a CRM record imported on demand ("Search in CRM"); `link`: a
 * person linked, unlinked or released a record (link repair).
 */
export type CrmRunTrigger =
  'manual' | 'interval' | 'push' | 'resync' | 'notification' | 'import' | 'link';
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
  held: 'held',
  released: 'released',
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

/** What the CRM's currency allows (`GET /api/crm/settings`). */
export interface CrmCurrencyStatus {
  /** The Kanjo organization's base currency. */
  organization: string;
  /** The CRM's base currency as read at connect time; null without a connection. */
  crm: string | null;
  multiCurrency: boolean | null;
  /** False when two-way customer sync and item sync are refused. */
  twoWayAllowed: boolean;
  message?: string;
}

/** A module whose chosen CRM view the CRM no longer has: runs leave it out until a view is saved. */
export interface CrmViewWait {
  module: 'Accounts' | 'Contacts' | 'Products';
  viewId: string;
  since: string;
  runId: string;
}

/** `GET /api/crm/settings`: the rules and everything the page shows around them. */
export interface CrmSyncSettingsView {
  settings: CrmSyncSettings;
  /** `pending`: connected (or not) but the rules were never saved, so nothing syncs yet but a dry run. */
  setup: 'pending' | 'done';
  waitingViews: CrmViewWait[];
  paused: boolean;
  pausedAt: string | null;
  updatedAt: string | null;
  currency: CrmCurrencyStatus;
  /** CRM calls counted today (UTC); Zoho does not report its credit limit, so null. */
  budget: { usedToday: number; limit: number | null };
}

/** One run (`GET /api/crm/runs`). */
export interface CrmRunView {
  id: string;
  trigger: CrmRunTrigger;
  dryRun: boolean;
  status: CrmRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Per entity; an entity the server adds later simply appears here. */
  counts: Partial<Record<CrmRunEntity, CrmEntityCounts>>;
  apiCalls: number;
  retries: number;
  error: string | null;
}

export interface CrmFieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

/** What a run did to one record, and why. */
export interface CrmRunItemView {
  seq: number;
  entity: CrmRunEntity;
  localId: string | null;
  crmModule: string;
  crmId: string | null;
  action: CrmRunAction;
  direction: 'inbound' | 'outbound';
  changes: CrmFieldChange[];
  reason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** An item of one record's history, with the run it came from. */
export interface CrmRecordHistoryItem extends CrmRunItemView {
  runId: string;
  trigger: CrmRunTrigger;
  dryRun: boolean;
  startedAt: string;
}

/** A record's CRM link (`GET /api/crm/links/:entity/:localId`). */
export interface CrmLinkView {
  crmModule: string;
  crmId: string;
  status: 'linked' | 'crm_deleted' | 'skipped';
  linkedReason: string | null;
  crmModifiedTime: string | null;
  /** When a sync last wrote the link (its base values, CRM time or status). */
  lastSyncedAt: string;
}

/** A field the conflict rule `ask` held for a person (`GET /api/crm/conflicts`). */
export interface CrmHeldField {
  /** The Kanjo path, e.g. `phone`, `billingAddress.city`, `customFields.region`. */
  field: string;
  /** The value both sides had at the last sync. */
  base: FieldValue;
  kanjo: FieldValue;
  /** The CRM's value when the run that held the field read it; null when no run says so. */
  crm: FieldValue;
  /** False when no run recorded the CRM's value: taking it must wait for a sync. */
  crmKnown: boolean;
}

export interface CrmHeldConflict {
  entity: 'customer' | 'item';
  localId: string;
  crmModule: string;
  crmId: string;
  fields: CrmHeldField[];
}
