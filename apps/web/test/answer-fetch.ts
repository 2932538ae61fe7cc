import { vi } from 'vitest';

/** A request the code under test sent. */
export interface SentRequest {
  url: string;
  method: string | undefined;
  /** The JSON body, parsed; undefined without one. */
  body: unknown;
}

/**
 * For the API clients' unit tests: `fetch` answers every request with
 * `status` and `payload` as JSON (no body when `payload` is undefined).
 * Returns the requests as they are sent; undo with `vi.unstubAllGlobals()`.
 * @example const sent = answerFetch(200, { runs: [] }); await listSyncRuns(); sent[0]?.url
 */
export function answerFetch(status: number, payload?: unknown): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return Promise.resolve(
      payload === undefined
        ? new Response(null, { status })
        : new Response(JSON.stringify(payload), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
    );
  });
  return sent;
}
