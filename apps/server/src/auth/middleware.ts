import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { forbidden, sessionExpired, unauthenticated } from '../http/errors';
import type { AppEnv } from '../http/env';
import { SESSION_COOKIE, validateSessionToken, type SessionUser } from './session';

/**
 * Lets the request through only with a valid session; sets `user` and
 * `session`. No cookie: 401 UNAUTHENTICATED; a cookie that opens nothing:
 * 401 SESSION_EXPIRED.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthenticated();
  const { db, clock } = c.var.deps;
  const result = await validateSessionToken(db, token, clock());
  if (!result) throw sessionExpired();
  c.set('user', result.user);
  c.set('session', result.session);
  await next();
};

export function requireRole(...roles: SessionUser['role'][]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.var.user.role)) {
      throw forbidden(`This needs the role ${roles.join(' or ')}.`);
    }
    await next();
  };
}
