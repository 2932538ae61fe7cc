import { describe, expect, it } from 'vitest';
import { setupEmulator, type EmulatorSession } from './support';

/** `advance` also logs in afresh: tokens expire, and a reset forgets every client. */
async function setup(opts: Parameters<typeof setupEmulator>[0] = {}) {
  const t = await setupEmulator(opts);
  let session: EmulatorSession = t;
  return {
    ...t,
    call: (method: string, path: string, body?: unknown) => session.call(method, path, body),
    advance: async (seconds: number) => {
      t.advance(seconds);
      session = await t.login();
    },
    stats: async () => (await t.control('GET', '/stats')).json,
  };
}

const region = {
  module: 'accounts',
  api_name: 'Region',
  data_type: 'picklist',
  pick_list_values: ['APAC', 'EMEA'],
};

describe('custom fields', () => {
  it('appear in /settings/fields with custom_field: true', async () => {
    const t = await setup();
    const added = await t.control('POST', '/fields', { ...region, field_label: 'Sales Region' });
    expect(added.status).toBe(201);
    await t.control('POST', '/fields', {
      module: 'Accounts',
      api_name: 'Seats',
      data_type: 'integer',
    });
    const fields = (await t.call('GET', '/settings/fields?module=Accounts')).json.fields;
    expect(fields.find((f: any) => f.api_name === 'Account_Name').custom_field).toBe(false);
    expect(fields.find((f: any) => f.api_name === 'Region')).toMatchObject({
      field_label: 'Sales Region',
      data_type: 'picklist',
      json_type: 'string',
      custom_field: true,
      pick_list_values: [{ actual_value: 'APAC' }, { actual_value: 'EMEA' }],
    });
    expect(fields.find((f: any) => f.api_name === 'Seats')).toMatchObject({
      data_type: 'integer',
      custom_field: true,
    });
  });

  it('are written, read back, searched and selected like standard ones', async () => {
    const t = await setup();
    await t.control('POST', '/fields', region);
    const made = await t.call('POST', '/Accounts', {
      data: [
        { Account_Name: 'Acme', Region: 'APAC' },
        { Account_Name: 'Globex', Region: 'EMEA' },
      ],
    });
    expect(made.status).toBe(201);
    const list = await t.call('GET', '/Accounts?fields=Region&sort_by=id&sort_order=asc');
    expect(list.json.data.map((r: any) => r.Region)).toEqual(['APAC', 'EMEA']);
    const found = await t.call('GET', '/Accounts/search?criteria=(Region:equals:EMEA)');
    expect(found.json.data.map((r: any) => r.Account_Name)).toEqual(['Globex']);
    const coql = await t.call('POST', '/coql', {
      select_query: "select Account_Name, Region from Accounts where Region = 'APAC'",
    });
    expect(coql.json.data).toEqual([
      { Account_Name: 'Acme', Region: 'APAC', id: expect.any(String) },
    ]);
  });

  it('refuse a value of the wrong type, length or picklist with INVALID_DATA', async () => {
    const t = await setup();
    await t.control('POST', '/fields', region);
    await t.control('POST', '/fields', {
      module: 'Accounts',
      api_name: 'Seats',
      data_type: 'integer',
    });
    await t.control('POST', '/fields', {
      module: 'Accounts',
      api_name: 'Code',
      data_type: 'text',
      length: 3,
    });
    const res = await t.call('POST', '/Accounts', {
      data: [
        { Account_Name: 'A', Region: 'Mars' },
        { Account_Name: 'B', Seats: 'many' },
        { Account_Name: 'C', Code: 'TOO-LONG' },
        { Account_Name: 'D', Seats: 3, Code: 'ok' },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.json.data.map((d: any) => d.details)).toEqual([
      { api_name: 'Region', json_path: '$.data[0].Region', supported_values: ['APAC', 'EMEA'] },
      { api_name: 'Seats', json_path: '$.data[1].Seats', expected_data_type: 'integer' },
      { api_name: 'Code', json_path: '$.data[2].Code', maximum_length: 3 },
      expect.objectContaining({ id: expect.any(String) }),
    ]);
    const update = await t.call('PUT', `/Accounts/${res.json.data[3].details.id}`, {
      data: [{ Seats: 1.5 }],
    });
    expect(update.json.data[0].code).toBe('INVALID_DATA');
  });

  it('refuses a bad definition with 400 and a clear message', async () => {
    const t = await setup();
    const cases: [unknown, string][] = [
      [{ module: 'Accounts', api_name: 'X', data_type: 'formula' }, 'data_type'],
      [{ module: 'Accounts', api_name: '1x', data_type: 'text' }, 'api_name'],
      [{ module: 'Accounts', api_name: 'R', data_type: 'picklist' }, 'pick_list_values'],
      [{ module: 'Widgets', api_name: 'X', data_type: 'text' }, 'Widgets'],
      [{ module: 'Accounts', api_name: 'Phone', data_type: 'text' }, 'standard field'],
    ];
    for (const [body, words] of cases) {
      const res = await t.control('POST', '/fields', body);
      expect(res.status).toBe(400);
      expect(res.json.message).toContain(words);
    }
  });

  it('are cleared by reset, and the demo seed has Region and Customer_Code', async () => {
    const t = await setup({ seed: 'demo' });
    const custom = async () =>
      (await t.call('GET', '/settings/fields?module=Accounts')).json.fields
        .filter((f: any) => f.custom_field)
        .map((f: any) => f.api_name);
    expect(await custom()).toEqual(['Region', 'Customer_Code']);
    const acme = await t.call('GET', '/Accounts/search?word=Acme');
    expect(acme.json.data[0]).toMatchObject({ Region: 'APAC', Customer_Code: 'C-0001' });
    await t.control('POST', '/reset');
    await t.advance(0);
    expect(await custom()).toEqual([]);
  });
});

describe('settings/related_lists', () => {
  it('lists the related lists the record routes serve', async () => {
    const t = await setup({ seed: 'demo' });
    const res = await t.call('GET', '/settings/related_lists?module=Accounts');
    expect(res.json.related_lists).toEqual([
      {
        id: expect.stringMatching(/^\d{19}$/),
        sequence_number: '1',
        display_label: 'Contacts',
        api_name: 'Contacts',
        module: { api_name: 'Contacts', id: expect.stringMatching(/^\d{19}$/) },
        name: 'Contacts',
        type: 'default',
        visible: true,
        action: null,
        href: 'Accounts/{ENTITYID}/Contacts',
        status: 'visible',
        customize_sort: false,
        customize_fields: false,
        customize_display_label: false,
        sort_by: null,
        sort_order: null,
      },
      expect.objectContaining({ api_name: 'Deals', href: 'Accounts/{ENTITYID}/Deals' }),
      expect.objectContaining({ api_name: 'Quotes', href: 'Accounts/{ENTITYID}/Quotes' }),
      expect.objectContaining({ api_name: 'Sales_Orders', display_label: 'Sales Orders' }),
      expect.objectContaining({ api_name: 'Invoices', href: 'Accounts/{ENTITYID}/Invoices' }),
    ]);
    const account = await t.call('GET', '/Accounts/search?word=Acme');
    // The demo's Acme has contacts and deals but no documents yet: 204, never a refusal.
    const statuses = { Contacts: 200, Deals: 200, Quotes: 204, Sales_Orders: 204, Invoices: 204 };
    for (const list of res.json.related_lists) {
      const path = list.href.replace('{ENTITYID}', account.json.data[0].id);
      const status = statuses[list.api_name as keyof typeof statuses];
      expect((await t.call('GET', `/${path}?fields=id`)).status).toBe(status);
    }
    const deals = await t.call('GET', '/settings/related_lists?module=Deals');
    expect(deals.json.related_lists.map((l: { api_name: string }) => l.api_name)).toEqual([
      'Quotes',
      'Sales_Orders',
      'Invoices',
    ]);
    expect((await t.call('GET', '/settings/related_lists?module=Products')).json).toEqual({
      related_lists: [],
    });
    const missing = await t.call('GET', '/settings/related_lists');
    expect(missing.json.code).toBe('REQUIRED_PARAM_MISSING');
  });
});

describe('search indexing delay', () => {
  it('hides a record from /search until searchDelaySeconds have passed', async () => {
    const t = await setup({ options: { searchDelaySeconds: 10 } });
    await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Fresh Co' }] });
    expect((await t.call('GET', '/Accounts/search?word=Fresh')).status).toBe(204);
    await t.advance(9);
    expect((await t.call('GET', '/Accounts/search?word=Fresh')).status).toBe(204);
    await t.advance(1);
    const found = await t.call('GET', '/Accounts/search?word=Fresh');
    expect(found.json.data.map((r: any) => r.Account_Name)).toEqual(['Fresh Co']);
  });
});

describe('API credits', () => {
  it('refuses calls past creditsPerDay in a rolling 24 h, and reports them', async () => {
    const t = await setup({ options: { creditsPerDay: 3 } });
    for (let i = 0; i < 3; i++)
      expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
    const refused = await t.call('GET', '/Accounts?fields=id');
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'API limit exceeded' });
    expect((await t.stats()).credits).toEqual({ used: 3, limit: 3 });
    await t.advance(24 * 3600);
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
    expect((await t.stats()).credits).toEqual({ used: 1, limit: 3 });
  });

  it('charges COQL by its LIMIT: 1, 2 or 3 credits', async () => {
    const t = await setup();
    const q = (limit: number) =>
      t.call('POST', '/coql', {
        select_query: `select id from Accounts where id is not null limit ${limit}`,
      });
    await q(200);
    expect((await t.stats()).credits.used).toBe(1);
    await q(1000);
    expect((await t.stats()).credits.used).toBe(3);
    await q(2000);
    expect((await t.stats()).credits.used).toBe(6);
  });
});

describe('stats', () => {
  it('reports the peak of concurrent /crm calls, and reset clears everything', async () => {
    const t = await setup({ options: { concurrency: 3 } });
    await t.control('POST', '/faults', { rules: [{ slowMs: 30 }] });
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async () => (await t.call('GET', '/Accounts?fields=id')).status),
    );
    expect(statuses.sort()).toEqual([204, 204, 204, 429]);
    const stats = await t.stats();
    expect(stats).toEqual({
      calls: expect.objectContaining({ 'GET /crm/v8/Accounts': 4 }),
      credits: { used: 3, limit: 50000 },
      faults: { '500': 0, '429': 0, slow: 3, dropped: 0 },
      peakInFlight: 3,
      inFlight: 0,
    });
    await t.control('POST', '/reset');
    expect(await t.stats()).toEqual({
      calls: { 'GET /__emulator/stats': 1 },
      credits: { used: 0, limit: 50000 },
      faults: { '500': 0, '429': 0, slow: 0, dropped: 0 },
      peakInFlight: 0,
      inFlight: 0,
    });
  });

  it('reports the /crm calls in flight now', async () => {
    const t = await setup();
    await t.control('POST', '/faults', { rules: [{ slowMs: 200 }] });
    const slow = [t.call('GET', '/Accounts?fields=id'), t.call('GET', '/Accounts?fields=id')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await t.stats()).inFlight).toBe(2);
    await Promise.all(slow);
    expect((await t.stats()).inFlight).toBe(0);
  });
});
