import { createHash } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerArgs } from '@kanjo/core/testing';
import { openDatabase } from '../src/db/database';
import { uuidv7 } from '../src/ids';
import type { Logger } from '../src/log';
import { Client, makeTestApp, onSqlite, signUp } from './helpers';
import { SyncClient } from './sync-client';

/** A logger that keeps every line it is given, as the console would print it. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>) =>
    lines.push(fields ? `${message} ${JSON.stringify(fields)}` : message);
  return { lines, info: write, error: write };
}

const BOOT = '\n{ window.booted = true; }\n';
function builtPwa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-static-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><script src="/_app/x.js"></script></head><body><script>${BOOT}</script></body></html>`,
  );
  return dir;
}

/** Nested arrays `depth` levels deep around a value. */
const nested = (depth: number): unknown =>
  JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;

describe('the edge: what the server answers to malformed requests', () => {
  it('answers 400 to paths that are not valid percent-encoded UTF-8, and logs no error', async () => {
    const log = capturingLogger();
    const { app } = await makeTestApp({ log, staticDir: builtPwa() });
    for (const path of ['/%FF', '/%', '/crm-panel/%FF', '/invoices/%E0%A4%A']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_PATH');
    }
    expect(log.lines).toEqual([]);
    expect((await app.request('/invoices/%E6%97%A5')).status).toBe(200);
  });

  it('gives pages a Content-Security-Policy that allows just their own inline boot script', async () => {
    const { app } = await makeTestApp({ staticDir: builtPwa() });
    const res = await app.request('/invoices');
    const csp = res.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(BOOT).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');

    // The CRM panel keeps the policy; only who may frame it changes.
    const panel = await app.request('/crm-panel?org=nope');
    const panelCsp = panel.headers.get('content-security-policy') ?? '';
    expect(panelCsp).toContain(`'sha256-${hash}'`);
    expect(panelCsp).toContain("frame-ancestors 'self'");
    expect(panelCsp).not.toContain("frame-ancestors 'none'");

    const api = await app.request('/api/health');
    expect(api.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('parses a body as JSON only when its media type is application/json', async () => {
    const { app } = await makeTestApp();
    const login = JSON.stringify({ email: 'a@example.com', password: 'x' });
    for (const type of [
      'text/plain; x=application/json',
      'text/plain;application/json',
      'application/jsonp',
    ]) {
      const res = await new Client(app).request('POST', '/api/auth/login', login, {
        'content-type': type,
      });
      expect(res.status, type).toBe(415);
      expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const ok = await new Client(app).request('POST', '/api/auth/login', login, {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(ok.status).toBe(401);
  });

  it('refuses bodies nested deeper than 32 levels with 400 at the edge, never "try again"', async () => {
    const { app } = await makeTestApp();
    const { client } = await signUp(app);
    const sync = new SyncClient(client);
    const mutation = { seq: 1, name: 'customer.create', entityId: uuidv7(), baseVersion: 0 };
    const args = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const body = `{"clientId":"${sync.clientId}","mutations":[${JSON.stringify(mutation).slice(0, -1)},"args":${args}}]}`;
    const deep = await client.request('POST', '/api/sync/push', body);
    expect(deep.status).toBe(400);
    expect(deep.json.error).toMatchObject({ code: 'JSON_TOO_DEEP', details: { maxDepth: 32 } });

    const rest = await client.post('/api/customers', { ...customerArgs(), extra: nested(40) });
    expect(rest.status).toBe(400);
    expect(rest.json.error.code).toBe('JSON_TOO_DEEP');

    // Nothing was applied or settled: the same client pushes a sane edit as seq 1.
    const fresh = new SyncClient(client, sync.clientId);
    fresh.enqueue('customer.create', uuidv7(), customerArgs());
    const res = await fresh.push();
    expect(res.status).toBe(200);
    expect(res.json.lastSeq).toBe(1);
  });
});

// The SQLite files' modes: on Postgres the server owns its files.
describe.skipIf(!onSqlite)('the SQLite database files', () => {
  it('are readable by their owner only, new or existing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanjo-mode-'));
    const file = join(dir, 'kanjo.sqlite');
    const { db, sqlite } = await openDatabase({ filename: file });
    await db.selectFrom('organizations').select('id').execute();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
    sqlite.close();

    const old = join(dir, 'old.sqlite');
    writeFileSync(old, '', { mode: 0o644 });
    const reopened = await openDatabase({ filename: old });
    expect(statSync(old).mode & 0o777).toBe(0o600);
    reopened.sqlite.close();
  });
});

describe('CRM callbacks from strangers', () => {
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
  const post = (
    app: Awaited<ReturnType<typeof makeTestApp>>['app'],
    path: string,
    address: string,
  ) =>
    app.request(
      path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel_id: '1',
          token: 't',
          module: 'Deals',
          ids: ['1'],
          operation: 'update',
        }),
      },
      from(address),
    );

  it('log one short line per refusal, never the request itself', async () => {
    const log = capturingLogger();
    const { app } = await makeTestApp({ log });
    const huge = `/hooks/crm/${'a'.repeat(15_000)}`;
    expect((await post(app, huge, '203.0.113.7')).status).toBe(404);
    expect((await post(app, `/hooks/crm/${uuidv7()}`, '203.0.113.7')).status).toBe(404);
    expect(log.lines).toHaveLength(2);
    for (const line of log.lines) expect(line.length).toBeLessThan(300);
    expect(log.lines[1]).toContain('CRM_CHANNEL_UNKNOWN');
  });

  it('answer 429 to an address after 30 refusals in a minute, and not to others', async () => {
    const log = capturingLogger();
    const t = await makeTestApp({ log });
    const path = `/hooks/crm/${uuidv7()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(t.app, path, '198.51.100.1')).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    expect(log.lines).toHaveLength(30);
    expect((await post(t.app, path, '::ffff:198.51.100.2')).status).toBe(404);

    t.clock.advance(60_000);
    expect((await post(t.app, path, '198.51.100.1')).status).toBe(404);
  });
});
