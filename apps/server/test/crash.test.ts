import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids';
import { onSqlite } from './helpers';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KANJO_DEMO: '0',
      STATIC_DIR: join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}

async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function listAll(base: string, cookie: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${base}/api/customers?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await (await fetch(url, { headers: { cookie } })).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

// Its server keeps a SQLite file in a data directory, checked with SQLite's own integrity_check.
describe.skipIf(!onSqlite)('crash safety of the SQLite file', () => {
  it('keeps every acknowledged write through kill -9, with an intact database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-crash-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const email = 'crash@example.com';
    const password = 'a long enough password';

    let server = await startServer(dataDir, port);
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Crash Co', email, password, baseCurrency: 'JPY' }),
    });
    expect(signup.status).toBe(201);

    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const cookie = await login(base, email, password);
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          // A new row's id from a client is a UUID; the name says which worker wrote it.
          const id = uuidv7();
          const label = `r${round}-w${w}-${i}`;
          try {
            const res = await fetch(`${base}/api/customers`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie },
              body: JSON.stringify({
                id,
                kind: 'business',
                displayName: `Crash ${label}`,
                contactPersons: [],
                customFields: {},
              }),
            });
            if (res.status === 201) acknowledged.push(id);
          } catch {
            return; // the server is gone: this write was never acknowledged
          }
        }
      };
      const workers = [0, 1, 2, 3].map(worker);
      await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
      await killHard(server);
      stop = true;
      await Promise.all(workers);

      const sqlite = new SQLite(join(dataDir, 'kanjo.sqlite'));
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      sqlite.close();

      server = await startServer(dataDir, port);
      const present = await listAll(base, await login(base, email, password));
      const seen = new Set(present);
      expect(present.length).toBe(seen.size); // each exactly once
      const missing = acknowledged.filter((id) => !seen.has(id));
      expect(missing).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    await killHard(server);
  }, 120_000);
});
