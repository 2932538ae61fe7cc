import { CrmError } from '@kanjo/core';
import type { FetchLike } from '@kanjo/crm-zoho';

/**
 * A fetch that reaches only the connection's own two origins and follows no
 * redirect: whatever calls it, the secrets and tokens it carries cannot land
 * on another host (a redirect would resend the token request's body).
 */
export function originBoundFetch(
  credentials: { accountsUrl: string; apiDomain: string },
  fetch: FetchLike = globalThis.fetch,
): FetchLike {
  const allowed = new Set([
    new URL(credentials.accountsUrl).origin,
    new URL(credentials.apiDomain).origin,
  ]);
  return (input, init) => {
    const origin = new URL(input).origin;
    if (!allowed.has(origin)) {
      return Promise.reject(
        new CrmError({
          code: 'CRM_UNAVAILABLE',
          message: `refused to send a CRM request to ${origin}, not one of the connection's origins`,
        }),
      );
    }
    return fetch(input, { ...init, redirect: 'error' });
  };
}
