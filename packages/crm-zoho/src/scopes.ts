import { CrmError } from './errors.js';
import type { HttpMethod } from './http.js';

const OPERATION: Record<HttpMethod, string> = {
  GET: 'READ',
  POST: 'CREATE',
  PUT: 'UPDATE',
  PATCH: 'UPDATE',
  DELETE: 'DELETE',
};

/**
 * The OAuth scope a request needs, as Zoho's API pages give them: records
 * `ZohoCRM.modules.{module}.{operation}` (module names lower case without
 * underscores: `salesorders`; an upsert is a CREATE); `/settings/{name}`
 * `ZohoCRM.settings.{name}.*`; `/org/currencies` `ZohoCRM.settings.currencies.*`;
 * `/org` `ZohoCRM.org.*`; `/users` `ZohoCRM.users.*`; `/actions/watch`
 * `ZohoCRM.notifications.*`; `/coql` `ZohoCRM.coql.READ`.
 *
 * @example scopeForRequest('POST', '/Sales_Orders/upsert') // 'ZohoCRM.modules.salesorders.CREATE'
 */
export function scopeForRequest(method: HttpMethod, path: string): string {
  const operation = OPERATION[method];
  const [first = '', second = ''] = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (first === 'coql') return 'ZohoCRM.coql.READ';
  if (first === 'settings' && second) return `ZohoCRM.settings.${second}.${operation}`;
  if (first === 'org' && second === 'currencies') return `ZohoCRM.settings.currencies.${operation}`;
  if (first === 'org' || first === 'users') return `ZohoCRM.${first}.${operation}`;
  if (first === 'actions' && second === 'watch') return `ZohoCRM.notifications.${operation}`;
  const module = decodeURIComponent(first).toLowerCase().replaceAll('_', '');
  return `ZohoCRM.modules.${module}.${operation}`;
}

/**
 * Zoho's 401 `OAUTH_SCOPE_MISMATCH` ("invalid oauth scope to access this URL")
 * as Kanjo reports it: the grant lacks a scope, so a new token would not help
 * and a retry would meet the same refusal. Zoho's details are empty; the
 * scope is named from the request.
 */
export function scopeMissing(method: HttpMethod, path: string, message: string): CrmError {
  const scope = scopeForRequest(method, path);
  const group = scope.split('.').slice(0, 2).join('.');
  return new CrmError({
    code: 'CRM_SCOPE_MISSING',
    message: `the connection’s grant lacks the OAuth scope ${scope} (${group}.ALL covers it) that ${method} ${path.split('?')[0] ?? path} needs (Zoho: ${message})`,
    retryable: false,
    providerCode: 'OAUTH_SCOPE_MISMATCH',
    status: 401,
    details: { scope },
  });
}
