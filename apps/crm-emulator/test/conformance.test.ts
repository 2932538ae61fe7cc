import { describe, expect, it } from 'vitest';
import { BASE, setupEmulator } from './support';

describe('oauth', () => {
  it('refreshes a token naming its own base URL as api_domain', async () => {
    const t = await setupEmulator();
    const body = (await (await t.refresh()).json()) as any;
    expect(body).toMatchObject({ expires_in: 3600, api_domain: BASE, token_type: 'Bearer' });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toBeUndefined();
  });

  it('accepts query params too, and exchanges a grant code for a refresh token', async () => {
    const t = await setupEmulator();
    const code = (
      (await (
        await t.app.request('/__emulator/codes', {
          method: 'POST',
          body: JSON.stringify({ client_id: t.creds.client_id }),
        })
      ).json()) as any
    ).code;
    const q = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: t.creds.client_id ?? '',
      client_secret: t.creds.client_secret ?? '',
      code,
    });
    const body = (await (
      await t.app.request(`/oauth/v2/token?${q}`, { method: 'POST' })
    ).json()) as any;
    expect(body).toMatchObject({
      api_domain: BASE,
      refresh_token: expect.any(String),
      access_token: expect.any(String),
    });
    const again = (await (
      await t.app.request(`/oauth/v2/token?${q}`, { method: 'POST' })
    ).json()) as any;
    expect(again).toEqual({ error: 'invalid_code' });
  });

  it('answers a wrong secret with invalid_client and a wrong refresh token with invalid_code', async () => {
    const t = await setupEmulator();
    const badSecret = await t.refresh({ client_secret: 'nope' });
    expect(badSecret.status).toBe(200);
    expect(await badSecret.json()).toEqual({ error: 'invalid_client' });
    expect(await (await t.refresh({ refresh_token: '1000.nope' })).json()).toEqual({
      error: 'invalid_code',
    });
  });

  it('refuses the 11th access token in 10 minutes, then allows again after the window', async () => {
    const t = await setupEmulator(); // setup already took one
    for (let i = 0; i < 9; i++) expect((await t.refresh()).status).toBe(200);
    const refused = await t.refresh();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: 'Access Denied',
      error_description: expect.stringContaining('too many requests'),
    });
    t.advance(601);
    expect(((await (await t.refresh()).json()) as any).access_token).toEqual(expect.any(String));
  });

  it('answers an unknown or expired token with 401 INVALID_TOKEN', async () => {
    const t = await setupEmulator();
    const invalid = {
      code: 'INVALID_TOKEN',
      details: {},
      message: 'invalid oauth token',
      status: 'error',
    };
    const unknown = await t.app.request('/crm/v8/Accounts?fields=id', {
      headers: { Authorization: 'Zoho-oauthtoken 1000.x' },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(invalid);
    t.advance(3601);
    const expired = await t.call('GET', '/Accounts?fields=id');
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(invalid);
  });
});

describe('list', () => {
  it('requires fields and takes at most 50', async () => {
    const t = await setupEmulator({ seed: 3 });
    expect((await t.call('GET', '/Accounts')).json).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      status: 'error',
    });
    const many = Array.from({ length: 51 }, (_, i) => `F${i}`).join(',');
    const res = await t.call('GET', `/Accounts?fields=${many}`);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses an unknown module with INVALID_MODULE', async () => {
    const t = await setupEmulator();
    const res = await t.call('GET', '/Widgets?fields=id');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'INVALID_MODULE', status: 'error' });
  });

  it('answers an empty list with 204 and no body', async () => {
    const t = await setupEmulator();
    const res = await t.call('GET', '/Accounts?fields=Account_Name');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('returns the envelope with only the asked fields plus id', async () => {
    const t = await setupEmulator({ seed: 3 });
    const res = await t.call(
      'GET',
      '/Accounts?fields=Account_Name&sort_by=id&sort_order=asc&per_page=2',
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.data[0]).sort()).toEqual(['Account_Name', 'id']);
    expect(res.json.data[0].Account_Name).toBe('Account 00001');
    expect(res.json.info).toMatchObject({
      per_page: 2,
      count: 2,
      page: 1,
      more_records: true,
      sort_by: 'id',
      sort_order: 'asc',
      previous_page_token: null,
    });
    expect(res.json.info.next_page_token).toEqual(expect.any(String));
    expect((await t.call('GET', '/Accounts?fields=id&per_page=201')).status).toBe(400);
  });

  it('refuses page 11 at per_page 200 with DISCRETE_PAGINATION_LIMIT_EXCEEDED', async () => {
    const t = await setupEmulator();
    const res = await t.call('GET', '/Accounts?fields=id&per_page=200&page=11');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
  });

  it('walks 2,500 accounts by page_token, each exactly once', async () => {
    const t = await setupEmulator({ seed: 2500 });
    const seen = new Set<string>();
    let total = 0;
    let path = '/Accounts?fields=Account_Name&per_page=200';
    for (;;) {
      const res = await t.call('GET', path);
      expect(res.status).toBe(200);
      for (const r of res.json.data) seen.add(r.id);
      total += res.json.data.length;
      if (!res.json.info.more_records) break;
      path = `/Accounts?fields=Account_Name&per_page=200&page_token=${res.json.info.next_page_token}`;
    }
    expect(total).toBe(2500);
    expect(seen.size).toBe(2500);
  });

  it('walks ties in Created_Time by id, each exactly once', async () => {
    const t = await setupEmulator({ seed: 450 }); // all seeded in the same second
    const seen = new Set<string>();
    const q = '/Accounts?fields=id&per_page=200&sort_by=Created_Time&sort_order=asc';
    let res = await t.call('GET', q);
    for (;;) {
      for (const r of res.json.data) seen.add(r.id);
      if (!res.json.info.more_records) break;
      res = await t.call('GET', `${q}&page_token=${res.json.info.next_page_token}`);
    }
    expect(seen.size).toBe(450);
    expect(res.json.info.page).toBe(3);
  });

  it('binds page_token to its parameters and refuses it beside page', async () => {
    const t = await setupEmulator({ seed: 5 });
    const first = await t.call('GET', '/Accounts?fields=Account_Name&per_page=2');
    const token = first.json.info.next_page_token;
    expect(
      (await t.call('GET', `/Accounts?fields=Phone&per_page=2&page_token=${token}`)).json.code,
    ).toBe('TOKEN_BOUND_DATA_MISMATCH');
    expect(
      (await t.call('GET', `/Accounts?fields=Account_Name&per_page=2&page=2&page_token=${token}`))
        .json.code,
    ).toBe('AMBIGUITY_DURING_PROCESSING');
  });

  it('refuses a page_token older than 24 hours with EXPIRED_VALUE', async () => {
    const t = await setupEmulator({ seed: 5 });
    const first = await t.call('GET', '/Accounts?fields=Account_Name&per_page=2');
    const path = `/crm/v8/Accounts?fields=Account_Name&per_page=2&page_token=${first.json.info.next_page_token}`;
    t.advance(24 * 3600 + 1);
    const { access_token } = (await (await t.refresh()).json()) as { access_token: string };
    const res = await t.app.request(path, {
      headers: { Authorization: `Zoho-oauthtoken ${access_token}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('EXPIRED_VALUE');
  });

  it('sorts by Modified_Time and filters by If-Modified-Since', async () => {
    const t = await setupEmulator({ seed: 3 });
    t.advance(60);
    const later = await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Later' }] });
    const since = '2026-01-15T15:00:30+09:00'; // 06:00:30Z: after the seed, before the insert
    const res = await t.call(
      'GET',
      '/Accounts?fields=Account_Name&sort_by=Modified_Time&sort_order=desc',
      undefined,
      { 'If-Modified-Since': since },
    );
    expect(res.json.data.map((r: any) => r.id)).toEqual([later.json.data[0].details.id]);
    const all = await t.call(
      'GET',
      '/Accounts?fields=Account_Name&sort_by=Modified_Time&sort_order=desc',
    );
    expect(all.json.data[0].Account_Name).toBe('Later');
  });
});

describe('writes', () => {
  it('inserts with 201 and per-record details, Owner being the caller', async () => {
    const t = await setupEmulator();
    const res = await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Acme' }] });
    expect(res.status).toBe(201);
    const item = res.json.data[0];
    expect(item).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
    expect(item.details.Modified_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const got = await t.call('GET', `/Accounts/${item.details.id}`);
    expect(got.json.data[0]).toMatchObject({
      Account_Name: 'Acme',
      Owner: { email: 'admin@kanjo.test' },
    });
  });

  it('refuses more than 100 records with LIMIT_EXCEEDED', async () => {
    const t = await setupEmulator();
    const data = Array.from({ length: 101 }, (_, i) => ({ Account_Name: `A${i}` }));
    const res = await t.call('POST', '/Accounts', { data });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('LIMIT_EXCEEDED');
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
  });

  it('refuses a duplicate Account_Name with DUPLICATE_DATA naming the existing id (207 when mixed)', async () => {
    const t = await setupEmulator();
    const first = await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Acme' }] });
    const res = await t.call('POST', '/Accounts', {
      data: [{ Account_Name: 'Fresh' }, { Account_Name: 'acme ' }],
    });
    expect(res.status).toBe(207);
    expect(res.json.data[1]).toMatchObject({
      code: 'DUPLICATE_DATA',
      status: 'error',
      details: {
        api_name: 'Account_Name',
        json_path: '$.data[1].Account_Name',
        id: first.json.data[0].details.id,
      },
    });
  });

  it('refuses missing mandatory fields and wrong types', async () => {
    const t = await setupEmulator();
    const res = await t.call('POST', '/Deals', {
      data: [{ Deal_Name: 'No stage' }, { Deal_Name: 'X', Stage: 'Qualification', Amount: 'lots' }],
    });
    expect(res.status).toBe(400);
    expect(res.json.data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Stage' },
    });
    expect(res.json.data[1]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Amount', expected_data_type: 'double' },
    });
    const contact = await t.call('POST', '/Contacts', { data: [{ First_Name: 'A' }] });
    expect(contact.json.data[0].details.api_name).toBe('Last_Name');
  });

  it('upserts: updates the duplicate, inserts the new', async () => {
    const t = await setupEmulator();
    const first = await t.call('POST', '/Accounts', {
      data: [{ Account_Name: 'Acme', Phone: '1' }],
    });
    const res = await t.call('POST', '/Accounts/upsert', {
      data: [{ Account_Name: 'Acme', Phone: '2' }, { Account_Name: 'New' }],
    });
    expect(res.status).toBe(200);
    expect(res.json.data[0]).toMatchObject({
      action: 'update',
      duplicate_field: 'Account_Name',
      message: 'record updated',
      details: { id: first.json.data[0].details.id },
    });
    expect(res.json.data[1]).toMatchObject({
      action: 'insert',
      duplicate_field: null,
      message: 'record added',
    });
    const got = await t.call('GET', `/Accounts/${first.json.data[0].details.id}`);
    expect(got.json.data[0].Phone).toBe('2');
  });

  it('updates by PUT, by id and in bulk, with Modified_Time moving', async () => {
    const t = await setupEmulator();
    const id = (await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Acme' }] })).json
      .data[0].details.id;
    t.advance(5);
    const one = await t.call('PUT', `/Accounts/${id}`, { data: [{ Phone: '9' }] });
    expect(one.status).toBe(200);
    expect(one.json.data[0]).toMatchObject({
      message: 'record updated',
      details: { Modified_Time: '2026-01-15T06:00:05+00:00' },
    });
    const bulk = await t.call('PUT', '/Accounts', {
      data: [
        { id, Website: 'x' },
        { id: '1', Website: 'y' },
      ],
    });
    expect(bulk.status).toBe(207);
    expect(bulk.json.data[1].code).toBe('INVALID_DATA');
  });

  it('refuses an update after If-Unmodified-Since with 412 ALREADY_MODIFIED', async () => {
    const t = await setupEmulator();
    const id = (await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Acme' }] })).json
      .data[0].details.id;
    t.advance(10);
    await t.call('PUT', `/Accounts/${id}`, { data: [{ Phone: '1' }] });
    const stale = await t.call(
      'PUT',
      `/Accounts/${id}`,
      { data: [{ Phone: '2' }] },
      { 'If-Unmodified-Since': '2026-01-15T06:00:00+00:00' },
    );
    expect(stale.status).toBe(412);
    expect(stale.json.data[0].code).toBe('ALREADY_MODIFIED');
    const fresh = await t.call(
      'PUT',
      `/Accounts/${id}`,
      { data: [{ Phone: '3' }] },
      { 'If-Unmodified-Since': '2026-01-15T06:00:10+00:00' },
    );
    expect(fresh.status).toBe(200);
  });

  it('deletes by ids (at most 100) and lists them under /deleted', async () => {
    const t = await setupEmulator({ seed: 2 });
    const ids = (await t.call('GET', '/Accounts?fields=id')).json.data.map((r: any) => r.id);
    const res = await t.call('DELETE', `/Accounts?ids=${ids[0]},999`);
    expect(res.status).toBe(207);
    expect(res.json.data[0]).toMatchObject({ code: 'SUCCESS', details: { id: ids[0] } });
    const tooMany = Array.from({ length: 101 }, (_, i) => String(i)).join(',');
    expect((await t.call('DELETE', `/Accounts?ids=${tooMany}`)).json.code).toBe('LIMIT_EXCEEDED');
    const deleted = await t.call('GET', '/Accounts/deleted?type=all');
    expect(deleted.json.data).toEqual([expect.objectContaining({ id: ids[0], type: 'recycle' })]);
    expect((await t.call('GET', `/Accounts/${ids[0]}`)).status).toBe(204);
  });

  it('deletes one record by its path, as Zoho\'s "Delete a record"', async () => {
    const t = await setupEmulator({ seed: 2 });
    const ids = (await t.call('GET', '/Accounts?fields=id')).json.data.map((r: any) => r.id);
    const res = await t.call('DELETE', `/Accounts/${ids[0]}`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([
      { code: 'SUCCESS', details: { id: ids[0] }, message: 'record deleted', status: 'success' },
    ]);
    expect((await t.call('GET', `/Accounts/${ids[0]}`)).status).toBe(204);
    const unknown = await t.call('DELETE', '/Accounts/999');
    expect(unknown.status).toBe(400);
    expect(unknown.json.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { id: '999' } });
  });
});

describe('limits and controls', () => {
  it('answers requests past the concurrency limit with 429 TOO_MANY_REQUESTS', async () => {
    const t = await setupEmulator({ options: { concurrency: 1 } });
    let release: () => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        release = () => {
          controller.enqueue(
            new TextEncoder().encode(JSON.stringify({ data: [{ Account_Name: 'Slow' }] })),
          );
          controller.close();
        };
      },
    });
    const slow = t.app.request(
      new Request(`${BASE}/crm/v8/Accounts`, {
        method: 'POST',
        headers: {
          Authorization: `Zoho-oauthtoken ${t.token}`,
          'content-type': 'application/json',
        },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    const refused = await t.call('GET', '/Accounts?fields=id');
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('TOO_MANY_REQUESTS');
    release();
    expect((await slow).status).toBe(201);
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(200);
  });

  it('seeds, counts calls by route and resets', async () => {
    const t = await setupEmulator();
    const seeded = await t.app.request('/__emulator/seed', {
      method: 'POST',
      body: JSON.stringify({ accounts: 3 }),
    });
    expect(await seeded.json()).toEqual({ accounts: 3 });
    const id = (await t.call('GET', '/Accounts?fields=id')).json.data[0].id;
    await t.call('GET', `/Accounts/${id}`);
    const stats = (await (await t.app.request('/__emulator/stats')).json()) as any;
    expect(stats.calls).toMatchObject({
      'GET /crm/v8/Accounts': 1,
      'GET /crm/v8/Accounts/{id}': 1,
    });
    await t.app.request('/__emulator/reset', { method: 'POST' });
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(401);
  });

  it('creates a client for a new user email, who then owns what they write', async () => {
    const t = await setupEmulator();
    const res = await t.app.request('/__emulator/clients', {
      method: 'POST',
      body: JSON.stringify({ email: 'sales@kanjo.test' }),
    });
    const creds = (await res.json()) as any;
    expect(creds).toMatchObject({
      email: 'sales@kanjo.test',
      client_id: expect.any(String),
      client_secret: expect.any(String),
      refresh_token: expect.any(String),
    });
    const q = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: creds.client_id,
      client_secret: creds.client_secret,
      refresh_token: creds.refresh_token,
    });
    const token = (
      (await (await t.app.request(`/oauth/v2/token?${q}`, { method: 'POST' })).json()) as any
    ).access_token;
    const auth = { Authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' };
    const res2 = await t.app.request('/crm/v8/Accounts', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ data: [{ Account_Name: 'Mine' }] }),
    });
    const id = ((await res2.json()) as any).data[0].details.id;
    const got = (await (
      await t.app.request(`/crm/v8/Accounts/${id}`, { headers: auth })
    ).json()) as any;
    expect(got.data[0].Owner.email).toBe('sales@kanjo.test');
  });
});

describe('users and org', () => {
  it('answers the current user, every user, the org and its currencies in Zoho’s shapes', async () => {
    const { call, creds } = await setupEmulator();
    const me = await call('GET', '/users?type=CurrentUser');
    expect(me.status).toBe(200);
    expect(me.json.users).toHaveLength(1);
    expect(me.json.users[0]).toMatchObject({ email: creds.email, status: 'active' });
    const all = await call('GET', '/users');
    expect(all.json.users.map((u: { email: string }) => u.email)).toContain(creds.email);

    const org = await call('GET', '/org');
    expect(org.json.org[0]).toMatchObject({ iso_code: 'JPY', mc_status: false });
    // Every field of Zoho's sample answer (v8 getOrganization), with its JSON type.
    const types = Object.fromEntries(
      Object.entries(org.json.org[0] as Record<string, unknown>).map(([k, v]) => [
        k,
        v === null ? 'null' : typeof v,
      ]),
    );
    expect(types).toMatchObject({
      id: 'string',
      zgid: 'string',
      ezgid: 'string',
      primary_zuid: 'string',
      domain_name: 'string',
      type: 'string',
      created_time: 'string',
      country_code: 'string',
      currency_locale: 'string',
      max_per_page: 'number',
      gapps_enabled: 'boolean',
      privacy_settings: 'boolean',
      hipaa_compliance_enabled: 'boolean',
      lite_users_enabled: 'boolean',
      oauth_presence: 'boolean',
      license_details: 'object',
      hierarchy_preferences: 'object',
      checkin_preferences: 'object',
    });
    for (const field of ['photo_id', 'description', 'street', 'city', 'zip', 'website']) {
      expect(Object.keys(org.json.org[0])).toContain(field);
    }
    const currencies = await call('GET', '/org/currencies');
    expect(currencies.json.currencies).toEqual([
      expect.objectContaining({ iso_code: 'JPY', is_base: true }),
    ]);
  });
});
