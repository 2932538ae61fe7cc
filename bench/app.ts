import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
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
export async function benchApp({ staticDir }: { staticDir?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-bench-'));
  const { db, sqlite } = await openDatabase({ filename: join(dir, 'kanjo.sqlite') });
  const deps: AppDeps = {
    db,
    clock: () => new Date(),
    newId: () => uuidv7(),
    throttle: new LoginThrottle(),
    log: { info: () => {}, error: () => {} },
    secrets: createSecretBox(BENCH_SECRET_KEY),
    crmClients: new CrmClients(),
    ...(staticDir ? { staticDir } : {}),
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
  return {
    app,
    deps,
    dir,
    sqlite,
    organizationId: me.organization.id,
    userId: me.user.id,
    headers: { 'content-type': 'application/json', cookie },
  };
}
