import { ApiError, NetworkError } from '$lib/http/client';

/**
 * One call of the panel page to `/api/panel/*`: same origin, no session
 * cookie needed, the signed CRM query in `X-Kanjo-Panel` (a header, because
 * the PDF and every other call must carry it and a link cannot). Failures are
 * `api.ts`'s `ApiError` / `NetworkError`, so messages are sorted in one place.
 * @example await panelRequest({ query, method: 'GET', path: '/api/panel/context', read: 'json' })
 */
export async function panelRequest({
  query,
  method,
  path,
  body,
  read,
}: {
  query: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  read: 'json' | 'blob';
}): Promise<unknown> {
  const headers: Record<string, string> = {
    accept: read === 'json' ? 'application/json' : '*/*',
    'x-kanjo-panel': query,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.ok) {
    if (read === 'blob') return response.blob();
    return response.status === 204 ? undefined : response.json().catch(() => undefined);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', `HTTP ${response.status}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
