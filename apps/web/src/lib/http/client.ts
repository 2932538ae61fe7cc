/**
 * The web app's only door to the Kanjo server: same-origin JSON. Every
 * feature client (auth, CRM, panel, sync) sends through `send` or `request`,
 * so failures surface as one of two errors: `ApiError` (the server answered
 * with `{ error }`, or not with JSON) or `NetworkError` (it could not be
 * reached).
 */

export interface FieldIssue {
  path: string;
  message: string;
  /** REQUIRED, UNKNOWN_FIELD or INVALID: lets the UI translate the common cases. */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field messages of a `VALIDATION_FAILED` (or `EMAIL_TAKEN`) answer. */
  get fields(): FieldIssue[] {
    const fields = isRecord(this.details) ? this.details.fields : undefined;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldIssue =>
        isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string',
    );
  }

  get retryAfterSeconds(): number | undefined {
    const seconds = isRecord(this.details) ? this.details.retryAfterSeconds : undefined;
    return typeof seconds === 'number' ? seconds : undefined;
  }
}

/** The server could not be reached: offline, DNS, a timeout, or the server is down. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The Kanjo server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

/** The subset of `fetch` a client uses (injected by the sync engine's tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpCall {
  method: HttpMethod;
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Besides `accept` and, with a body, `content-type`. */
  headers?: Record<string, string>;
  accept?: string;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

/**
 * One request; the response when it is 2xx. Throws `NetworkError` when the
 * server cannot be reached and the `ApiError` of its answer otherwise.
 *
 * @example const response = await send({ method: 'GET', path: '/api/users' });
 */
export async function send({
  method,
  path,
  body,
  headers = {},
  accept = 'application/json',
  signal,
  fetch = (url, init) => globalThis.fetch(url, init),
}: HttpCall): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.ok) return response;
  throw errorFromAnswer(response.status, await readJson(response));
}

/** A response's JSON body; undefined for 204 or a body that is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  return response.json().catch(() => undefined);
}

/** The one reader of the server's `{ error: { code, message, details? } }` answers. */
export function errorFromAnswer(status: number, payload: unknown): ApiError {
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message, error.details);
  }
  // A proxy or gateway answered (e.g. 502 while the server restarts): treat as unreachable-ish.
  return new ApiError(status, 'UNEXPECTED_RESPONSE', `HTTP ${status}`);
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Calls `listener` whenever a `request` (other than signing in or out and
 * `getMe`, which answer for themselves) gets a 401: the session may have
 * ended, and the sync module then asks the server and ends it on this device.
 * Returns the unsubscribe.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function reportUnauthorized(method: string, path: string): void {
  if (path.startsWith('/api/auth/') || (method === 'GET' && path === '/api/me')) return;
  for (const listener of unauthorizedListeners) listener();
}

/**
 * One JSON call of the signed-in app; feature clients (e.g. `crm/connection-api.ts`) build on it.
 *
 * @example const { connection } = await request<{ connection: unknown }>({ method: 'GET', path: '/api/crm/connection' });
 */
export async function request<T>(call: {
  method: HttpMethod;
  path: string;
  body?: unknown;
}): Promise<T> {
  try {
    return (await readJson(await send(call))) as T;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      reportUnauthorized(call.method, call.path);
    }
    throw error;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
