import {
  pullResponseSchema,
  pushResponseSchema,
  type ConflictResolution,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '@kanjo/core';
import * as v from 'valibot';

/** The subset of `fetch` the sync engine uses (injected, so tests can drop or repeat requests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A failed sync request. `status` 0 = the server could not be reached.
 * `retryable` failures (network, 5xx, 429, a garbled answer) are retried with backoff.
 */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Longest wait for one sync request before it counts as a network failure. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface PullRequest {
  cursor: number;
  clientId: string;
  limit?: number;
}

/** The sync endpoints of the Kanjo server (docs/architecture.md, "Sync protocol"). */
export interface SyncApi {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  resolveConflict(id: string, keep: ConflictResolution): Promise<void>;
}

/**
 * @example const api = createSyncApi({ fetch: (url, init) => fetch(url, init) });
 * const page = await api.pull({ cursor: 0, clientId });
 */
export function createSyncApi({
  fetch,
  baseUrl = '',
  timeoutMs = REQUEST_TIMEOUT_MS,
}: {
  fetch: FetchLike;
  baseUrl?: string;
  timeoutMs?: number;
}): SyncApi {
  async function call<T>(
    path: string,
    init: RequestInit,
    schema: v.GenericSchema<unknown, T> | null,
  ): Promise<T | undefined> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        credentials: 'same-origin',
        // A hung request would hold the sync lock (and every tab's sync) forever.
        signal: AbortSignal.timeout(timeoutMs),
        ...init,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      });
    } catch (error) {
      throw new SyncHttpError(0, 'NETWORK', `The server could not be reached: ${String(error)}`);
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw toError(response.status, payload);
    if (schema === null) return undefined;
    const parsed = v.safeParse(schema, payload);
    if (!parsed.success) throw new SyncHttpError(502, 'BAD_RESPONSE', 'Unexpected sync answer');
    return parsed.output;
  }

  return {
    async push(request) {
      const init = { method: 'POST', body: JSON.stringify(request) };
      return must(await call('/api/sync/push', init, pushResponseSchema));
    },
    async pull({ cursor, clientId, limit }) {
      const query = new URLSearchParams({ cursor: String(cursor), clientId });
      if (limit !== undefined) query.set('limit', String(limit));
      return must(await call(`/api/sync/pull?${query}`, { method: 'GET' }, pullResponseSchema));
    },
    async resolveConflict(id, keep) {
      const init = { method: 'POST', body: JSON.stringify({ keep }) };
      await call(`/api/conflicts/${encodeURIComponent(id)}/resolve`, init, null);
    },
  };
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new SyncHttpError(502, 'BAD_RESPONSE', 'Empty sync answer');
  return value;
}

function toError(status: number, payload: unknown): SyncHttpError {
  const error =
    typeof payload === 'object' && payload !== null && 'error' in payload
      ? payload.error
      : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return new SyncHttpError(status, String(error.code), String(error.message));
  }
  return new SyncHttpError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status}`);
}
