import { ZOHO_CRM_SCOPES } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { ownerWithCrmUser, useTestEmulator } from './crm-connection-setup';
import { useSyncContexts } from './crm-sync-setup';
import type { TestApp } from './helpers';

/**
 * Connecting checks the OAuth scopes of the grant against those Kanjo needs,
 * over HTTP against the emulator (which refuses, as Zoho does, a token whose
 * scopes do not cover a URL). A grant without one is refused, naming it, and
 * nothing is stored.
 */

const emulator = useTestEmulator();
const context = useSyncContexts();

const ALL = ZOHO_CRM_SCOPES.map((s) => s.scope);
const without = (...left: string[]) => ALL.filter((s) => !left.includes(s));

const rowCount = async (t: TestApp) =>
  (await t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_connections'))?.n;

/** An owner whose CRM user's client has only `scopes`, and the body that would connect it. */
async function ownerWithScopes(scopes: string[]) {
  const setup = await ownerWithCrmUser(emulator);
  await emulator.setScopes(setup.crm.client_id, scopes);
  return setup;
}

describe('OAuth scopes at connect', () => {
  it('refuses a grant without a scope Kanjo needs, naming each one, and stores nothing', async () => {
    const { owner, body, t } = await ownerWithScopes(
      without('ZohoCRM.notifications.ALL', 'ZohoCRM.coql.READ'),
    );
    const res = await owner.put('/api/crm/connection', body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CRM_SCOPE_MISSING');
    expect(res.json.error.message).toContain('ZohoCRM.notifications.ALL, ZohoCRM.coql.READ');
    expect(res.json.error.details).toEqual({
      missingScopes: ['ZohoCRM.notifications.ALL', 'ZohoCRM.coql.READ'],
      requiredScopes: ALL,
    });
    expect(await rowCount(t)).toBe(0);
    expect((await owner.get('/api/crm/connection')).json).toEqual({ connection: null });
  });

  it('names every missing scope even when the first read is refused for one', async () => {
    const { owner, body, t } = await ownerWithScopes(['ZohoCRM.org.READ', 'ZohoCRM.modules.ALL']);
    const res = await owner.put('/api/crm/connection', body);
    expect(res.status).toBe(400);
    expect(res.json.error.details.missingScopes).toEqual([
      'ZohoCRM.settings.ALL',
      'ZohoCRM.users.READ',
      'ZohoCRM.notifications.ALL',
      'ZohoCRM.coql.READ',
    ]);
    expect(await rowCount(t)).toBe(0);
  });

  it('checks a grant code’s scopes too', async () => {
    const { owner, body, crm, t } = await ownerWithScopes(without('ZohoCRM.settings.ALL'));
    const { refreshToken: _r, ...rest } = body;
    const grantCode = await emulator.grantCode(crm.client_id);
    const res = await owner.put('/api/crm/connection', { ...rest, grantCode });
    expect(res.status).toBe(400);
    expect(res.json.error.details.missingScopes).toEqual(['ZohoCRM.settings.ALL']);
    expect(await rowCount(t)).toBe(0);
  });

  it('accepts group scopes that cover Kanjo’s, and connects with every scope', async () => {
    const broader = await ownerWithScopes([
      ...without('ZohoCRM.users.READ', 'ZohoCRM.org.READ'),
      'ZohoCRM.users.ALL',
      'ZohoCRM.org.ALL',
    ]);
    const res = await broader.owner.put('/api/crm/connection', broader.body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.connection.status).toBe('connected');

    const exact = await ownerWithScopes(ALL);
    expect((await exact.owner.put('/api/crm/connection', exact.body)).status).toBe(200);
  });

  it('the connection test names a scope the grant no longer has (probed: a kept token names none)', async () => {
    const { owner, body, crm } = await ownerWithScopes(ALL);
    expect((await owner.put('/api/crm/connection', body)).status).toBe(200);
    await emulator.setScopes(crm.client_id, without('ZohoCRM.coql.READ'));
    const tested = await owner.post('/api/crm/connection/test');
    expect(tested.status).toBe(400);
    expect(tested.json.error).toMatchObject({
      code: 'CRM_SCOPE_MISSING',
      details: { missingScopes: ['ZohoCRM.coql.READ'] },
    });
  });
});

describe('a scope missing during a run', () => {
  it('fails the run once, naming the scope, without retrying or refreshing the token', async () => {
    const s = await context({ seed: 'demo' });
    const connection = (await s.owner.get('/api/crm/connection')).json.connection;
    await s.call('PUT', `/__emulator/clients/${connection.clientId}/scopes`, {
      scopes: without('ZohoCRM.modules.ALL'),
    });
    const tokensBefore = (await s.calls())['POST /oauth/v2/token'] ?? 0;
    const run = await s.sync();
    expect(run.run.status).toBe('failed');
    expect(run.run.error).toContain('OAUTH_SCOPE_MISMATCH');
    expect(run.run.error).toMatch(/ZohoCRM\.modules\.\w+\.READ/);
    expect(run.run.error).toContain('ZohoCRM.modules.ALL');
    // The API answers the run's retries too (RunDetail names only what most tests read).
    expect((run.run as { retries?: number }).retries).toBe(0);
    // Not taken for a bad token: no refresh was asked for.
    expect((await s.calls())['POST /oauth/v2/token'] ?? 0).toBe(tokensBefore);
    // The connection itself stays connected: it is the grant that needs the scope.
    const after = await s.owner.get('/api/crm/connection');
    expect(after.json.connection.status).toBe('connected');
  });
});
