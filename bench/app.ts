import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import {
  CommitSeam,
  CrmClients,
  LoginThrottle,
  createApp,
  createSecretBox,
  openDatabase,
  uuidv7,
  type AppDeps,
} from '@kanjo/server';

export const benchCredentials = { email: 'bench@bench.example', password: 'bench password 1' };

/** A fixed key for sealing the emulator's CRM secrets (never a real one). */
const BENCH_SECRET_KEY = new Uint8Array(32).fill(11);

/**
 * The real server app on a fresh SQLite file, with one signed-up organization.
 * It can keep CRM secrets, so the CRM routes and `runCrmSync({ deps })` work.
 */
export async function benchApp({
  staticDir,
  publicUrl,
}: { staticDir?: string; publicUrl?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-bench-'));
  const { db, sqlite } = await openDatabase({ filename: join(dir, 'kanjo.sqlite') });
  const log = { info: () => {}, error: () => {} };
  const deps: AppDeps = {
    db,
    clock: () => new Date(),
    newId: () => uuidv7(),
    throttle: new LoginThrottle(),
    log,
    commits: new CommitSeam(log),
    secrets: createSecretBox(BENCH_SECRET_KEY),
    crmClients: new CrmClients(),
    ...(staticDir ? { staticDir } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  };
  const app = createApp(deps);
  const signup = await app.request('http://127.0.0.1/api/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organizationName: 'Bench', ...benchCredentials, baseCurrency: 'JPY' }),
  });
  if (signup.status !== 201) throw new Error(`bench signup failed: ${signup.status}`);
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await signup.json()) as { organization: { id: string }; user: { id: string } };
  const headers = { 'content-type': 'application/json', cookie };
  /** A JSON request as the signed-up owner, in process; an answer other than 2xx throws. */
  const api = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const res = await app.request(`http://127.0.0.1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    app,
    deps,
    dir,
    sqlite,
    organizationId: me.organization.id,
    userId: me.user.id,
    headers,
    api,
  };
}

type BenchApp = Awaited<ReturnType<typeof benchApp>>;

/**
 * `benchApp` listening on a free port, its address as `PUBLIC_URL`: the CRM
 * keeps notification channels to it and calls back over real HTTP.
 */
export async function servedBenchApp(): Promise<BenchApp & { close: () => Promise<void> }> {
  // The public URL names the port, known only once bound: the app comes after.
  const holder: { app?: BenchApp['app'] } = {};
  const server = serve({
    fetch: (req) =>
      holder.app ? holder.app.fetch(req) : new Response('starting', { status: 503 }),
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kanjo = await benchApp({ publicUrl }).catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  holder.app = kanjo.app;
  return { ...kanjo, close: () => closeServer(server) };
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections (the CRM's callbacks) would hold `close` open.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
