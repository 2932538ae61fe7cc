import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { LoginThrottle } from '../src/auth/throttle';
import { CrmClients } from '../src/crm/crm-clients';
import { CrmChannels } from '../src/crm/notifications/crm-channels';
import { PdfRenderer } from '../src/documents/pdf';
import { createSecretBox } from '../src/crm/secret-box';
import type { Db } from '../src/db/database';
import { uuidv7 } from '../src/ids';
import { CommitSeam } from '../src/mutations/committed';
import type { AppDeps } from '../src/http/env';
import { silentLogger, type Logger } from '../src/log';
import type SQLite from 'better-sqlite3';
import { TestClock } from './clock';
import { openTestDatabase, testDialect } from './test-database';
import { testSql, type TestSql } from './sql';

export const BASE = 'http://127.0.0.1:8787';

/**
 * Whether the suite runs on the embedded SQLite (no `DATABASE_URL`). Tests of
 * SQLite itself (its file, pragmas, WAL) skip on Postgres, where there is no such file.
 */
export const onSqlite = testDialect === 'sqlite';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  /** Raw SQL on the app's database, whichever it is: `t.sql.one('SELECT … WHERE id = ?', id)`. */
  sql: TestSql;
  /** The SQLite handle itself: only for tests of SQLite, under `describe.skipIf(!onSqlite)`. */
  sqlite: SQLite.Database;
  clock: TestClock;
  file: string;
  /** What the app was built from, for calling server modules directly. */
  deps: AppDeps;
}

/**
 * One PDF renderer for a test file's apps: its worker starts with the first
 * PDF, lets the process exit when idle, and `testPdf.close()` stops it.
 */
export const testPdf = new PdfRenderer();

/** A fixed CRM secrets key for tests (never a real one). */
export const TEST_SECRET_KEY = new Uint8Array(32).fill(7);

/**
 * The real app on a real database: a SQLite file in a fresh temporary
 * directory, or a fresh PostgreSQL database in the Postgres run; or on `file`
 * (the file or the database's address) again, a restart.
 */
export async function makeTestApp({
  file,
  secretKey = TEST_SECRET_KEY,
  log = silentLogger,
  staticDir,
  clock = new TestClock(),
}: {
  file?: string;
  secretKey?: Uint8Array;
  /** Where the app logs (a capturing logger to read what it wrote). */
  log?: Logger;
  /** A built PWA directory to serve (the SPA fallback). */
  staticDir?: string;
  /** The app's clock (one a CRM emulator reads too); a fresh one by default. */
  clock?: TestClock;
} = {}): Promise<TestApp> {
  const opened = await openTestDatabase(file, () =>
    join(mkdtempSync(join(tmpdir(), 'kanjo-test-')), 'kanjo.sqlite'),
  );
  const { db } = opened;
  const sqlite = opened.sqlite ?? noSqliteHere();
  const deps: AppDeps = {
    db,
    clock: clock.now,
    commits: new CommitSeam(log),
    newId: () => uuidv7(),
    throttle: new LoginThrottle(),
    log,
    secrets: createSecretBox(secretKey),
    crmClients: new CrmClients(),
    // Given here, so a test can wait for the passes its API calls start in the background.
    crmChannels: new CrmChannels(),
    pdf: testPdf,
    ...(staticDir ? { staticDir } : {}),
  };
  const app = createApp(deps);
  return { app, db, sql: testSql(db), sqlite, clock, file: opened.location, deps };
}

/** On Postgres there is no SQLite handle: a test that reaches for one is a test of SQLite, skipped there. */
function noSqliteHere(): SQLite.Database {
  return new Proxy({} as SQLite.Database, {
    get() {
      throw new Error(
        'This test reads the SQLite file itself: run it under describe.skipIf(!onSqlite).',
      );
    },
  });
}

/** A tiny HTTP client over `app.request()` that keeps the session cookie like a browser. */
/**
 * What a Client sends its requests to: the app in this process, or a real
 * server over HTTP (`{ request: (url, init) => fetch(url, init) }`).
 */
export type RequestTarget = Pick<TestApp['app'], 'request'>;

export class Client {
  cookie = '';
  constructor(
    readonly app: RequestTarget,
    readonly origin = BASE,
  ) {}

  /** The Cookie header sent with each request. */
  protected cookieHeader(): string {
    return this.cookie;
  }

  /** Keeps what the answer's Set-Cookie says: here the one cookie it sets. */
  protected keepCookies(headers: Headers): void {
    const setCookie = headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
  }

  /** The env the app is handed with each request (none: no client address). */
  protected env(): object | undefined {
    return undefined;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const cookie = this.cookieHeader();
    const init: RequestInit = {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    };
    const res = await this.app.request(`${this.origin}${path}`, init, this.env());
    this.keepCookies(res.headers);
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json: json as Record<string, any> };
  }
  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  put = (path: string, body: unknown) => this.request('PUT', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

let counter = 0;
export async function signUp(
  app: RequestTarget,
  overrides: Partial<{
    organizationName: string;
    email: string;
    password: string;
    baseCurrency: string;
    locale: 'en' | 'ja';
  }> = {},
) {
  const client = new Client(app);
  counter += 1;
  const body = {
    organizationName: `Org ${counter}`,
    email: `owner${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'correct horse battery',
    baseCurrency: 'JPY',
    ...overrides,
  };
  const res = await client.post('/api/auth/signup', body);
  if (res.status !== 201)
    throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { client, email: body.email, password: body.password, me: res.json };
}

/** Someone `owner` invites, signed in on a client of their own once they accept. */
export async function invitedMember(
  app: TestApp['app'],
  owner: Client,
  invite: { email: string; role: 'admin' | 'accountant' | 'sales'; name?: string },
) {
  const res = await owner.post('/api/users', invite);
  if (res.status !== 201)
    throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.json)}`);
  const client = new Client(app);
  const joined = await client.post('/api/auth/accept-invite', {
    token: res.json.invitation.token,
    password: 'a long enough password',
  });
  if (joined.status !== 201)
    throw new Error(`accept-invite failed: ${joined.status} ${JSON.stringify(joined.json)}`);
  return { client, email: invite.email, id: String(joined.json.user.id) };
}
