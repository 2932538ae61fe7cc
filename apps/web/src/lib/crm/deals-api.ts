import type { AutomationLogEntry, CrmInfoAnswer } from '@kanjo/core';
import { request } from '$lib/http/client';
import { queryString } from './history-api';

/**
 * The server's deal endpoints the document pages read. Failures are
 * the `ApiError` / `NetworkError` of the HTTP client; `crmInfoFailure` sorts them.
 */

export interface AutomationLogPage {
  entries: AutomationLogEntry[];
  /** True when older entries exist beyond this page. */
  more: boolean;
}

/**
 * The customer's CRM record and its deals, read from the CRM now. 404
 * CRM_NOT_LINKED when the customer has no CRM link, 502 CRM_UNAVAILABLE when
 * the CRM fails.
 * @example const { fields, deals } = await getCrmInfo('cust-1');
 */
export const getCrmInfo = (customerId: string): Promise<CrmInfoAnswer> =>
  request({ method: 'GET', path: `/api/crm/customers/${encodeURIComponent(customerId)}/info` });

/** @example const { entries } = await getAutomationLog({ documentId: invoice.id }); */
export const getAutomationLog = ({
  documentId,
}: {
  documentId: string;
}): Promise<AutomationLogPage> =>
  request({ method: 'GET', path: `/api/crm/automation/log${queryString({ documentId })}` });
