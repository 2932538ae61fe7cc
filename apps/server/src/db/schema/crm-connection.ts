import type { CrmAuditAction, Role } from '@kanjo/core';
import type { ColumnType } from 'kysely';

/** The organization's CRM connection, its rules, its audit and its API budget. */

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
