import Database from 'better-sqlite3';
import { createEmulator, seedEmulator, type EmulatorDeps, type SeedKind } from '../src/index';

/** The base URL every in-memory emulator names as its `api_domain`. */
export const BASE = 'http://crm.test';
/** Where every test clock starts. */
export const T0 = new Date('2026-01-15T06:00:00Z');

type Emulator = ReturnType<typeof createEmulator>;

/** A parsed answer; JSON is read loosely, the assertions are the type check. */
export interface CallResult<J> {
  status: number;
  headers: Headers;
  text: string;
  json: J | undefined;
}

async function answer<J>(res: Response): Promise<CallResult<J>> {
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as J) : undefined,
  };
}

/**
 * An API client of its own: `POST /__emulator/clients` (for `email`, default the admin;
 * with `scopes`, default every scope), one token refresh, and `call` on `/crm/v8` with that token.
 */
async function login(app: Emulator, email?: string, scopes?: readonly string[]) {
  const created = await app.request('/__emulator/clients', {
    method: 'POST',
    body: JSON.stringify({ ...(email ? { email } : {}), ...(scopes ? { scopes } : {}) }),
  });
  const creds = (await created.json()) as Record<string, string>;
  const refresh = (extra: Record<string, string> = {}) =>
    app.request('/oauth/v2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: creds.client_id ?? '',
        client_secret: creds.client_secret ?? '',
        refresh_token: creds.refresh_token ?? '',
        ...extra,
      }).toString(),
    });
  const token = ((await (await refresh()).json()) as { access_token: string }).access_token;
  const call = async <J = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    answer<J>(
      await app.request(`/crm/v8${path}`, {
        method,
        headers: {
          Authorization: `Zoho-oauthtoken ${token}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { creds, token, refresh, call };
}

export type EmulatorSession = Awaited<ReturnType<typeof login>>;

/**
 * An emulator in memory (no port) on a settable clock, with one logged-in API client.
 *
 * @example
 * const t = await setupEmulator({ seed: 'demo' });
 * expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(200);
 * t.advance(3601); // the token has now expired
 */
export async function setupEmulator(
  opts: { seed?: SeedKind; options?: EmulatorDeps['options'] } = {},
) {
  let now = T0;
  const clock = () => now;
  const db = new Database(':memory:');
  const app = createEmulator({ db, clock, baseUrl: BASE, options: opts.options });
  if (opts.seed !== undefined) seedEmulator({ db, clock, seed: opts.seed });
  /** `/__emulator/*`, the controls Zoho itself does not have. */
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/__emulator${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  return {
    app,
    db,
    control,
    /** Another API client, e.g. for another CRM user or with fewer scopes. */
    login: (email?: string, scopes?: readonly string[]) => login(app, email, scopes),
    ...(await login(app)),
    now: () => now,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
  };
}
