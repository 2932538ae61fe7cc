import { CrmError, errorFromResponse, isRateLimited, parseZohoError } from './errors.js';
import type { Limiter } from './limiter.js';
import { scopeMissing } from './scopes.js';
import type { FetchLike, TokenSource } from './oauth.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Path under `/crm/v8`, e.g. `/Contacts` or `/org/currencies`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Return a 400 whose body carries per-record `data` instead of throwing (writes). */
  acceptRecordErrors?: boolean;
}

export interface HttpResult {
  status: number;
  /** Parsed JSON; `undefined` for 204 / empty bodies. */
  body: unknown;
}

export interface CallStats {
  calls: number;
  retries: number;
  refreshes: number;
}

export interface HttpDeps {
  tokens: TokenSource;
  apiDomain?: string;
  fetch: FetchLike;
  limiter: Limiter;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retries: number;
  stats: { calls: number; retries: number };
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;

type Attempt =
  | { kind: 'response'; status: number; body: unknown; retryAfter: string | null }
  | { kind: 'network'; error: unknown };

function buildUrl(base: string, options: RequestOptions): string {
  const url = new URL(`${base.replace(/\/$/, '')}/crm/v8${options.path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), if present and sane. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A 400 carrying per-item results: records under `data`, notification channels under `watch`. */
function hasRecordData(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { data, watch } = body as { data?: unknown; watch?: unknown };
  return Array.isArray(data) || Array.isArray(watch);
}

/** The request core: auth header, concurrency limit, retries with backoff, 401 refresh. */
export function createHttp(deps: HttpDeps): (options: RequestOptions) => Promise<HttpResult> {
  async function attempt(url: string, init: RequestInit): Promise<Attempt> {
    // The slot is held until the body is read: an unread body is still a call in flight.
    return deps.limiter.run(async (): Promise<Attempt> => {
      deps.stats.calls += 1;
      try {
        const response = await deps.fetch(url, init);
        const body = parseBody(await response.text());
        return {
          kind: 'response',
          status: response.status,
          body,
          retryAfter: response.headers.get('retry-after'),
        };
      } catch (error) {
        return { kind: 'network', error };
      }
    });
  }

  function backoffMs(retry: number): number {
    // Full jitter: uniform in [0, min(cap, base * 2^retry)).
    return Math.floor(deps.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
  }

  /** What to do with one attempt's outcome. */
  type Next =
    | { kind: 'done'; result: HttpResult }
    | { kind: 'refresh' }
    | { kind: 'wait'; ms: number }
    | { kind: 'fail'; error: CrmError };

  function decide(
    result: Attempt,
    options: RequestOptions,
    retry: number,
    canRefresh: boolean,
  ): Next {
    const exhausted = retry >= deps.retries;
    if (result.kind === 'network') {
      const message = `Zoho CRM unreachable: ${String(result.error)}`;
      if (exhausted)
        return {
          kind: 'fail',
          error: new CrmError({ code: 'CRM_UNAVAILABLE', message, retryable: true }),
        };
      return { kind: 'wait', ms: backoffMs(retry) };
    }
    const { status, body } = result;
    if (status >= 200 && status < 300) return { kind: 'done', result: { status, body } };
    const envelope = parseZohoError(body);
    // One refresh and one retry; a second 401 means the grant itself is gone.
    if (status === 401 && envelope?.code === 'INVALID_TOKEN' && canRefresh)
      return { kind: 'refresh' };
    // Not the token but the grant: refreshing or retrying would meet the same refusal.
    if (status === 401 && envelope?.code === 'OAUTH_SCOPE_MISMATCH') {
      const error = scopeMissing(options.method ?? 'GET', options.path, envelope.message);
      return { kind: 'fail', error };
    }
    if (options.acceptRecordErrors && status === 400 && hasRecordData(body)) {
      return { kind: 'done', result: { status, body } };
    }
    const transient = isRateLimited(status, envelope?.code) || status >= 500;
    if (!transient || exhausted) return { kind: 'fail', error: errorFromResponse(status, body) };
    return { kind: 'wait', ms: retryAfterMs(result.retryAfter, deps.clock()) ?? backoffMs(retry) };
  }

  async function tokenAndBase(): Promise<{ token: string; base: string }> {
    const token = await deps.tokens.getToken();
    const base = deps.apiDomain ?? deps.tokens.apiDomain();
    if (!base)
      throw new CrmError({
        code: 'CRM_INVALID_REQUEST',
        message: 'no api_domain known: pass apiDomain',
      });
    return { token, base };
  }

  return async function request(options: RequestOptions): Promise<HttpResult> {
    let retry = 0;
    let canRefresh = true;
    for (;;) {
      const { token, base } = await tokenAndBase();
      const headers: Record<string, string> = {
        authorization: `Zoho-oauthtoken ${token}`,
        ...options.headers,
      };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const result = await attempt(buildUrl(base, options), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const next = decide(result, options, retry, canRefresh);
      if (next.kind === 'done') return next.result;
      if (next.kind === 'fail') throw next.error;
      if (next.kind === 'refresh') {
        canRefresh = false;
        deps.tokens.invalidate(token);
        continue;
      }
      // The concurrency slot is free while we sleep: waiting callers may go ahead.
      retry += 1;
      deps.stats.retries += 1;
      await deps.sleep(next.ms);
    }
  };
}
