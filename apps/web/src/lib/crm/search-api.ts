import type { CrmImportAnswer, CrmSearchAnswer, CrmSearchResult } from '@kanjo/core';
import { request } from '$lib/http/client';

/**
 * "Search in CRM": the server's search and import endpoints. Failures
 * are the `ApiError` / `NetworkError` of the HTTP client; `describeSearchFailure`
 * (search.ts) explains them.
 */

export type { CrmImportAnswer, CrmSearchAnswer, CrmSearchResult };

/** The shortest query the server searches for. */
export const MIN_QUERY_LENGTH = 2;

/**
 * CRM records matching `q` (account name, or a contact's first/last name when
 * only Contacts sync); refused with 400 under two characters.
 * @example const { results } = await searchCrm('Tokyo');
 */
export const searchCrm = (q: string): Promise<CrmSearchAnswer> =>
  request<CrmSearchAnswer>({
    method: 'GET',
    path: `/api/crm/search?q=${encodeURIComponent(q.trim())}`,
  });

/**
 * Imports the chosen record (an account with its contacts) and links it; 409 with
 * a code when the sync rules refuse it.
 * @example const { customerId } = await importFromCrm({ module: 'Accounts', crmId: '4000001' });
 */
export const importFromCrm = (record: Pick<CrmSearchResult, 'module' | 'crmId'>) =>
  request<CrmImportAnswer>({
    method: 'POST',
    path: '/api/crm/import',
    body: { module: record.module, crmId: record.crmId },
  });
