import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginThrottle, createApp, openDatabase, uuidv7 } from '@kanjo/server';

export const benchCredentials = { email: 'bench@bench.example', password: 'bench password 1' };

/** The real server app on a fresh SQLite file, with one signed-up organization. */
export async function benchApp({ staticDir }: { staticDir?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-bench-'));
  const { db, sqlite } = await openDatabase({ filename: join(dir, 'kanjo.sqlite') });
  const app = createApp({
    db,
    clock: () => new Date(),
    newId: () => uuidv7(),
    throttle: new LoginThrottle(),
    log: { info: () => {}, error: () => {} },
    ...(staticDir ? { staticDir } : {}),
  });
  const signup = await app.request('http://127.0.0.1/api/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organizationName: 'Bench', ...benchCredentials, baseCurrency: 'JPY' }),
  });
  if (signup.status !== 201) throw new Error(`bench signup failed: ${signup.status}`);
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { app, dir, sqlite, headers: { 'content-type': 'application/json', cookie } };
}
