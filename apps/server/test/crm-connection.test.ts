import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmClientFor } from '../src/crm/crm-clients';
import { startEmbeddedEmulator } from '../src/crm/embedded-emulator';
import { createSecretBox } from '../src/crm/secret-box';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '../src/demo/seed';
import { uuidv7 } from '../src/ids';
import type { Logger } from '../src/log';
import {
  ownerWithCrmUser as crmUserFor,
  startTestEmulator,
  useTestEmulator,
  type TestEmulator,
} from './crm-connection-setup';
import { Client, makeTestApp, signUp, type TestApp } from './helpers';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const emulator = useTestEmulator();

/** Every response body a test saw, for the "never in clear" scan. */
const bodies: string[] = [];
function track(client: Client): Client {
  const request = client.request.bind(client);
  client.request = async (...args: Parameters<Client['request']>) => {
    const res = await request(...args);
    bodies.push(JSON.stringify(res.json ?? null));
    return res;
  };
  return client;
}

async function ownerWithCrmUser(t?: TestApp, via: TestEmulator = emulator) {
  const setup = await crmUserFor(via, t);
  track(setup.owner);
  return { ...setup, email: setup.ownerEmail };
}

async function connected(via: TestEmulator = emulator) {
  const setup = await ownerWithCrmUser(undefined, via);
  const res = await setup.owner.put('/api/crm/connection', setup.body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return setup;
}

async function member(t: TestApp, owner: Client, role: 'admin' | 'sales') {
  const invite = await owner.post('/api/users', { email: `${role}-${uuidv7()}@example.com`, role });
  const client = track(new Client(t.app));
  await client.post('/api/auth/accept-invite', {
    token: invite.json.invitation.token,
    password: 'a long enough password',
  });
  return client;
}

const rowCount = async (t: TestApp) =>
  (await t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_connections'))?.n;

describe('connecting', () => {
  it('connects with a refresh token and reports the CRM org, currency and user', async () => {
    const { owner, email, body, crm } = await ownerWithCrmUser();
    expect((await owner.get('/api/crm/connection')).json).toEqual({ connection: null });

    const res = await owner.put('/api/crm/connection', body);
    expect(res.status).toBe(200);
    expect(res.json.connection).toMatchObject({
      provider: 'zoho',
      status: 'connected',
      email,
      apiDomain: emulator.url,
      accountsUrl: emulator.url,
      clientId: crm.client_id,
      clientSecretSet: true,
      refreshTokenSet: true,
      crmOrg: {
        id: '900000001',
        name: 'Kanjo Demo CRM',
        currency: 'JPY',
        multiCurrency: false,
        timeZone: 'Asia/Tokyo',
      },
      crmUser: { email },
      connectedBy: { email },
      disabledAt: null,
    });
    expect(res.json.connection.crmUser.id).toEqual(expect.any(String));
    expect(res.json.connection.verifiedAt).toEqual(expect.any(String));
    expect((await owner.get('/api/crm/connection')).json).toEqual(res.json);
  });

  it('reads the base currency from /org/currencies when multi-currency is on', async () => {
    const own = await startTestEmulator({
      org: { multiCurrency: true, isoCode: 'INR', currencySymbol: '₹', timeZone: 'Asia/Kolkata' },
    });
    try {
      const { owner, body } = await ownerWithCrmUser(undefined, own);
      const res = await owner.put('/api/crm/connection', body);
      expect(res.status).toBe(200);
      expect(res.json.connection.crmOrg).toMatchObject({
        currency: 'INR',
        multiCurrency: true,
        timeZone: 'Asia/Kolkata',
      });
    } finally {
      await own.close();
    }
  });

  it('connects with a one-time grant code', async () => {
    const { owner, body, crm } = await ownerWithCrmUser();
    const { refreshToken: _none, ...rest } = body;
    const code = await emulator.grantCode(crm.client_id);
    const res = await owner.put('/api/crm/connection', { ...rest, grantCode: code });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.connection.status).toBe('connected');
    // The refresh token the exchange returned was kept: the connection works later.
    expect((await owner.post('/api/crm/connection/test')).status).toBe(200);
    // A grant code works once.
    const again = await owner.put('/api/crm/connection', { ...rest, grantCode: code });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('CRM_AUTH_FAILED');
  });

  it('matches the CRM user email case-insensitively', async () => {
    const { owner, body, email } = await ownerWithCrmUser();
    const res = await owner.put('/api/crm/connection', { ...body, email: email.toUpperCase() });
    expect(res.status).toBe(200);
  });

  it('answers CRM_AUTH_FAILED for a wrong client secret, storing nothing', async () => {
    const { t, owner, body } = await ownerWithCrmUser();
    const res = await owner.put('/api/crm/connection', { ...body, clientSecret: 'wrong' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CRM_AUTH_FAILED');
    expect(res.json.error.message).toMatch(/Zoho CRM refused the credentials: invalid_client/);
    expect(res.json.error.details).toEqual({ providerCode: 'invalid_client' });
    expect(await rowCount(t)).toBe(0);
    expect((await owner.get('/api/crm/connection')).json).toEqual({ connection: null });
  });

  it('answers CRM_USER_MISMATCH naming both emails when the token is someone else’s', async () => {
    const { t, owner, body, email } = await ownerWithCrmUser();
    const res = await owner.put('/api/crm/connection', { ...body, email: 'someone@example.com' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CRM_USER_MISMATCH');
    expect(res.json.error.message).toContain(email);
    expect(res.json.error.message).toContain('someone@example.com');
    expect(await rowCount(t)).toBe(0);
  });

  it('answers 502 CRM_UNAVAILABLE for a CRM nobody answers at', async () => {
    const { t, owner, body } = await ownerWithCrmUser();
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const res = await owner.put('/api/crm/connection', {
      ...body,
      apiDomain: dead,
      accountsUrl: dead,
    });
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('CRM_UNAVAILABLE');
    expect(await rowCount(t)).toBe(0);
  });

  it('leaves an existing connection untouched when a change fails', async () => {
    const { t, owner, body } = await connected();
    const before = await t.sql.all('SELECT * FROM crm_connections');
    for (const bad of [
      { ...body, clientSecret: 'wrong' },
      { ...body, email: 'other@example.com' },
      { ...body, refreshToken: 'not-a-token' },
    ]) {
      expect((await owner.put('/api/crm/connection', bad)).status).toBe(400);
    }
    expect(await t.sql.all('SELECT * FROM crm_connections')).toEqual(before);
  });

  it('keeps the stored secrets when a change omits them', async () => {
    const { t, owner, body, email } = await connected();
    const { clientSecret: _s, refreshToken: _r, ...withoutSecrets } = body;
    const before = await crmClientFor(t.deps, (await owner.get('/api/me')).json.organization.id);
    const res = await owner.put('/api/crm/connection', {
      ...withoutSecrets,
      email: `  ${email.toUpperCase()}  `,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.connection.email).toBe(email.toUpperCase());
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    const after = await crmClientFor(t.deps, organizationId);
    // Re-sealed credentials mean a new cached client; the kept secrets still work.
    expect(after).not.toBe(before);
    expect(await crmClientFor(t.deps, organizationId)).toBe(after);
    expect((await after.currentUser()).email).toBe(email);
  });
});

describe('who may see and change it', () => {
  it('lets every member read it and only owners and admins change it', async () => {
    const { t, owner, body } = await ownerWithCrmUser();
    const sales = await member(t, owner, 'sales');
    expect((await sales.put('/api/crm/connection', body)).status).toBe(403);
    expect(await rowCount(t)).toBe(0);
    const admin = await member(t, owner, 'admin');
    expect((await admin.put('/api/crm/connection', body)).status).toBe(200);
    const read = await sales.get('/api/crm/connection');
    expect(read.status).toBe(200);
    expect(read.json.connection.status).toBe('connected');
    for (const path of ['disable', 'enable', 'test']) {
      const res = await sales.post(`/api/crm/connection/${path}`);
      expect(res.status, path).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
    }
    expect((await sales.delete('/api/crm/connection')).status).toBe(403);
    expect((await new Client(t.app).get('/api/crm/connection')).status).toBe(401);
  });

  it('never shows one organization another’s connection', async () => {
    const { t, owner } = await connected();
    const other = await signUp(t.app);
    track(other.client);
    expect((await other.client.get('/api/crm/connection')).json).toEqual({ connection: null });
    for (const path of ['disable', 'enable', 'test']) {
      const res = await other.client.post(`/api/crm/connection/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe('CRM_NOT_CONNECTED');
    }
    expect((await other.client.delete('/api/crm/connection')).status).toBe(404);
    const otherOrg = (await other.client.get('/api/me')).json.organization.id as string;
    await expect(crmClientFor(t.deps, otherOrg)).rejects.toMatchObject({
      code: 'CRM_NOT_CONNECTED',
    });
    expect((await owner.get('/api/crm/connection')).json.connection.status).toBe('connected');
  });
});

describe('validation', () => {
  it.each([
    ['a URL with a path', { apiDomain: 'https://www.zohoapis.com/crm/v8' }, 'apiDomain'],
    ['a non-http URL', { accountsUrl: 'ftp://accounts.zoho.com' }, 'accountsUrl'],
    ['no scheme', { accountsUrl: 'accounts.zoho.com' }, 'accountsUrl'],
    ['a query', { apiDomain: 'https://www.zohoapis.com/?x=1' }, 'apiDomain'],
    ['both refreshToken and grantCode', { grantCode: '1000.abc' }, 'grantCode'],
    ['a bad email', { email: 'nobody' }, 'email'],
    ['an unknown field', { scope: 'ZohoCRM.modules.ALL' }, 'scope'],
    ['an empty client id', { clientId: '  ' }, 'clientId'],
  ])('refuses %s with VALIDATION_FAILED', async (_what, change, field) => {
    const { t, owner, body } = await ownerWithCrmUser();
    const res = await owner.put('/api/crm/connection', { ...body, ...change });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await rowCount(t)).toBe(0);
  });

  it('needs a client secret and a refresh token or grant code for a new connection', async () => {
    const { owner, body } = await ownerWithCrmUser();
    const { refreshToken: _r, ...noToken } = body;
    const res = await owner.put('/api/crm/connection', noToken);
    expect(res.status).toBe(400);
    expect(res.json.error.details.fields[0].path).toBe('refreshToken');
    const { clientSecret: _s, ...noSecret } = body;
    const res2 = await owner.put('/api/crm/connection', noSecret);
    expect(res2.json.error.details.fields[0].path).toBe('clientSecret');
  });

  it('trims and normalises the URLs', async () => {
    const { owner, body } = await ownerWithCrmUser();
    const res = await owner.put('/api/crm/connection', {
      ...body,
      apiDomain: ` ${body.apiDomain}/ `,
      accountsUrl: `${body.accountsUrl.toUpperCase().replace('HTTP://', 'http://')}`,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.connection.apiDomain).toBe(body.apiDomain);
  });
});

describe('disable, enable, test, delete', () => {
  it('stops CRM work at once when disabled and re-verifies on enable', async () => {
    const { t, owner } = await connected();
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    await crmClientFor(t.deps, organizationId);

    const disabled = await owner.post('/api/crm/connection/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.json.connection.status).toBe('disabled');
    expect(disabled.json.connection.disabledAt).toEqual(expect.any(String));
    expect((await owner.get('/api/crm/connection')).json.connection.status).toBe('disabled');
    await expect(crmClientFor(t.deps, organizationId)).rejects.toMatchObject({
      code: 'CRM_DISABLED',
    });
    const test = await owner.post('/api/crm/connection/test');
    expect(test.status).toBe(409);
    expect(test.json.error.code).toBe('CRM_DISABLED');

    t.clock.advance(60_000);
    const enabled = await owner.post('/api/crm/connection/enable');
    expect(enabled.status).toBe(200);
    expect(enabled.json.connection).toMatchObject({ status: 'connected', disabledAt: null });
    expect(enabled.json.connection.verifiedAt).toBe(t.clock.now().toISOString());
    const crm = await crmClientFor(t.deps, organizationId);
    expect((await crm.org()).id).toBe('900000001');
  });

  it('stays disabled when enabling cannot verify', async () => {
    const own = await startTestEmulator();
    const { owner } = await connected(own);
    expect((await owner.post('/api/crm/connection/disable')).status).toBe(200);
    await own.close();
    const res = await owner.post('/api/crm/connection/enable');
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('CRM_UNAVAILABLE');
    expect((await owner.get('/api/crm/connection')).json.connection.status).toBe('disabled');
  });

  it('tests the connection with a fresh verifiedAt', async () => {
    const { t, owner } = await connected();
    t.clock.advance(5_000);
    const res = await owner.post('/api/crm/connection/test');
    expect(res.status).toBe(200);
    expect(res.json.connection.verifiedAt).toBe(t.clock.now().toISOString());
    expect(res.json.connection.updatedAt).not.toBe(res.json.connection.verifiedAt);
  });

  it('forgets the connection and its secrets on delete', async () => {
    const { t, owner } = await connected();
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    expect((await owner.delete('/api/crm/connection')).status).toBe(204);
    expect((await owner.get('/api/crm/connection')).json).toEqual({ connection: null });
    expect(await rowCount(t)).toBe(0);
    await expect(crmClientFor(t.deps, organizationId)).rejects.toMatchObject({
      code: 'CRM_NOT_CONNECTED',
    });
    expect((await owner.delete('/api/crm/connection')).json.error.code).toBe('CRM_NOT_CONNECTED');
    expect((await owner.post('/api/crm/connection/disable')).status).toBe(404);
  });
});

describe('secrets at rest', () => {
  it('never stores or answers the client secret or refresh token in clear', async () => {
    const { t, owner, crm } = await connected();
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    await (await crmClientFor(t.deps, organizationId)).currentUser();
    await owner.post('/api/crm/connection/test');
    await owner.get('/api/crm/connection');
    const secrets = [crm.client_secret, crm.refresh_token];

    const tables = (await t.db.introspection.getTables({ withInternalKyselyTables: true })).filter(
      (table) => !table.isView,
    );
    expect(tables.map((x) => x.name)).toContain('crm_connections');
    let cells = 0;
    for (const { name } of tables) {
      for (const row of await t.sql.all(`SELECT * FROM "${name}"`)) {
        for (const value of Object.values(row)) {
          cells += 1;
          const text = value instanceof Uint8Array ? Buffer.from(value).toString() : String(value);
          for (const secret of secrets) expect(text, `${name}`).not.toContain(secret);
        }
      }
    }
    expect(cells).toBeGreaterThan(20);
    for (const file of [t.file, `${t.file}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file).toString('latin1');
      for (const secret of secrets) expect(bytes.includes(secret), file).toBe(false);
    }
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) {
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  });

  it('cannot open the secrets with another key', async () => {
    const { t, owner } = await connected();
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    const restarted = await makeTestApp({ file: t.file, secretKey: new Uint8Array(32).fill(9) });
    const client = new Client(restarted.app);
    client.cookie = owner.cookie;
    const res = await client.post('/api/crm/connection/test');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CRM_SECRETS_UNREADABLE');
    await expect(crmClientFor(restarted.deps, organizationId)).rejects.toMatchObject({
      code: 'CRM_SECRETS_UNREADABLE',
    });
  });
});

describe('restarts', () => {
  it('reuses the kept access token instead of refreshing (Zoho allows 10 per 10 minutes)', async () => {
    const { t, owner } = await connected();
    const organizationId = (await owner.get('/api/me')).json.organization.id as string;
    const calls = await emulator.tokenCalls();

    const second = await makeTestApp({ file: t.file });
    const client = new Client(second.app);
    client.cookie = owner.cookie;
    expect((await client.post('/api/crm/connection/test')).status).toBe(200);
    await (await crmClientFor(second.deps, organizationId)).currentUser();
    expect(await emulator.tokenCalls()).toBe(calls);

    // An expired token is refreshed once, and the new one is kept for the next start.
    second.clock.advance(2 * 60 * 60 * 1000);
    const crm = await crmClientFor(second.deps, organizationId);
    await crm.currentUser();
    expect(await emulator.tokenCalls()).toBe(calls + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = await makeTestApp({ file: t.file });
    third.clock.advance(2 * 60 * 60 * 1000);
    await (await crmClientFor(third.deps, organizationId)).currentUser();
    expect(await emulator.tokenCalls()).toBe(calls + 1);
  });
});

describe('OpenAPI', () => {
  it('documents the CRM connection routes', async () => {
    const { app } = await makeTestApp();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/crm/connection'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'put',
    ]);
    for (const action of ['disable', 'enable', 'test']) {
      expect(doc.paths[`/api/crm/connection/${action}`], action).toHaveProperty('post');
    }
  });
});

describe('the embedded default', () => {
  function recordingLogger() {
    const lines: string[] = [];
    const log: Logger = {
      info: (message) => lines.push(message),
      error: (message) => lines.push(message),
    };
    return { lines, log };
  }

  it('starts a seeded emulator and connects the demo organization through connectCrm', async () => {
    const t = await makeTestApp();
    await seedDemo(t.deps, { now: t.clock.now(), newId: () => uuidv7() });
    const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-embedded-'));
    const { lines, log } = recordingLogger();
    const deps = {
      db: t.db,
      clock: t.clock.now,
      secrets: createSecretBox(new Uint8Array(32)),
      log,
    };
    const t2 = await makeTestApp({ file: t.file, secretKey: new Uint8Array(32) });

    const first = await startEmbeddedEmulator({ dataDir, port: 0, demoEmail: DEMO_EMAIL, deps });
    expect(first).toBeDefined();
    expect(lines).toContain(
      `CRM emulator (Zoho CRM v8) at ${first?.url ?? ''} — demo organization connected`,
    );
    const demo = track(new Client(t2.app));
    expect(
      (await demo.post('/api/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status,
    ).toBe(200);
    const res = await demo.get('/api/crm/connection');
    expect(res.json.connection).toMatchObject({
      status: 'connected',
      email: DEMO_EMAIL,
      apiDomain: first?.url,
      crmUser: { email: DEMO_EMAIL },
      crmOrg: { currency: 'JPY' },
    });
    // The demo CRM has records: the emulator was seeded.
    const organizationId = (await demo.get('/api/me')).json.organization.id as string;
    const crm = await crmClientFor(t2.deps, organizationId);
    const accounts = [];
    for await (const a of crm.listAll('Accounts', { fields: ['Account_Name'] })) accounts.push(a);
    expect(accounts.length).toBeGreaterThan(0);
    await first?.close();

    // A second start on the same data and port keeps the connection it has.
    const port = Number(new URL(first?.url ?? '').port);
    const second = await startEmbeddedEmulator({ dataDir, port, demoEmail: DEMO_EMAIL, deps });
    expect(lines.at(-1)).toContain('demo organization already connected');
    await second?.close();

    // On another port (CRM_EMULATOR_PORT changed), the demo connection follows it.
    const third = await startEmbeddedEmulator({ dataDir, port: 0, demoEmail: DEMO_EMAIL, deps });
    expect(lines.at(-1)).toContain('— demo organization connected');
    expect((await demo.get('/api/crm/connection')).json.connection.apiDomain).toBe(third?.url);
    await third?.close();
  });

  it('warns and carries on when its port is taken', async () => {
    const t = await makeTestApp();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const { lines, log } = recordingLogger();
    try {
      const started = await startEmbeddedEmulator({
        dataDir: mkdtempSync(join(tmpdir(), 'kanjo-embedded-')),
        port,
        demoEmail: DEMO_EMAIL,
        deps: { db: t.db, clock: t.clock.now, secrets: createSecretBox(new Uint8Array(32)), log },
      });
      expect(started).toBeUndefined();
      expect(lines.join('\n')).toMatch(new RegExp(`could not listen on 127.0.0.1:${port}`));
      expect(lines.join('\n')).toMatch(/port is taken/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
