import type { Context } from 'hono';

/** The shape of @hono/node-server's bindings that carries the TCP peer. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The address a request came from, for per-address limits: the TCP peer as
 * @hono/node-server binds it (`c.env.incoming`), IPv4-mapped IPv6 written as
 * IPv4. With `trustProxy` (Kanjo behind a reverse proxy that appends the
 * client to `X-Forwarded-For`), the right-most entry of that header — the one
 * the proxy wrote; entries to its left are the client's own claims.
 * `'unknown'` when neither is there (an in-process `app.request()`).
 *
 * @example const address = clientAddress(c, { trustProxy: c.var.deps.trustProxy === true });
 */
export function clientAddress(c: Context, { trustProxy = false } = {}): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return normalize(forwarded);
  }
  const env = c.env as NodeBindings | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  return peer ? normalize(peer) : 'unknown';
}

function normalize(address: string): string {
  const text = address.slice(0, 64).toLowerCase();
  return text.startsWith('::ffff:') && text.includes('.') ? text.slice(7) : text;
}
