import { BASE, Client, type TestApp } from './helpers';

/**
 * A browser over `app.request()`: keeps every cookie it is given (the session
 * and the known-device cookie) and comes from one client address, handed to
 * the app the way @hono/node-server does (the request's socket in the env).
 */
export class Browser extends Client {
  readonly cookies = new Map<string, string>();

  constructor(
    app: TestApp['app'],
    readonly address = '198.51.100.7',
    origin = BASE,
  ) {
    super(app, origin);
  }

  protected override cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  protected override keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The request's socket, as @hono/node-server hands it to the app. */
  protected override env(): object {
    return { incoming: { socket: { remoteAddress: this.address } } };
  }

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
