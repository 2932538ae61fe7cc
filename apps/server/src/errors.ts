/**
 * What a service refuses with, in its own words: a kind of refusal, a stable
 * code the client can act on, a message for people and optional details.
 * Services never speak HTTP: the API's error handler (`http/errors.ts`)
 * answers `{ error: { code, message, details? } }` with the status of the
 * kind, read from `status`.
 */
const STATUS_OF = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  gone: 410,
  tooLarge: 413,
  unprocessable: 422,
  tooMany: 429,
  failed: 500,
  badGateway: 502,
  unavailable: 503,
} as const;

export type RefusalKind = keyof typeof STATUS_OF;

export class ServiceError extends Error {
  readonly status: (typeof STATUS_OF)[RefusalKind];

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
    this.status = STATUS_OF[kind];
  }
}

export const forbidden = (message = 'You are not allowed to do this.') =>
  new ServiceError('forbidden', 'FORBIDDEN', message);
export const notFound = (what = 'Resource') =>
  new ServiceError('notFound', 'NOT_FOUND', `${what} not found.`);
