import { isRecord, readJson, send } from '$lib/http/client';

export { isRecord };

/**
 * One call of the panel page to `/api/panel/*`: same origin, no session
 * cookie needed, the signed CRM query in `X-Kanjo-Panel` (a header, because
 * the PDF and every other call must carry it and a link cannot). Failures are
 * the HTTP client's `ApiError` / `NetworkError`, so messages are sorted in one place.
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
  const response = await send({
    method,
    path,
    body,
    accept: read === 'json' ? 'application/json' : '*/*',
    headers: { 'x-kanjo-panel': query },
  });
  return read === 'blob' ? response.blob() : readJson(response);
}
