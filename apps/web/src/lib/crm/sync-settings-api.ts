import type {
  CrmFieldInfo,
  CrmSyncSettings,
  CrmViewInfo,
  CustomerFieldDefinition,
  Organization,
  CrmCurrencyStatus,
  CrmSyncSettingsView,
  CrmViewWait,
} from '@kanjo/core';
import { request } from '$lib/http/client';
import type { CrmModule, KanjoEntity } from './sync-settings';

/**
 * The server's sync-rules endpoints and the CRM lookups the form needs. Failures
 * are the `ApiError` / `NetworkError` of the HTTP client; `describeSaveFailure` explains them.
 */

export type CurrencyStatus = CrmCurrencyStatus;

/** A module whose chosen CRM view the CRM no longer has: syncs leave it out until a view is saved. */
export type ViewWait = CrmViewWait;

export type SyncSettingsAnswer = CrmSyncSettingsView;

export type CrmField = CrmFieldInfo;

export interface KanjoField {
  path: string;
  type: string;
  label?: string;
  maxLength?: number;
  options?: string[];
}

export type CrmView = CrmViewInfo;

export interface PauseState {
  paused: boolean;
  pausedAt: string | null;
}

const SETTINGS = '/api/crm/settings';

/** @example const { settings, currency } = await getSyncSettings(); */
export const getSyncSettings = (): Promise<SyncSettingsAnswer> =>
  request<SyncSettingsAnswer>({ method: 'GET', path: SETTINGS });

/** Owners and admins; refused with VALIDATION_FAILED, MAPPING_INVALID or CRM_CURRENCY_MISMATCH. */
export const saveSyncSettings = (settings: CrmSyncSettings): Promise<SyncSettingsAnswer> =>
  request<SyncSettingsAnswer>({ method: 'PUT', path: SETTINGS, body: { settings } });

export async function getCrmFields(module: CrmModule): Promise<CrmField[]> {
  const path = `/api/crm/fields?module=${encodeURIComponent(module)}`;
  return (await request<{ fields: CrmField[] }>({ method: 'GET', path })).fields;
}

export async function getKanjoFields(entity: KanjoEntity): Promise<KanjoField[]> {
  const path = `/api/crm/kanjo-fields?entity=${encodeURIComponent(entity)}`;
  return (await request<{ fields: KanjoField[] }>({ method: 'GET', path })).fields;
}

export async function getCrmViews(module: CrmModule): Promise<CrmView[]> {
  const path = `/api/crm/views?module=${encodeURIComponent(module)}`;
  return (await request<{ views: CrmView[] }>({ method: 'GET', path })).views;
}

/** Stops automatic and on-reconnect sync until resumed; settings and links are kept. */
export const pauseSync = (): Promise<PauseState> =>
  request<PauseState>({ method: 'POST', path: '/api/crm/pause' });

export const resumeSync = (): Promise<PauseState> =>
  request<PauseState>({ method: 'POST', path: '/api/crm/resume' });

/** Replaces the organization's customer custom fields (all of them: the list is the truth). */
export const saveCustomerFields = (
  customerFields: CustomerFieldDefinition[],
): Promise<Organization> =>
  request<Organization>({ method: 'PATCH', path: '/api/organization', body: { customerFields } });
