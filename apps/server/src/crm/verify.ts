import { CrmError, type CrmProvider } from '@kanjo/core';
import { exchangeGrantCode, type CachedToken } from '@kanjo/crm-zoho';
import { ServiceError } from '../errors';
import { buildCrmProvider } from './crm-clients';
import { originBoundFetch } from './origin-fetch';
import { readReach, type StoredReach } from './reach';
import { checkScopes, identityScopeRefusal, scopeOfError, scopesMissing } from './scopes';

/** Everything needed to talk to one Zoho CRM as one user. */
export interface CrmCredentials {
  apiDomain: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
}

/** What the CRM says about itself and the connecting user at verification time. */
export interface CrmIdentity {
  org: { id: string; name: string; currency: string; multiCurrency: boolean; timeZone: string };
  user: { id: string; email: string; name: string };
}

export interface Verified {
  refreshToken: string;
  /** The newest access token seen, kept so the next client needs no refresh. */
  token: CachedToken | undefined;
  identity: CrmIdentity;
  /** What the user's profile may do per module (read, never failing the verification). */
  reach: StoredReach;
}

/**
 * Proves the credentials work, belong to `expectedEmail` and carry the OAuth
 * scopes Kanjo needs: exchanges the grant code if one is given, then reads the
 * current user, the org and (with multi-currency on) its currencies, then checks
 * the scopes. Stores nothing; throws an `ServiceError`.
 */
export async function verifyCrm({
  credentials,
  secret,
  token,
  expectedEmail,
  clock,
}: {
  credentials: CrmCredentials;
  secret: { refreshToken: string } | { grantCode: string };
  token?: CachedToken;
  expectedEmail: string;
  clock: () => Date;
}): Promise<Verified> {
  try {
    let refreshToken: string;
    let latest = token;
    // The grant's scopes, when a token answer named them (a kept token says nothing).
    let granted: string[] | undefined;
    if ('grantCode' in secret) {
      const grant = await exchangeGrantCode({
        ...credentials,
        code: secret.grantCode,
        fetch: originBoundFetch(credentials),
      });
      refreshToken = grant.refreshToken;
      granted = grant.scopes;
      latest = {
        accessToken: grant.accessToken,
        expiresAt: clock().getTime() + grant.expiresInSeconds * 1000,
      };
    } else {
      refreshToken = secret.refreshToken;
    }
    const crm = buildCrmProvider({
      credentials,
      refreshToken,
      token: latest,
      clock,
      onToken: (fresh) => {
        latest = fresh;
        granted = fresh.scopes ?? granted;
      },
      // A person is waiting for the answer: one retry, not a minute of backoff.
      retries: 1,
    });
    const { identity, profile } = await readIdentity(crm).catch((error: unknown) => {
      if (error instanceof CrmError && error.code === 'CRM_SCOPE_MISSING') {
        throw identityScopeRefusal(error, granted);
      }
      throw error;
    });
    requireUser(identity, expectedEmail);
    await checkScopes(crm, granted);
    const reach = await readReach({ crm, profile, checkedAt: clock().toISOString() });
    return { refreshToken, token: latest, identity, reach };
  } catch (error) {
    throw error instanceof CrmError ? crmRefusal(error) : error;
  }
}

/** The credentials must sign in as the user the connection names. */
function requireUser(identity: CrmIdentity, expectedEmail: string): void {
  if (identity.user.email.toLowerCase() === expectedEmail.toLowerCase()) return;
  throw new ServiceError(
    'invalid',
    'CRM_USER_MISMATCH',
    `These credentials sign in to the CRM as ${identity.user.email}, not ${expectedEmail}.`,
    { expectedEmail, crmUserEmail: identity.user.email },
  );
}

async function readIdentity(
  crm: CrmProvider,
): Promise<{ identity: CrmIdentity; profile: StoredReach['profile'] }> {
  const { org, user } = await crm.identity();
  const { profile, ...who } = user;
  return { identity: { org, user: who }, profile };
}

/** A CRM failure as the API reports it: the CRM's own words, and its code in details. */
export function crmRefusal(error: CrmError): ServiceError {
  const details = error.providerCode ? { providerCode: error.providerCode } : undefined;
  switch (error.code) {
    case 'CRM_AUTH_FAILED':
      return new ServiceError(
        'invalid',
        'CRM_AUTH_FAILED',
        `Zoho CRM refused the credentials: ${error.message}`,
        details,
      );
    case 'CRM_PERMISSION_DENIED':
      return new ServiceError(
        'invalid',
        'CRM_PERMISSION_DENIED',
        `Zoho CRM refused access: ${error.message}`,
        details,
      );
    case 'CRM_SCOPE_MISSING': {
      const scope = scopeOfError(error);
      return scopesMissing(scope ? [scope] : []);
    }
    case 'CRM_RATE_LIMITED':
      return new ServiceError(
        'tooMany',
        'CRM_RATE_LIMITED',
        `Zoho CRM asks to slow down: ${error.message}`,
        details,
      );
    default:
      return new ServiceError(
        'badGateway',
        'CRM_UNAVAILABLE',
        `Zoho CRM could not be reached or answered badly: ${error.message}`,
        details,
      );
  }
}
