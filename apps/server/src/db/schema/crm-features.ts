/** Deals, the automation, notification channels and the CRM panel. */

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
