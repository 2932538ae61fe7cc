import type { CrmRunAction, CrmRunEntity, CrmRunStatus, CrmRunTrigger } from '@kanjo/core';

/** The reconciler's own tables: holds, failures, links, the outbox, cursors and runs. */

/** `contactPerson`: a contact person (local_id = its id) of a customer, ↔ a CRM Contact. */
export type CrmSyncEntity = CrmRunEntity;

/**
 * A Kanjo record and a CRM record waiting for a person: `ambiguous` (the CRM
 * record matched several Kanjo records: one row per candidate) or
 * `kept_apart` (a person unlinked the pair or chose another record). While a
 * side has no link, the sync neither matches, links nor sends it.
 */
export interface CrmHoldTable {
  organization_id: string;
  entity: CrmSyncEntity;
  local_id: string;
  crm_module: string;
  crm_id: string;
  kind: 'ambiguous' | 'kept_apart';
  /** The CRM record's name when it was held. */
  crm_name: string | null;
  reason: string;
  /** For a contact person: the customer holding it. */
  parent_id: string | null;
  /** The user who kept the pair apart; null for the sync's own holds. */
  decided_by: string | null;
  created_at: string;
}

/** A CRM record that failed to come in, and how often (see `inbound-failures.ts`). */
export interface CrmInboundFailureTable {
  organization_id: string;
  crm_module: string;
  crm_id: string;
  crm_modified_time: string | null;
  attempts: number;
  last_error_code: string;
  last_error_message: string;
  updated_at: string;
}

/** A Kanjo record ↔ a CRM record: `base` is JSON of the agreed mapped values. */
export interface CrmLinkTable {
  organization_id: string;
  entity: CrmSyncEntity;
  local_id: string;
  crm_module: string;
  crm_id: string;
  crm_modified_time: string | null;
  base: string;
  /** `skipped`: a known duplicate kept apart by the duplicate rule `skip`. */
  status: 'linked' | 'crm_deleted' | 'skipped';
  /** JSON list of fields held in conflict (rule `ask`). */
  held: string;
  /** JSON map of each held field to the CRM's value when it was held. */
  held_crm: string;
  linked_reason: string | null;
  /** For a contact person: the customer holding it when the link was made. */
  parent_id: string | null;
  /** The normalised duplicate-check value of `base` (name or email), indexed. */
  match_key: string | null;
  created_at: string;
  updated_at: string;
}

/** A Kanjo record whose mapped fields still have to reach the CRM (one row per record). */
export interface CrmOutboxTable {
  organization_id: string;
  entity: CrmSyncEntity;
  local_id: string;
  enqueued_at: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  /** The Kanjo user whose write queued it; null for writes of the sync itself. */
  actor_user_id: string | null;
}

/** How far a CRM module was read: `Modified_Time` and deletion times already seen. */
export interface CrmCursorTable {
  organization_id: string;
  crm_module: string;
  modified_since: string | null;
  deleted_since: string | null;
}

/** One reconciler run: counts per entity are JSON. */
export interface CrmRunTable {
  id: string;
  organization_id: string;
  trigger: CrmRunTrigger;
  dry_run: 0 | 1;
  status: CrmRunStatus;
  started_at: string;
  finished_at: string | null;
  counts: string;
  api_calls: number;
  retries: number;
  error: string | null;
}

/** What a run did to one record, and why: `changes` is JSON `[{ field, before, after }]`. */
export interface CrmRunItemTable {
  run_id: string;
  organization_id: string;
  seq: number;
  entity: CrmSyncEntity;
  local_id: string | null;
  crm_module: string;
  crm_id: string | null;
  action: CrmRunAction;
  direction: 'inbound' | 'outbound';
  changes: string;
  reason: string | null;
  error_code: string | null;
  error_message: string | null;
}
