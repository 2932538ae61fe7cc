/**
 * The web app's only door to the Kanjo server: same-origin JSON, session in an
 * HttpOnly cookie the server sets. Failures surface as `ApiError` (the server
 * answered with `{ error }`) or `NetworkError` (it could not be reached).
 */
import type { Organization } from '@kanjo/core';
import type { Locale } from '$lib/i18n/locale.svelte';

export type { Organization };

export type Role = 'owner' | 'admin' | 'accountant' | 'sales';

export interface User {
  id: string;
  organizationId: string;
  email: string;
  name?: string;
  role: Role;
  locale?: Locale;
}

export interface Me {
  user: User;
  organization: Organization;
}

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

/** The server could not be reached: offline, DNS, or the server is down. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The Kanjo server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

export interface SignupInput {
  organizationName: string;
  email: string;
  password: string;
  baseCurrency: string;
  locale?: Locale;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface MePatch {
  locale?: Locale;
  name?: string;
}

/** @example const me = await signup({ organizationName: 'Acme', email, password, baseCurrency: 'JPY' }); */
export const signup = (input: SignupInput) =>
  request<Me>({ method: 'POST', path: '/api/auth/signup', body: input });

export const login = (input: LoginInput) =>
  request<Me>({ method: 'POST', path: '/api/auth/login', body: input });

export const logout = () => request<void>({ method: 'POST', path: '/api/auth/logout' });

export const updateMe = (patch: MePatch) =>
  request<Me>({ method: 'PATCH', path: '/api/me', body: patch });

/** The signed-in user and organization, or `null` when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await request<Me>({ method: 'GET', path: '/api/me' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Calls `listener` whenever an API call (other than signing in or out and
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
 * One JSON call to the Kanjo server; feature clients (e.g. `crm/connection-api.ts`) build on it.
 *
 * @example const { connection } = await request<{ connection: unknown }>({ method: 'GET', path: '/api/crm/connection' });
 */
export async function request<T>({
  method,
  path,
  body,
}: {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  if (response.status === 401) reportUnauthorized(method, path);
  throw toApiError(response, payload);
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, error.details);
  }
  // A proxy or gateway answered (e.g. 502 while the server restarts): treat as unreachable-ish.
  return new ApiError(response.status, 'UNEXPECTED_RESPONSE', `HTTP ${response.status}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
