import type {
  CrmAuditAction,
  CrmRunAction,
  CrmRunEntity,
  CrmRunStatus,
  CrmRunTrigger,
  Role,
} from '@kanjo/core';
import type { ColumnType, Generated } from 'kysely';

/** Tables of the server database. Column names are snake_case; the API is camelCase. */
export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  known_devices: KnownDeviceTable;
  password_resets: PasswordResetTable;
  number_sequences: NumberSequenceTable;
  change_log: ChangeLogTable;
  customers: EntityTable;
  items: EntityTable;
  quotes: EntityTable;
  sales_orders: EntityTable;
  invoices: EntityTable;
  payments: EntityTable;
  sync_clients: SyncClientTable;
  sync_results: SyncResultTable;
  conflicts: ConflictTable;
  crm_connections: CrmConnectionTable;
  crm_settings: CrmSettingsTable;
  crm_view_waits: CrmViewWaitTable;
  crm_api_usage: CrmApiUsageTable;
  crm_links: CrmLinkTable;
  crm_inbound_failures: CrmInboundFailureTable;
  crm_holds: CrmHoldTable;
  crm_outbox: CrmOutboxTable;
  crm_cursors: CrmCursorTable;
  crm_runs: CrmRunTable;
  crm_run_items: CrmRunItemTable;
  deals: DealTable;
  crm_automation_done: CrmAutomationDoneTable;
  crm_automation_log: CrmAutomationLogTable;
  crm_automation_settings: CrmAutomationSettingsTable;
  crm_channels: CrmChannelTable;
  crm_panel: CrmPanelTable;
  crm_profile_permissions: CrmProfilePermissionsTable;
  mail_outbox: MailOutboxTable;
  crm_connection_audit: CrmConnectionAuditTable;
}

export interface OrganizationTable {
  id: string;
  name: string;
  /** JSON of the organization's settings (see core's organizationSchema). */
  settings: string;
  /** The organization's change sequence: bumped once per applied mutation. */
  seq: ColumnType<number, number | undefined, number>;
  /** Pull cursors below this (and above 0) have expired: compaction removed entries they need. */
  log_floor: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  organization_id: string;
  email: string;
  name: string | null;
  role: Role;
  locale: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  id: string;
  /** SHA-256 of the token's secret part; the secret itself is never stored. */
  secret_hash: Uint8Array;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface InvitationTable {
  id: string;
  organization_id: string;
  email: string;
  role: 'admin' | 'accountant' | 'sales';
  name: string | null;
  secret_hash: Uint8Array;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** Revoked by an owner or admin, or because its inviter was disabled. */
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A browser a user signed in on: only SHA-256 of its device cookie's token is kept. */
export interface KnownDeviceTable {
  id: string;
  user_id: string;
  token_hash: Uint8Array;
  created_at: string;
  last_used_at: string;
}

/** A one-time password-reset token: only SHA-256 of its secret part is kept. */
export interface PasswordResetTable {
  id: string;
  organization_id: string;
  user_id: string;
  secret_hash: Uint8Array;
  /** The owner or admin who made the link; null when the user asked by email. */
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface NumberSequenceTable {
  organization_id: string;
  kind: 'quote' | 'salesOrder' | 'invoice';
  last_value: number;
}

export interface ChangeLogTable {
  organization_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  op: 'put' | 'delete';
  mutation: string;
  actor_user_id: string | null;
  created_at: string;
}

/**
 * Every invoicing entity has the same storage shape: the row as JSON plus the
 * columns that lists filter and sort on. `version` is the organization seq of
 * the mutation that last wrote the row.
 */
export interface EntityTable {
  organization_id: string;
  id: string;
  version: number;
  data: string;
  search: string;
  ref_id: string | null;
  status: string | null;
  number: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON: field → { version, userId, clientId } of the write that last changed it. */
  field_meta: ColumnType<string, string | undefined, string>;
  /** JSON: leaf field → its last writes (see `sync/field-history.ts`). */
  field_history: ColumnType<string, string | undefined, string>;
  rowid: Generated<number>;
}

/** A browser database, bound to one user on its first push. */
export interface SyncClientTable {
  client_id: string;
  organization_id: string;
  user_id: string;
  /** The highest seq of this client settled (applied or rejected). */
  last_seq: number;
  created_at: string;
  updated_at: string;
}

/** The stored outcome of one client mutation, replayed when the same seq comes again. */
export interface SyncResultTable {
  client_id: string;
  seq: number;
  /** SHA-256 of the canonical JSON of { name, entityId, args, baseVersion }. */
  body_hash: string;
  name: string;
  entity_id: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  version: number | null;
  /** JSON of the args, kept for rejected mutations only (the client shows the losing edit). */
  args: string | null;
  created_at: string;
}

export interface ConflictTable {
  organization_id: string;
  id: string;
  entity: string;
  entity_id: string;
  field: string;
  /** JSON; `null` for a cleared field. */
  winning_value: string;
  losing_value: string;
  winner_user_id: string;
  winner_client_id: string | null;
  loser_user_id: string;
  loser_client_id: string | null;
  version: number;
  created_at: string;
  resolved_at: string | null;
  resolution: 'winning' | 'losing' | null;
  resolved_by: string | null;
  /** The CRM conflict rule that decided it, when the edit met a CRM write. */
  crm_rule: ColumnType<
    'crmWins' | 'kanjoWins' | 'ask' | null,
    string | null | undefined,
    string | null
  >;
}

/**
 * An organization's CRM connection (at most one). `*_enc` columns hold values
 * sealed by the secret box with the organization id and column as associated
 * data; the access token is kept only so restarts need no refresh.
 */
export interface CrmConnectionTable {
  organization_id: string;
  provider: 'zoho';
  status: 'connected' | 'disabled';
  /** The CRM user's email the owner said they connect as. */
  email: string;
  api_domain: string;
  accounts_url: string;
  client_id: string;
  client_secret_enc: string;
  refresh_token_enc: string;
  access_token_enc: string | null;
  access_token_expires_at: string | null;
  crm_org_id: string;
  crm_org_name: string;
  crm_currency: string;
  crm_multi_currency: 0 | 1;
  crm_time_zone: string;
  crm_user_id: string;
  crm_user_email: string;
  crm_user_name: string;
  connected_by: string;
  created_at: string;
  updated_at: string;
  verified_at: string;
  disabled_at: string | null;
  /** JSON of what the CRM user may do per module (`crm/reach.ts`); null until read. */
  crm_reach: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An organization's CRM sync rules (at most one row) and whether sync is paused. */
export interface CrmSettingsTable {
  organization_id: string;
  /** JSON of core's `CrmSyncSettings`; null = the defaults (nothing saved yet). */
  settings: string | null;
  paused_at: string | null;
  updated_at: string;
  updated_by: string;
  /** When the rules were first saved; null = connected but not set up, nothing syncs. */
  setup_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A module whose chosen CRM view is gone from the CRM: left out of runs until a view is saved. */
export interface CrmViewWaitTable {
  organization_id: string;
  crm_module: 'Accounts' | 'Contacts' | 'Products';
  view_id: string;
  since: string;
  run_id: string;
}

/** CRM API calls the server made for an organization on one UTC day. */
export interface CrmApiUsageTable {
  organization_id: string;
  /** `YYYY-MM-DD` in UTC. */
  day: string;
  calls: number;
}

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

/**
 * A CRM deal as read (`crm_record`, raw JSON) and, when its Account or Contact
 * is a synced customer, the cached deal the PWA pulls (`data`, core's `Deal`
 * without `version`). `version` is the organization seq that last logged it.
 */
export interface DealTable {
  organization_id: string;
  id: string;
  crm_account_id: string | null;
  crm_contact_id: string | null;
  customer_id: string | null;
  crm_record: string;
  data: string | null;
  version: number;
  crm_modified_time: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A deal and trigger automation acted on: at most one, ever (exactly once). */
export interface CrmAutomationDoneTable {
  organization_id: string;
  deal_id: string;
  trigger: 'created' | 'won' | 'lost';
  done_at: string;
}

/** One evaluated automation step, acted on or skipped, with its reason. */
export interface CrmAutomationLogTable {
  id: string;
  organization_id: string;
  deal_id: string;
  deal_name: string;
  stage: string;
  trigger: 'created' | 'won' | 'lost';
  /** The step: createQuote, acceptQuote, createDocument, declineQuote, voidDocument, skip. */
  step: string;
  outcome: 'acted' | 'skipped' | 'failed' | 'planned';
  /** A skip code (NOT_LINKED, SENT, …) or an error code. */
  code: string | null;
  document_kind: 'quote' | 'salesOrder' | 'invoice' | null;
  document_id: string | null;
  document_number: string | null;
  /** The decision in English, e.g. "Closed Won → created INV-000042". */
  message: string;
  dry_run: 0 | 1;
  created_at: string;
}

/** An organization's automation rules (core's `CrmAutomationSettings`). */
export interface CrmAutomationSettingsTable {
  organization_id: string;
  settings: string;
  /** When the rules were last turned on: deal events before it are history. */
  enabled_at: string | null;
  updated_at: string;
  updated_by: string;
}

/** A CRM notification channel; only a SHA-256 of its token is kept. */
export interface CrmChannelTable {
  channel_id: string;
  organization_id: string;
  crm_module: string;
  /** JSON list of events, e.g. ["Deals.all"]. */
  events: string;
  token_hash: Uint8Array;
  expires_at: string;
  created_at: string;
  renewed_at: string;
}

/** The secret the CRM signs panel URLs with, sealed by the secret box. */
export interface CrmPanelTable {
  organization_id: string;
  secret_enc: string;
  created_at: string;
  rotated_at: string;
}

/** What one CRM profile may do in the panel: JSON of core's `PanelPermissions`. */
export interface CrmProfilePermissionsTable {
  organization_id: string;
  profile_id: string;
  profile_name: string;
  permissions: string;
  updated_at: string;
  updated_by: string;
}

/** Mail sent by Kanjo: the message as sent, and where it went. */
export interface MailOutboxTable {
  id: string;
  organization_id: string;
  /** The document it sent; null for a notice (e.g. of a CRM connection change). */
  document_kind: 'quote' | 'salesOrder' | 'invoice' | null;
  document_id: string | null;
  /** JSON list of addresses. */
  to_addresses: string;
  cc_addresses: ColumnType<string, string | undefined, string>;
  subject: string;
  body: string;
  transport: 'captured' | 'smtp';
  raw: Uint8Array | null;
  message_id: string | null;
  /** A Kanjo user id, or `crm:<crm user id>` when sent from the CRM panel. */
  sent_by: string;
  sent_at: string;
}

/** One change (or refused change) of an organization's CRM connection; never a secret's value. */
export interface CrmConnectionAuditTable {
  id: string;
  organization_id: string;
  at: string;
  actor_id: string | null;
  actor_role: Role | null;
  action: CrmAuditAction;
  /** JSON list of changed field names. */
  fields: ColumnType<string, string | undefined, string>;
  client_address: string | null;
}
