import type { Context } from 'hono';

/** Plain-HTTP loopback is the only place our cookies may travel without `Secure`. */
export function cookieSecure(c: Context): boolean {
  const { hostname } = new URL(c.req.url);
  return !(hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.'));
}
