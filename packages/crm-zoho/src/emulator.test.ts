import { serveEmulator } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoClient, type ZohoClientOptions } from './client.js';
import { CrmError } from './errors.js';
import { exchangeGrantCode } from './oauth.js';

interface Credentials {
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

/** End-to-end over real HTTP (a listening port) against @kanjo/crm-emulator. */
describe('against the emulator (real HTTP)', () => {
  let close: (() => Promise<void>) | undefined;
  let baseUrl = '';
  // Moves the emulator's clock only, so its tokens expire while the client still trusts them.
  let emulatorSkewMs = 0;

  beforeAll(async () => {
    const served = await serveEmulator({
      db: new Database(':memory:'),
      clock: () => new Date(Date.now() + emulatorSkewMs),
      port: 0,
    });
    baseUrl = served.url;
    close = served.close;
  });

  afterAll(async () => {
    await close?.();
  });

  async function newCredentials(): Promise<Credentials> {
    const response = await fetch(`${baseUrl}/__emulator/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(response.ok).toBe(true);
    return (await response.json()) as Credentials;
  }

  async function client(overrides: Partial<ZohoClientOptions> = {}) {
    const creds = await newCredentials();
    return createZohoClient({
      accountsUrl: baseUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      refreshToken: creds.refresh_token,
      sleep: async () => {},
      ...overrides,
    });
  }

  it('refreshes once for 20 concurrent calls', async () => {
    const crm = await client();
    await Promise.all(Array.from({ length: 20 }, () => crm.getRecord('Contacts', '1')));
    expect(crm.stats()).toMatchObject({ calls: 20, refreshes: 1, retries: 0 });
  });

  it('reads the current user, org and currencies', async () => {
    const crm = await client();
    expect((await crm.org()).iso_code).toBe('JPY');
    expect(typeof (await crm.currentUser()).id).toBe('string');
    expect(Array.isArray(await crm.currencies())).toBe(true);
  });

  it('reads the current user’s profile with its module permissions', async () => {
    const crm = await client();
    const me = (await crm.currentUser()) as { profile: { id: string; name: string } };
    const profile = await crm.profile(me.profile.id);
    expect(profile.name).toBe(me.profile.name);
    expect(profile.permissions_details).toContainEqual(
      expect.objectContaining({
        module: 'Quotes',
        name: 'Crm_Implied_Create_Quotes',
        enabled: true,
      }),
    );
    await expect(crm.profile('1')).rejects.toMatchObject({ code: 'CRM_INVALID_REQUEST' });
  });

  it('exchanges a grant code for a refresh token that works', async () => {
    const creds = await newCredentials();
    const codeResponse = await fetch(`${baseUrl}/__emulator/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: creds.client_id }),
    });
    const { code } = (await codeResponse.json()) as { code: string };
    const grant = await exchangeGrantCode({
      accountsUrl: baseUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      code,
    });
    expect(grant.apiDomain).toBe(baseUrl);
    const crm = createZohoClient({
      accountsUrl: baseUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      refreshToken: grant.refreshToken,
    });
    expect(await crm.getRecord('Contacts', '1')).toBeUndefined();
    expect(crm.stats().refreshes).toBe(1);
  });

  it('a token the server calls expired (401 INVALID_TOKEN) is refreshed once and the call retried', async () => {
    const crm = await client();
    await crm.getRecord('Contacts', '1');
    emulatorSkewMs += 2 * 3600 * 1000;
    expect(await crm.getRecord('Contacts', '1')).toBeUndefined();
    expect(crm.stats()).toMatchObject({ calls: 3, refreshes: 2, retries: 0 });
  });

  it('wrong client secret → CRM_AUTH_FAILED', async () => {
    const crm = await client({ clientSecret: 'wrong' });
    const error = await crm.getRecord('Contacts', '1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'CRM_AUTH_FAILED',
      retryable: false,
      providerCode: 'invalid_client',
    });
  });

  it('insert with a duplicate gives per-record results in order; get, delete, listDeleted', async () => {
    const crm = await client();
    const stamp = Date.now();
    const [first] = await crm.insert('Contacts', [
      { Last_Name: 'Rao', Email: `rao-${stamp}@x.in` },
    ]);
    expect(first?.ok).toBe(true);
    const results = await crm.insert('Contacts', [
      { Last_Name: 'A', Email: `a-${stamp}@x.in` },
      { Last_Name: 'Dup', Email: `rao-${stamp}@x.in` },
      { Last_Name: 'C', Email: `c-${stamp}@x.in` },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'DUPLICATE_DATA', 'ok']);
    const up = await crm.upsert('Contacts', [{ Last_Name: 'Rao2', Email: `rao-${stamp}@x.in` }]);
    expect(up[0]).toMatchObject({ ok: true, action: 'update' });
    if (!first?.ok) throw new Error('insert failed');
    expect((await crm.getRecord('Contacts', first.id))?.Last_Name).toBe('Rao2');
    expect(await crm.deleteRecords('Contacts', [first.id])).toEqual([{ ok: true, id: first.id }]);
    expect(await crm.getRecord('Contacts', first.id)).toBeUndefined();
    const deleted: unknown[] = [];
    for await (const d of crm.listDeleted('Contacts')) deleted.push(d.id);
    expect(deleted).toContain(first.id);
  });

  it('lists 2,300 records across page and page_token, each exactly once', async () => {
    const crm = await client();
    const input = Array.from({ length: 2_300 }, (_, i) => ({
      Product_Name: `P-${i}-${Date.now()}`,
    }));
    const written = await crm.insert('Products', input);
    expect(written.every((r) => r.ok)).toBe(true);
    const ids: string[] = [];
    for await (const r of crm.listAll('Products', { fields: ['Product_Name'] }))
      ids.push(String(r.id));
    // Only this test writes Products, so the walk must see exactly these records.
    expect(ids).toHaveLength(2_300);
    expect(new Set(ids).size).toBe(2_300);
    expect(new Set(ids)).toEqual(new Set(written.map((r) => (r.ok ? r.id : ''))));
  });
});
