import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser tells us came from another
 * site. Browsers send `Sec-Fetch-Site` and `Origin` on such requests, JSON
 * included; a request with neither is not from a browser page and cannot ride a
 * user's cookie cross-site, so it passes. `allowedOrigins` adds the public URL
 * when the server sits behind a proxy.
 */
export function csrfGuard({
  allowedOrigins = [],
}: { allowedOrigins?: string[] } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw crossSite(`Sec-Fetch-Site: ${fetchSite}`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const own = new URL(c.req.url).origin;
      const host = c.req.header('host');
      const sameHost = host !== undefined && safeHost(origin) === host;
      if (origin !== own && !sameHost && !allowedOrigins.includes(origin)) {
        throw crossSite(`Origin: ${origin}`);
      }
    }
    return next();
  };
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function crossSite(evidence: string): ApiError {
  return new ApiError(403, 'FORBIDDEN', 'Cross-site request refused.', {
    reason: 'cross-site',
    evidence,
  });
}
