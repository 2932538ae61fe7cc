import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '@kanjo/core';
import type { ErrorHandler } from 'hono';
import { ServiceError } from '../errors';
import type { Logger } from '../log';

/** The one error shape of the API: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Answers an API error, or a service's refusal with the status of its kind. */
export function sendError(c: Context, err: ApiError | ServiceError): Response {
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}

/**
 * The API's one error handler: an API error, a service's refusal or a domain
 * refusal answers its status and `{ error: { code, message, details? } }`;
 * anything else is logged and answers 500 INTERNAL.
 */
export function errorHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError || err instanceof ServiceError) return sendError(c, err);
    if (err instanceof DomainError) {
      return sendError(c, new ApiError(err.status as 400, err.code, err.message, err.details));
    }
    log.error('unhandled error', { path: c.req.path, error: String(err), stack: err.stack });
    return c.json(errorBody('INTERNAL', 'Something went wrong on the server.'), 500);
  };
}

export const unauthenticated = () => new ApiError(401, 'UNAUTHENTICATED', 'Sign in to continue.');
/**
 * 401 for a session cookie that opens nothing (unknown, expired, logged out or
 * its user disabled): the client knows its session ended and forgets the
 * organization's data it holds, unlike a network failure or a 5xx.
 */
export const sessionExpired = () =>
  new ApiError(401, 'SESSION_EXPIRED', 'Your session has ended: sign in again.');
export const forbidden = (message = 'You are not allowed to do this.') =>
  new ApiError(403, 'FORBIDDEN', message);
export const notFound = (what = 'Resource') => new ApiError(404, 'NOT_FOUND', `${what} not found.`);
