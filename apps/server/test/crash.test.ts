import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids';
import { onSqlite } from './helpers';
import { freePort, startServerProcess } from './server-process';

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

    let server = await startServerProcess({ dataDir, port });
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
      await server.kill();
      stop = true;
      await Promise.all(workers);

      const sqlite = new SQLite(join(dataDir, 'kanjo.sqlite'));
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      sqlite.close();

      server = await startServerProcess({ dataDir, port });
      const present = await listAll(base, await login(base, email, password));
      const seen = new Set(present);
      expect(present.length).toBe(seen.size); // each exactly once
      const missing = acknowledged.filter((id) => !seen.has(id));
      expect(missing).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    await server.kill();
  }, 120_000);
});
