import {
  CrmError,
  createZohoClient,
  exchangeGrantCode,
  type CachedToken,
  type FetchLike,
  type ZohoClient,
} from '@kanjo/crm-zoho';
import * as v from 'valibot';
import { ServiceError } from '../errors';
import { readReach, userProfileSchema, type StoredReach } from './reach';
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

const userSchema = v.object({
  id: v.string(),
  email: v.string(),
  full_name: v.optional(v.nullable(v.string())),
  profile: userProfileSchema,
});
const orgSchema = v.object({
  id: v.string(),
  company_name: v.optional(v.nullable(v.string())),
  currency: v.optional(v.nullable(v.string())),
  iso_code: v.optional(v.nullable(v.string())),
  mc_status: v.optional(v.nullable(v.boolean())),
  time_zone: v.optional(v.nullable(v.string())),
});
const currencySchema = v.object({ iso_code: v.string(), is_base: v.optional(v.boolean()) });

/**
 * A fetch that reaches only the connection's own two origins and follows no
 * redirect: whatever calls it, the secrets and tokens it carries cannot land
 * on another host (a redirect would resend the token request's body).
 */
export function originBoundFetch(
  credentials: Pick<CrmCredentials, 'accountsUrl' | 'apiDomain'>,
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

/** Builds a Zoho client for verified or stored credentials; it talks only to their origins. */
export function buildZohoClient({
  credentials,
  refreshToken,
  token,
  clock,
  onToken,
  retries,
  fetch,
}: {
  credentials: CrmCredentials;
  refreshToken: string;
  token: CachedToken | undefined;
  clock: () => Date;
  onToken?: (token: CachedToken) => void;
  retries?: number;
  /** Defaults to the global fetch; `crmClientFor` passes one that counts calls. */
  fetch?: FetchLike;
}): ZohoClient {
  return createZohoClient({
    ...credentials,
    refreshToken,
    clock: () => clock().getTime(),
    ...(token ? { initialToken: token } : {}),
    ...(onToken ? { onToken } : {}),
    ...(retries !== undefined ? { retries } : {}),
    fetch: originBoundFetch(credentials, fetch),
  });
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
    const crm = buildZohoClient({
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
  crm: ZohoClient,
): Promise<{ identity: CrmIdentity; profile: StoredReach['profile'] }> {
  const user = parseOrBadResponse(userSchema, await crm.currentUser(), 'current user');
  const org = parseOrBadResponse(orgSchema, await crm.org(), 'org');
  const multiCurrency = org.mc_status === true;
  let currency = org.iso_code ?? org.currency ?? '';
  if (multiCurrency) {
    const currencies = (await crm.currencies()).map((c) =>
      parseOrBadResponse(currencySchema, c, 'currency'),
    );
    currency = currencies.find((c) => c.is_base)?.iso_code ?? currency;
  }
  const identity = {
    org: {
      id: org.id,
      name: org.company_name ?? '',
      currency,
      multiCurrency,
      timeZone: org.time_zone ?? '',
    },
    user: { id: user.id, email: user.email, name: user.full_name ?? user.email },
  };
  return { identity, profile: user.profile ?? null };
}

function parseOrBadResponse<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  what: string,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) {
    throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: `unexpected ${what} answer` });
  }
  return parsed.output;
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
