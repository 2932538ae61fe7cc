import { describe, expect, it } from 'vitest';
import { crmClientFor } from '../src/crm/crm-clients';
import { verifyCrm } from '../src/crm/verify';
import {
  connectedOrg,
  startTestEmulator,
  useCaptureListeners,
  useTestEmulator,
  withoutSecrets,
} from './crm-connection-setup';

const emulator = useTestEmulator();
const capture = useCaptureListeners();

describe('stored secrets stay with the hosts they were stored for', () => {
  it.each([
    ['the accounts URL', (url: string) => ({ accountsUrl: url })],
    ['the API domain', (url: string) => ({ apiDomain: url })],
    ['both', (url: string) => ({ accountsUrl: url, apiDomain: url })],
  ])('sends nothing to a new host when %s changes without the secrets', async (_what, hosts) => {
    const { t, owner, body, crm } = await connectedOrg(emulator);
    const host = await capture();
    const before = await t.sql.all('SELECT * FROM crm_connections');

    const res = await owner.put('/api/crm/connection', {
      ...withoutSecrets(body),
      ...hosts(host.url),
    });

    for (const text of host.seen()) {
      expect(text).not.toContain(crm.refresh_token);
      expect(text).not.toContain(crm.client_secret);
    }
    expect(host.requests).toEqual([]);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CRM_SECRETS_REQUIRED');
    expect(res.json.error.message).toMatch(/client secret/i);
    expect(res.json.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'clientSecret',
      'refreshToken',
    ]);
    expect(await t.sql.all('SELECT * FROM crm_connections')).toEqual(before);
  });

  it('refuses a new host with only one of the two secrets, naming the missing one', async () => {
    const { owner, body, crm } = await connectedOrg(emulator);
    const host = await capture();
    const { refreshToken: _r, ...secretOnly } = body;
    const res = await owner.put('/api/crm/connection', { ...secretOnly, accountsUrl: host.url });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CRM_SECRETS_REQUIRED');
    expect(res.json.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'refreshToken',
    ]);
    const { clientSecret: _s, ...tokenOnly } = body;
    const res2 = await owner.put('/api/crm/connection', { ...tokenOnly, apiDomain: host.url });
    expect(res2.status).toBe(400);
    expect(res2.json.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'clientSecret',
    ]);
    expect(host.requests).toEqual([]);
    for (const text of host.seen()) expect(text).not.toContain(crm.client_secret);
  });

  it('moves to a new host when the secrets come with it', async () => {
    const { owner, organizationId, t, ownerEmail } = await connectedOrg(emulator);
    const other = await startTestEmulator();
    try {
      const crm = await other.newClient(ownerEmail);
      const res = await owner.put('/api/crm/connection', {
        email: ownerEmail,
        apiDomain: other.url,
        accountsUrl: other.url,
        clientId: crm.client_id,
        clientSecret: crm.client_secret,
        refreshToken: crm.refresh_token,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.connection).toMatchObject({ apiDomain: other.url, accountsUrl: other.url });
      const client = await crmClientFor(t.deps, organizationId);
      expect((await client.currentUser()).email).toBe(ownerEmail);
    } finally {
      await other.close();
    }
  });

  it('keeps the stored secrets for a change on the same hosts', async () => {
    const { owner, body } = await connectedOrg(emulator);
    const res = await owner.put('/api/crm/connection', {
      ...withoutSecrets(body),
      email: body.email.toUpperCase(),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  });

  it('never uses stored secrets once the stored hosts were altered at rest', async () => {
    const { t, owner, organizationId, crm } = await connectedOrg(emulator);
    const host = await capture();
    await t.sql.run(
      'UPDATE crm_connections SET accounts_url = ?, api_domain = ?, access_token_enc = NULL',
      host.url,
      host.url,
    );
    t.deps.crmClients?.forget(organizationId);

    const res = await owner.post('/api/crm/connection/test');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CRM_SECRETS_HOST_MISMATCH');
    await expect(crmClientFor(t.deps, organizationId)).rejects.toMatchObject({
      code: 'CRM_SECRETS_HOST_MISMATCH',
    });
    // Reconnecting after a disable uses the stored secrets too: refused the same way.
    expect((await owner.post('/api/crm/connection/disable')).status).toBe(200);
    const enable = await owner.post('/api/crm/connection/enable');
    expect(enable.json.error.code).toBe('CRM_SECRETS_HOST_MISMATCH');
    expect((await owner.get('/api/crm/connection')).json.connection.status).toBe('disabled');
    expect(host.requests).toEqual([]);
    for (const text of host.seen()) expect(text).not.toContain(crm.refresh_token);
  });

  it('follows no redirect from a stored host: the token request body goes nowhere else', async () => {
    const elsewhere = await capture();
    const redirector = await capture(() => ({
      status: 307,
      headers: { location: `${elsewhere.url}/oauth/v2/token` },
    }));
    const credentials = {
      accountsUrl: redirector.url,
      apiDomain: redirector.url,
      clientId: 'client-id',
      clientSecret: 'the-client-secret',
    };
    await expect(
      verifyCrm({
        credentials,
        secret: { refreshToken: 'the-refresh-token' },
        expectedEmail: 'owner@example.com',
        clock: () => new Date(),
      }),
    ).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(elsewhere.requests).toEqual([]);
  });

  it('seals secrets stored before origins were bound in again, bound, at the next test', async () => {
    const { t, owner, organizationId, crm } = await connectedOrg(emulator);
    const box = t.deps.secrets;
    if (!box) throw new Error('the test app has a secret box');
    // As a connection saved by an earlier version kept them: sealed without origins.
    await t.sql.run(
      'UPDATE crm_connections SET client_secret_enc = ?, refresh_token_enc = ?, access_token_enc = NULL',
      box.seal(crm.client_secret, { organizationId, purpose: 'client_secret' }),
      box.seal(crm.refresh_token, { organizationId, purpose: 'refresh_token' }),
    );
    expect((await owner.post('/api/crm/connection/test')).status).toBe(200);
    const row = (await t.sql.one(
      'SELECT client_secret_enc AS s, refresh_token_enc AS r FROM crm_connections',
    )) as { s: string; r: string };
    const opened = box.open(row.r, { organizationId, purpose: 'refresh_token' });
    expect(JSON.parse(opened.slice(opened.indexOf(':') + 1))).toEqual({
      accountsUrl: emulator.url,
      apiDomain: emulator.url,
      value: crm.refresh_token,
    });
    expect(box.open(row.s, { organizationId, purpose: 'client_secret' })).toContain(emulator.url);
    // Moving that legacy row elsewhere is refused like any other.
    const host = await capture();
    await t.sql.run('UPDATE crm_connections SET accounts_url = ?', host.url);
    expect((await owner.post('/api/crm/connection/test')).json.error.code).toBe(
      'CRM_SECRETS_HOST_MISMATCH',
    );
    expect(host.requests).toEqual([]);
  });
});
