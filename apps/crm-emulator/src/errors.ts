import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorDetails = Record<string, unknown>;

/** Zoho's error envelope: `{ code, details, message, status: 'error' }`. */
export function errorBody(code: string, message: string, details: ErrorDetails = {}) {
  return { code, details, message, status: 'error' as const };
}

/** A request-level refusal; the app's error handler answers it with Zoho's envelope. */
export class ZohoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ContentfulStatusCode = 400,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}
