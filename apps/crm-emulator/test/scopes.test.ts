import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

/** Zoho's answer to a token whose scopes do not cover the URL. */
const MISMATCH = {
  code: 'OAUTH_SCOPE_MISMATCH',
  details: {},
  message: 'invalid oauth scope to access this URL',
  status: 'error',
};

const account = { data: [{ Account_Name: 'Scoped KK' }] };

describe('OAuth scopes on tokens', () => {
  it('a token answer names the scopes its grant was made for', async () => {
    const t = await setupEmulator();
    const limited = await t.login(undefined, ['ZohoCRM.modules.accounts.READ', 'ZohoCRM.org.READ']);
    const answer = (await (await limited.refresh()).json()) as Record<string, unknown>;
    expect(answer.scope).toBe('ZohoCRM.modules.accounts.READ ZohoCRM.org.READ');
    const full = (await (await t.refresh()).json()) as Record<string, unknown>;
    expect(String(full.scope).split(' ')).toEqual(
      expect.arrayContaining(['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL']),
    );
  });

  it('a module READ scope reads that module and nothing it may not', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const s = await t.login(undefined, ['ZohoCRM.modules.accounts.READ', 'ZohoCRM.org.READ']);
    expect((await s.call('GET', '/Accounts?fields=Account_Name')).status).toBe(200);
    expect((await s.call('GET', '/org')).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/Accounts', account],
      ['PUT', '/Accounts', { data: [{ id: '1', Account_Name: 'x' }] }],
      ['POST', '/Accounts/upsert', account],
      ['DELETE', '/Accounts?ids=1', undefined],
      ['GET', '/Contacts?fields=Last_Name', undefined],
      ['GET', '/users?type=CurrentUser', undefined],
      ['GET', '/settings/fields?module=Accounts', undefined],
      ['GET', '/org/currencies', undefined],
      ['GET', '/actions/watch', undefined],
      ['POST', '/coql', { select_query: 'select id from Accounts where id is not null' }],
    ] as const) {
      const res = await s.call(method, path, body);
      expect({ method, path, status: res.status, json: res.json }).toEqual({
        method,
        path,
        status: 401,
        json: MISMATCH,
      });
    }
  });

  it('group scopes cover what is under them; WRITE is create, update and delete', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const s = await t.login(undefined, [
      'ZohoCRM.modules.accounts.WRITE',
      'ZohoCRM.modules.accounts.READ',
      'ZohoCRM.settings.fields.READ',
      'ZohoCRM.coql.READ',
      'ZohoCRM.users.READ',
    ]);
    expect((await s.call('POST', '/Accounts', account)).status).toBe(201);
    expect((await s.call('GET', '/settings/fields?module=Accounts')).status).toBe(200);
    expect((await s.call('GET', '/users?type=CurrentUser')).status).toBe(200);
    const coql = 'select id from Accounts where id is not null';
    expect((await s.call('POST', '/coql', { select_query: coql })).status).toBe(200);
    // COQL also needs a READ of the module it queries.
    const contacts = 'select id from Contacts where id is not null';
    expect((await s.call('POST', '/coql', { select_query: contacts })).status).toBe(401);
    // settings.fields does not reach the other settings.
    expect((await s.call('GET', '/settings/custom_views?module=Accounts')).status).toBe(401);
  });

  it('a grant code carries the scopes it was made for into its tokens', async () => {
    const t = await setupEmulator();
    const code = await t.control('POST', '/codes', {
      client_id: t.creds.client_id,
      scopes: ['ZohoCRM.users.READ'],
    });
    const res = await t.app.request('/oauth/v2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: t.creds.client_id ?? '',
        client_secret: t.creds.client_secret ?? '',
        code: String(code.json.code),
      }).toString(),
    });
    const grant = (await res.json()) as { access_token: string; scope: string };
    expect(grant.scope).toBe('ZohoCRM.users.READ');
    const call = (path: string) =>
      t.app.request(`/crm/v8${path}`, {
        headers: { Authorization: `Zoho-oauthtoken ${grant.access_token}` },
      });
    expect((await call('/users?type=CurrentUser')).status).toBe(200);
    expect((await call('/org')).status).toBe(401);
  });

  it('a refused scope costs no API credit', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const s = await t.login(undefined, ['ZohoCRM.org.READ']);
    const before = (await t.control('GET', '/stats')).json.credits.used as number;
    expect((await s.call('GET', '/Accounts?fields=id')).status).toBe(401);
    expect((await t.control('GET', '/stats')).json.credits.used).toBe(before);
  });

  it('a client’s grants can be given other scopes; their tokens follow at once', async () => {
    const t = await setupEmulator();
    expect((await t.call('GET', '/org')).status).toBe(200);
    const set = await t.control('PUT', `/clients/${t.creds.client_id}/scopes`, {
      scopes: ['ZohoCRM.users.READ'],
    });
    expect(set).toEqual({ status: 200, json: { scopes: ['ZohoCRM.users.READ'] } });
    expect((await t.call('GET', '/org')).json).toEqual(MISMATCH);
    expect((await t.call('GET', '/users?type=CurrentUser')).status).toBe(200);
    expect((await t.control('PUT', '/clients/nope/scopes', { scopes: [] })).status).toBe(404);
  });

  it('the control API refuses a scope that is not Zoho’s form', async () => {
    const t = await setupEmulator();
    const res = await t.control('POST', '/clients', { scopes: ['modules'] });
    expect(res.status).toBe(400);
  });
});
