import {
  kanjoScopeFor,
  missingZohoScopes,
  ZOHO_CRM_SCOPE_LIST,
  ZOHO_CRM_SCOPES,
  type CrmError,
  type CrmProvider,
} from '@kanjo/core';
import { ServiceError } from '../errors';

/**
 * Connecting refuses a grant that lacks one of the OAuth scopes Kanjo needs,
 * naming them all, before anything is stored: otherwise the connection would
 * look fine and fail later, run after run, on Zoho's `OAUTH_SCOPE_MISMATCH`.
 */
export function scopesMissing(scopes: readonly string[]): ServiceError {
  const names = scopes.join(', ');
  return new ServiceError(
    'invalid',
    'CRM_SCOPE_MISSING',
    `The Zoho CRM grant lacks the OAuth scope${scopes.length === 1 ? '' : 's'} ${names}. Generate a new grant code or refresh token with the scopes ${ZOHO_CRM_SCOPE_LIST} and connect again.`,
    { missingScopes: [...scopes], requiredScopes: ZOHO_CRM_SCOPES.map((s) => s.scope) },
  );
}

/** The scope of Kanjo's list a `CRM_SCOPE_MISSING` refusal stands for (the request's own when none). */
export function scopeOfError(error: CrmError): string | undefined {
  const needed = error.details?.scope;
  return typeof needed === 'string' ? (kanjoScopeFor(needed) ?? needed) : undefined;
}

/**
 * Throws `CRM_SCOPE_MISSING` naming every scope Kanjo needs that the grant
 * lacks: from the token answer's scopes when Zoho named them, else by probing.
 */
export async function checkScopes(
  crm: CrmProvider,
  granted: readonly string[] | undefined,
): Promise<void> {
  if (granted) {
    const missing = missingZohoScopes(granted);
    if (missing.length > 0) throw scopesMissing(missing);
    return;
  }
  const missing = await crm.missingScopes();
  if (missing.length > 0) throw scopesMissing(missing);
}

/**
 * The refusal for a scope the identity read met: every missing scope when the
 * token answer named the grant's, else the one the refused request needed.
 */
export function identityScopeRefusal(error: CrmError, granted: readonly string[] | undefined) {
  const missing = granted ? missingZohoScopes(granted) : [];
  if (missing.length > 0) return scopesMissing(missing);
  const scope = scopeOfError(error);
  return scopesMissing(scope ? [scope] : []);
}
