import type {
  AutomationLogEntry,
  AutomationSettingsAnswer,
  CrmAutomationSettings,
} from '@kanjo/core';
import { request } from '$lib/http/client';
import { queryString } from './history-api';

/**
 * The server's deal-automation endpoints. Failures are the
 * `ApiError` / `NetworkError` of the HTTP client; `describeAutomationFailure`
 * (automation.ts) explains them.
 */

export type { AutomationLogEntry, AutomationSettingsAnswer, CrmAutomationSettings };

export interface AutomationLogPage {
  /** Newest first. */
  entries: AutomationLogEntry[];
  /** Whether older entries exist before the last one. */
  more: boolean;
}

export interface AutomationLogQuery {
  limit?: number;
  /** The `createdAt` of the oldest entry shown: the page starts before it. */
  before?: string;
  dealId?: string;
  documentId?: string;
}

const BASE = '/api/crm/automation';

/** @example const { settings, enabledAt } = await getAutomationSettings(); */
export const getAutomationSettings = (): Promise<AutomationSettingsAnswer> =>
  request<AutomationSettingsAnswer>({ method: 'GET', path: `${BASE}/settings` });

/** Owners and admins; FORBIDDEN for others, VALIDATION_FAILED for a wrong shape. */
export const saveAutomationSettings = (
  settings: CrmAutomationSettings,
): Promise<AutomationSettingsAnswer> =>
  request<AutomationSettingsAnswer>({ method: 'PUT', path: `${BASE}/settings`, body: settings });

/** @example const { entries, more } = await listAutomationLog({ limit: 50 }); */
export const listAutomationLog = (query: AutomationLogQuery = {}): Promise<AutomationLogPage> =>
  request<AutomationLogPage>({ method: 'GET', path: `${BASE}/log${queryString({ ...query })}` });

/** What the rules would do to the current deals; nothing is changed or logged as acted. */
export const dryRunAutomation = (): Promise<{ entries: AutomationLogEntry[] }> =>
  request<{ entries: AutomationLogEntry[] }>({ method: 'POST', path: `${BASE}/dry-run` });
