import { isIPv6 } from 'node:net';
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

/**
 * The key per-address limits count under: the address itself for IPv4, its
 * /64 network for IPv6 — one subscriber usually holds a whole /64 and could
 * otherwise take a fresh address for every guess.
 *
 * @example limitKeyOf('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function limitKeyOf(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...left,
    ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  const network = groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, ''));
  return `${network.join(':')}::/64`;
}

/**
 * The limit key of the request's client (see {@link clientAddress} and {@link limitKeyOf}).
 * @example throttle.hit(clientLimitKey(c, { trustProxy }), now)
 */
export function clientLimitKey(c: Context, options: { trustProxy?: boolean } = {}): string {
  return limitKeyOf(clientAddress(c, options));
}
