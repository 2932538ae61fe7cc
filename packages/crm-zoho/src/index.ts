/**
 * Zoho CRM v8 client for Kanjo: OAuth refresh (single flight), paging past
 * 2,000 records, batched writes with per-record results, retries, typed errors;
 * and `createZohoProvider`, Kanjo's `CrmProvider` for Zoho over that client.
 *
 * @example
 * import { createZohoClient, CrmError } from '@kanjo/crm-zoho';
 * const crm = createZohoClient({ accountsUrl: 'https://accounts.zoho.in', clientId, clientSecret, refreshToken });
 * const [result] = await crm.insert('Accounts', [{ Account_Name: 'Acme' }]);
 */
export { createZohoClient } from './client.js';
export { createZohoProvider } from './provider.js';
export { escapeCriteriaValue, zohoCriteria } from './criteria.js';
export type {
  SearchBy,
  WatchChannel,
  WatchExtension,
  ZohoClient,
  ZohoClientOptions,
  ZohoRecord,
  ListOptions,
  ListDeletedOptions,
} from './client.js';
export {
  CrmError,
  CRM_ERROR_CODES,
  ZOHO_LIMITS,
  zohoErrorSchema,
  errorFromResponse,
} from './errors.js';
export type { CrmErrorCode, CrmErrorInit, ZohoError } from './errors.js';
export { createTokenSource, exchangeGrantCode } from './oauth.js';
export { scopeForRequest } from './scopes.js';
export { probeMissingScopes } from './scope-probes.js';
export type {
  CachedToken,
  FetchLike,
  TokenSource,
  TokenSourceOptions,
  TokenGrant,
  ExchangeGrantCodeOptions,
} from './oauth.js';
export type { RecordResult } from './write-results.js';
export type { RequestOptions, HttpResult, CallStats, HttpMethod } from './http.js';
