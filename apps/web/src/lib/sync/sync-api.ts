import {
  pullResponseSchema,
  pushResponseSchema,
  type ConflictResolution,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '@kanjo/core';
import * as v from 'valibot';
import { ApiError, readJson, send, type FetchLike } from '$lib/http/client';

export type { FetchLike };

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
    init: { method: 'GET' | 'POST'; body?: unknown },
    schema: v.GenericSchema<unknown, T> | null,
  ): Promise<T | undefined> {
    const response = await send({
      ...init,
      path: `${baseUrl}${path}`,
      // A hung request would hold the sync lock (and every tab's sync) forever.
      signal: AbortSignal.timeout(timeoutMs),
      fetch,
    });
    if (schema === null) return undefined;
    const parsed = v.safeParse(schema, await readJson(response));
    if (!parsed.success) throw new ApiError(502, 'BAD_RESPONSE', 'Unexpected sync answer');
    return parsed.output;
  }

  return {
    async push(request) {
      const init = { method: 'POST', body: request } as const;
      return must(await call('/api/sync/push', init, pushResponseSchema));
    },
    async pull({ cursor, clientId, limit }) {
      const query = new URLSearchParams({ cursor: String(cursor), clientId });
      if (limit !== undefined) query.set('limit', String(limit));
      return must(await call(`/api/sync/pull?${query}`, { method: 'GET' }, pullResponseSchema));
    },
    async resolveConflict(id, keep) {
      const init = { method: 'POST', body: { keep } } as const;
      await call(`/api/conflicts/${encodeURIComponent(id)}/resolve`, init, null);
    },
  };
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new ApiError(502, 'BAD_RESPONSE', 'Empty sync answer');
  return value;
}
