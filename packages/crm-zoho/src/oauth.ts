import * as v from 'valibot';
import { CrmError, ZOHO_LIMITS } from './errors.js';

/** The subset of `fetch` this package uses; tests pass `app.request` or a scripted fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const tokenResponseSchema = v.object({
  access_token: v.string(),
  expires_in: v.optional(v.number(), 3600),
  api_domain: v.optional(v.string()),
  refresh_token: v.optional(v.string()),
  token_type: v.optional(v.string()),
  /** The grant's scopes, separated by spaces (Zoho names them in its token answers). */
  scope: v.optional(v.string()),
});

// Zoho reports refusals as `{ error: "invalid_client" }`, often with HTTP 200.
const tokenErrorSchema = v.object({
  error: v.optional(v.string()),
  error_description: v.optional(v.string()),
  message: v.optional(v.string()),
  code: v.optional(v.string()),
});

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  apiDomain?: string;
  refreshToken?: string;
  /** The scopes the grant was made for, when the answer named them. */
  scopes?: string[];
}

interface TokenCall {
  accountsUrl: string;
  fetch: FetchLike;
  params: Record<string, string>;
}

async function callTokenEndpoint({ accountsUrl, fetch, params }: TokenCall): Promise<TokenGrant> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${accountsUrl.replace(/\/$/, '')}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await response.text();
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (cause) {
    throw new CrmError({
      code: 'CRM_UNAVAILABLE',
      message: `Zoho accounts server unreachable: ${String(cause)}`,
      retryable: true,
    });
  }
  const grant = v.safeParse(tokenResponseSchema, body);
  if (response.ok && grant.success) {
    const out = grant.output;
    return {
      accessToken: out.access_token,
      expiresInSeconds: out.expires_in,
      apiDomain: out.api_domain,
      refreshToken: out.refresh_token,
      ...(out.scope !== undefined
        ? { scopes: out.scope.split(/[\s,]+/).filter((s) => s !== '') }
        : {}),
    };
  }
  const refusal = v.safeParse(tokenErrorSchema, body);
  const info = refusal.success ? refusal.output : {};
  const providerCode = info.error ?? info.code;
  throw new CrmError({
    code: response.status >= 500 ? 'CRM_UNAVAILABLE' : 'CRM_AUTH_FAILED',
    message:
      info.error_description ??
      info.message ??
      providerCode ??
      `token refresh failed (HTTP ${response.status})`,
    retryable: response.status >= 500,
    providerCode,
    status: response.status,
  });
}

/** Hands out a valid access token, refreshing it with the refresh token when needed. */
export interface TokenSource {
  /** A cached token, or a fresh one; concurrent callers share one refresh. */
  getToken(): Promise<string>;
  /** Drops `token` if it is still the cached one (the API called it invalid). */
  invalidate(token: string): void;
  /** The API host from the last token response, if any. */
  apiDomain(): string | undefined;
  /** How many refreshes hit the accounts server. */
  refreshes(): number;
}

/** An access token as a caller may keep it between restarts. */
export interface CachedToken {
  accessToken: string;
  /** When Zoho stops accepting it, in milliseconds since the epoch. */
  expiresAt: number;
  apiDomain?: string;
  /** The grant's scopes, as the token answer named them (not kept between restarts). */
  scopes?: string[];
}

export interface TokenSourceOptions {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch?: FetchLike;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  clock?: () => number;
  /** A token kept from an earlier run: used until near its expiry instead of refreshing. */
  initialToken?: CachedToken;
  /** Called after every refresh, so the caller can keep the token (must not throw). */
  onToken?: (token: CachedToken) => void;
  /**
   * Coordinates refreshes among processes that share one refresh token
   * (Zoho allows 10 refreshes per 10 minutes): called instead of refreshing,
   * it answers a token another process kept (read under the caller's lock)
   * unless that is `had`, the token this source holds and needs replaced,
   * or else runs `refresh`.
   */
  shareRefresh?: (
    refresh: () => Promise<CachedToken>,
    had: string | undefined,
  ) => Promise<CachedToken>;
}

/**
 * Creates a refresh-token based `TokenSource`.
 *
 * @example
 * const tokens = createTokenSource({ accountsUrl: 'https://accounts.zoho.eu', clientId, clientSecret, refreshToken });
 * const token = await tokens.getToken();
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const fetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let apiDomain: string | undefined;
  let refreshes = 0;
  /** The last token the CRM refused: never taken back from another process. */
  let rejected: string | undefined;
  const initial = options.initialToken;
  if (initial) {
    // A restart must not spend one of the 10 refreshes per 10 minutes on a token it still has.
    cached = {
      token: initial.accessToken,
      refreshAt: initial.expiresAt - ZOHO_LIMITS.tokenRefreshMarginMs,
    };
    apiDomain = initial.apiDomain;
  }

  /** Calls the accounts server for a new access token and says so through `onToken`. */
  async function refreshAtZoho(): Promise<CachedToken> {
    refreshes += 1;
    const grant = await callTokenEndpoint({
      accountsUrl: options.accountsUrl,
      fetch,
      params: {
        grant_type: 'refresh_token',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        refresh_token: options.refreshToken,
      },
    });
    if (grant.apiDomain) apiDomain = grant.apiDomain;
    const lifetimeMs = grant.expiresInSeconds * 1000;
    const margin = Math.min(ZOHO_LIMITS.tokenRefreshMarginMs, lifetimeMs / 2);
    const now = clock();
    const token: CachedToken = {
      accessToken: grant.accessToken,
      expiresAt: now + lifetimeMs,
      ...(apiDomain ? { apiDomain } : {}),
      ...(grant.scopes ? { scopes: grant.scopes } : {}),
    };
    cached = { token: grant.accessToken, refreshAt: now + lifetimeMs - margin };
    options.onToken?.(token);
    return token;
  }

  async function refresh(): Promise<string> {
    const had = cached?.token ?? rejected;
    if (!options.shareRefresh) return (await refreshAtZoho()).accessToken;
    const token = await options.shareRefresh(refreshAtZoho, had);
    const lifetimeMs = token.expiresAt - clock();
    const margin = Math.min(ZOHO_LIMITS.tokenRefreshMarginMs, lifetimeMs / 2);
    cached = { token: token.accessToken, refreshAt: token.expiresAt - margin };
    if (token.apiDomain) apiDomain = token.apiDomain;
    return token.accessToken;
  }

  return {
    getToken(): Promise<string> {
      if (cached && clock() < cached.refreshAt) return Promise.resolve(cached.token);
      // Single flight: Zoho allows only 10 tokens per refresh token per 10 minutes.
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token: string): void {
      if (cached?.token === token) cached = undefined;
      rejected = token;
    },
    apiDomain: () => apiDomain,
    refreshes: () => refreshes,
  };
}

export interface ExchangeGrantCodeOptions {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri?: string;
  fetch?: FetchLike;
}

/**
 * Exchanges a one-time grant code (`authorization_code`) for tokens.
 *
 * @example
 * const { refreshToken, apiDomain } = await exchangeGrantCode({ accountsUrl, clientId, clientSecret, code });
 */
export async function exchangeGrantCode(
  options: ExchangeGrantCodeOptions,
): Promise<TokenGrant & { refreshToken: string }> {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    code: options.code,
  };
  if (options.redirectUri) params.redirect_uri = options.redirectUri;
  const grant = await callTokenEndpoint({
    accountsUrl: options.accountsUrl,
    fetch: options.fetch ?? globalThis.fetch,
    params,
  });
  if (!grant.refreshToken) {
    throw new CrmError({
      code: 'CRM_AUTH_FAILED',
      message: 'grant code exchange returned no refresh_token',
    });
  }
  return { ...grant, refreshToken: grant.refreshToken };
}
