import { serveEmulator } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoClient, type WatchChannel } from './client.js';

interface Credentials {
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

/**
 * The client's reads by id, related lists, search, users and notification channels,
 * end to end over real HTTP against @kanjo/crm-emulator.
 */
describe('reads and channels against the emulator (real HTTP)', () => {
  let close: (() => Promise<void>) | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    const served = await serveEmulator({
      db: new Database(':memory:'),
      clock: () => new Date(),
      port: 0,
    });
    baseUrl = served.url;
    close = served.close;
  });

  afterAll(async () => {
    await close?.();
  });

  async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok, `POST ${path} → ${response.status}`).toBe(true);
    return (await response.json()) as Record<string, unknown>;
  }

  /** A client on fresh credentials; `urls` collects every API request it sends. */
  async function client() {
    const creds = (await control('/clients', {})) as unknown as Credentials;
    const urls: URL[] = [];
    const crm = createZohoClient({
      accountsUrl: baseUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      refreshToken: creds.refresh_token,
      sleep: async () => {},
      fetch: (input, init) => {
        const url = new URL(input);
        if (url.pathname.startsWith('/crm/v8/')) urls.push(url);
        return fetch(input, init);
      },
    });
    return { crm, urls };
  }

  const idsOf = (results: { ok: boolean; id?: string }[]): string[] =>
    results.map((r) => {
      if (!r.ok || !r.id) throw new Error('write failed');
      return r.id;
    });

  it('getRecords asks 100 ids a call; missing ids are absent; none found is empty', async () => {
    const { crm, urls } = await client();
    const stamp = Date.now();
    const ids = idsOf(
      await crm.insert(
        'Contacts',
        Array.from({ length: 150 }, (_, i) => ({ Last_Name: `Ids-${stamp}-${i}` })),
      ),
    );
    urls.length = 0;
    const missing = '5725767000099999999';
    const found = await crm.getRecords('Contacts', [...ids, missing], ['Last_Name']);
    expect(found.map((r) => r.id)).toEqual(ids);
    expect(found[0]).toEqual({ Last_Name: `Ids-${stamp}-0`, id: ids[0] });
    expect(urls.map((u) => u.searchParams.get('ids')?.split(',').length)).toEqual([100, 51]);
    expect(urls.every((u) => u.searchParams.get('fields') === 'Last_Name')).toBe(true);
    expect(await crm.getRecords('Contacts', [missing], ['Last_Name'])).toEqual([]);
    expect(await crm.getRecords('Contacts', [], ['Last_Name'])).toEqual([]);
  });

  it('related walks every page of a related list', async () => {
    const { crm, urls } = await client();
    const stamp = Date.now();
    const [account] = idsOf(await crm.insert('Accounts', [{ Account_Name: `Rel-${stamp}` }]));
    const deals = Array.from({ length: 250 }, (_, i) => ({
      Deal_Name: `Rel-${stamp}-${i}`,
      Stage: 'Qualification',
      Account_Name: { id: account },
    }));
    const written = [
      ...idsOf(await crm.insert('Deals', deals.slice(0, 100))),
      ...idsOf(await crm.insert('Deals', deals.slice(100))),
    ];
    urls.length = 0;
    const found = await crm.related('Accounts', account ?? '', 'Deals', ['Deal_Name', 'Stage']);
    expect(new Set(found.map((r) => r.id))).toEqual(new Set(written));
    expect(found).toHaveLength(250);
    expect(urls.map((u) => u.searchParams.get('page'))).toEqual(['1', '2']);
    const [lonely] = idsOf(await crm.insert('Accounts', [{ Account_Name: `Lonely-${stamp}` }]));
    expect(await crm.related('Accounts', lonely ?? '', 'Deals', ['Deal_Name'])).toEqual([]);
  });

  it('search by criteria or word; nothing found (204) is an empty list', async () => {
    const { crm } = await client();
    const stamp = Date.now();
    await crm.insert('Accounts', [
      { Account_Name: `Zeta ${stamp} Trading`, Billing_City: 'Osaka' },
      { Account_Name: `Zeta ${stamp} Works`, Billing_City: 'Kobe' },
    ]);
    const byCriteria = await crm.search(
      'Accounts',
      { criteria: `((Account_Name:starts_with:Zeta ${stamp})and(Billing_City:equals:Kobe))` },
      { fields: ['Account_Name'] },
    );
    expect(byCriteria).toEqual({
      records: [{ Account_Name: `Zeta ${stamp} Works`, id: expect.any(String) }],
      more: false,
    });
    const byWord = await crm.search('Accounts', { word: `${stamp}` }, { perPage: 1 });
    expect(byWord.records).toHaveLength(1);
    expect(byWord.more).toBe(true);
    expect(await crm.search('Accounts', { word: `nothing-${stamp}` })).toEqual({
      records: [],
      more: false,
    });
  });

  it('users lists the CRM’s active users in Zoho’s shape', async () => {
    const { crm } = await client();
    await control('/users', { email: 'rep@kanjo.test', name: 'Sales Rep', profile: 'Standard' });
    const users = await crm.users();
    expect(users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'admin@kanjo.test', status: 'active' }),
        expect.objectContaining({
          email: 'rep@kanjo.test',
          full_name: 'Sales Rep',
          profile: expect.objectContaining({ name: 'Standard' }),
        }),
      ]),
    );
    expect((await crm.users('AllUsers')).length).toBe(users.length);
  });

  it('watch, rewatch and unwatch channels, one result per channel named by its id', async () => {
    const { crm, urls } = await client();
    // Products only: no other test here writes them, so no callback is ever sent.
    const channel = (id: string): WatchChannel => ({
      channel_id: id,
      events: ['Products.all'],
      token: `tok-${id}`,
      notify_url: `${baseUrl}/hooks/crm`,
    });
    const many = Array.from({ length: 55 }, (_, i) => channel(String(9000 + i)));
    const watched = await crm.watch(many);
    expect(watched).toHaveLength(55);
    expect(watched.every((r, i) => r.ok && r.id === String(9000 + i))).toBe(true);
    expect(urls.filter((u) => u.pathname.endsWith('/actions/watch'))).toHaveLength(2);

    const mixed = await crm.watch([channel('9100'), { ...channel('9101'), token: 'x'.repeat(51) }]);
    expect(mixed[0]).toEqual({ ok: true, id: '9100' });
    expect(mixed[1]).toMatchObject({ ok: false, code: 'INVALID_DATA' });

    const expiry = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().replace('Z', '+00:00');
    const renewed = await crm.rewatch([
      { ...channel('9000'), channel_expiry: expiry.replace(/\.\d+/, '') },
      channel('1234567'),
    ]);
    expect(renewed[0]).toEqual({ ok: true, id: '9000' });
    expect(renewed[1]).toMatchObject({ ok: false, code: 'INVALID_DATA' });

    await crm.unwatch([...many.map((c) => c.channel_id), '9100', 'never-there']);
    const left = await crm.request({ path: '/actions/watch' });
    expect(left.status).toBe(204);
  });
});
