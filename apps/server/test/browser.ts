import type { TestApp } from './helpers';
import { BASE } from './helpers';

/**
 * A browser over `app.request()`: keeps every cookie it is given (the session
 * and the known-device cookie) and comes from one client address, handed to
 * the app the way @hono/node-server does (the request's socket in the env).
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly app: TestApp['app'],
    readonly address = '198.51.100.7',
    readonly origin = BASE,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; json: Record<string, any> }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await this.app.request(
      `${this.origin}${path}`,
      {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      { incoming: { socket: { remoteAddress: this.address } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json: json as Record<string, any> };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  login(email: string, password: string) {
    return this.post('/api/auth/login', { email, password });
  }
}

/** How many answers had each status, e.g. `{ 401: 5, 429: 55 }`. */
export function countStatuses(results: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
