import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

type Row = Record<string, any>;

describe('settings/modules', () => {
  it('lists every emulated module with its labels, permissions and profiles', async () => {
    const t = await setupEmulator();
    const res = await t.call<Row>('GET', '/settings/modules');
    expect(res.status).toBe(200);
    const names = res.json?.modules.map((m: Row) => m.api_name);
    expect(names).toEqual([
      'Accounts',
      'Contacts',
      'Products',
      'Deals',
      'Quotes',
      'Sales_Orders',
      'Invoices',
    ]);
    const deals = res.json?.modules.find((m: Row) => m.api_name === 'Deals');
    expect(deals).toMatchObject({
      module_name: 'Potentials',
      singular_label: 'Deal',
      plural_label: 'Deals',
      api_supported: true,
      creatable: true,
      editable: true,
      deletable: true,
      viewable: true,
      generated_type: 'default',
      id: expect.stringMatching(/^\d+$/),
    });
    expect(deals.profiles.map((p: Row) => p.name)).toEqual(['Administrator', 'Standard', 'Sales']);
    const orders = res.json?.modules.find((m: Row) => m.api_name === 'Sales_Orders');
    expect(orders).toMatchObject({ singular_label: 'Sales Order', plural_label: 'Sales Orders' });
  });

  it("names in a lookup field the id of the module it points at, as the module's own", async () => {
    const t = await setupEmulator();
    const accounts = (await t.call<Row>('GET', '/settings/modules/Accounts')).json?.modules[0];
    const fields = (await t.call<Row>('GET', '/settings/fields?module=Contacts')).json?.fields;
    const account = fields.find((f: Row) => f.api_name === 'Account_Name');
    expect(account.lookup.module).toEqual({ api_name: 'Accounts', id: accounts.id });
  });

  it('leaves out of a module the profiles without its View permission', async () => {
    const t = await setupEmulator();
    await t.control('PUT', '/profiles/Sales/permissions', { module: 'Invoices', view: false });
    const res = await t.call<Row>('GET', '/settings/modules/Invoices');
    expect(res.json?.modules[0].profiles.map((p: Row) => p.name)).toEqual([
      'Administrator',
      'Standard',
    ]);
  });

  it('answers one module by API name or id, and refuses an unknown one', async () => {
    const t = await setupEmulator();
    const byName = await t.call<Row>('GET', '/settings/modules/Contacts');
    expect(byName.status).toBe(200);
    const contacts = byName.json?.modules[0];
    expect(contacts).toMatchObject({
      api_name: 'Contacts',
      singular_label: 'Contact',
      display_field: { api_name: 'Full_Name' },
    });
    const byId = await t.call<Row>('GET', `/settings/modules/${String(contacts.id)}`);
    expect(byId.json?.modules[0].api_name).toBe('Contacts');
    const unknown = await t.call<Row>('GET', '/settings/modules/Leadz');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'INVALID_MODULE', status: 'error' });
  });

  it('finds no hidden module and refuses an unknown status', async () => {
    const t = await setupEmulator();
    expect((await t.call('GET', '/settings/modules?status=user_hidden')).status).toBe(204);
    expect((await t.call('GET', '/settings/modules?status=visible')).status).toBe(200);
    const bad = await t.call<Row>('GET', '/settings/modules?status=gone');
    expect(bad.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'status' } });
  });
});

describe('settings/layouts and one field', () => {
  it('answers the Standard layout with the module fields, and it by id', async () => {
    const t = await setupEmulator();
    const res = await t.call<Row>('GET', '/settings/layouts?module=Deals');
    expect(res.status).toBe(200);
    const [layout] = res.json?.layouts ?? [];
    expect(layout).toMatchObject({ name: 'Standard', status: 'active', visible: true });
    const fields = (await t.call<Row>('GET', '/settings/fields?module=Deals')).json?.fields;
    expect(layout.sections[0].fields).toEqual(fields);
    const byId = await t.call<Row>('GET', `/settings/layouts/${String(layout.id)}?module=Deals`);
    expect(byId.json?.layouts).toEqual([layout]);
    expect((await t.call('GET', '/settings/layouts/123?module=Deals')).status).toBe(204);
    const missing = await t.call<Row>('GET', '/settings/layouts');
    expect(missing.json).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'module' },
    });
  });

  it('answers one field by id, 204 for an id of no field', async () => {
    const t = await setupEmulator();
    const fields = (await t.call<Row>('GET', '/settings/fields?module=Accounts')).json?.fields;
    const phone = fields.find((f: Row) => f.api_name === 'Phone');
    const one = await t.call<Row>('GET', `/settings/fields/${String(phone.id)}?module=Accounts`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ fields: [phone] });
    expect((await t.call('GET', '/settings/fields/123?module=Accounts')).status).toBe(204);
    const notAnId = await t.call<Row>('GET', '/settings/fields/Phone?module=Accounts');
    expect(notAnId.json).toMatchObject({
      code: 'INVALID_DATA',
      details: { resource_path_index: 2 },
    });
    const unknownModule = await t.call<Row>('GET', `/settings/fields/${String(phone.id)}?module=X`);
    expect(unknownModule.json).toMatchObject({
      code: 'INVALID_MODULE',
      details: { param_name: 'module' },
    });
  });
});

describe('GET /{module}/actions/count', () => {
  it('counts all records, a search and a view; refuses a view with a search', async () => {
    const t = await setupEmulator({ seed: 3 });
    const all = await t.call<Row>('GET', '/Accounts/actions/count');
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ count: 3 });
    const first = (await t.call<Row>('GET', '/Accounts?fields=Account_Name&per_page=1')).json
      ?.data[0];
    const criteria = encodeURIComponent(`(Account_Name:equals:${String(first.Account_Name)})`);
    const searched = await t.call<Row>('GET', `/Accounts/actions/count?criteria=${criteria}`);
    expect(searched.json).toEqual({ count: 1 });
    const views = (await t.call<Row>('GET', '/settings/custom_views?module=Accounts')).json
      ?.custom_views;
    const allView = await t.call<Row>('GET', `/Accounts/actions/count?cvid=${String(views[0].id)}`);
    expect(allView.json).toEqual({ count: 3 });
    const both = await t.call<Row>(
      'GET',
      `/Accounts/actions/count?cvid=${String(views[0].id)}&word=ab`,
    );
    expect(both.status).toBe(400);
    expect(both.json).toEqual({
      code: 'AMBIGUITY_DURING_PROCESSING',
      details: { ambiguity_due_to: [{ param_name: 'cvid' }, { param_name: 'word' }] },
      message:
        'Please use either Cvid or Search Params. Combination of both the params is not allowed',
      status: 'error',
    });
    expect((await t.call<Row>('GET', '/Nope/actions/count')).json?.code).toBe('INVALID_MODULE');
  });
});

describe('reads by id', () => {
  it('answers one custom view with its details, and refuses an unknown id', async () => {
    const t = await setupEmulator();
    const list = await t.call<Row>('GET', '/settings/custom_views?module=Accounts');
    const mine = list.json?.custom_views[1];
    const res = await t.call<Row>(
      'GET',
      `/settings/custom_views/${String(mine.id)}?module=Accounts`,
    );
    expect(res.status).toBe(200);
    expect(res.json?.custom_views).toEqual([expect.objectContaining(mine)]);
    expect(res.json?.custom_views[0]).toMatchObject({
      category: 'public_views',
      module: { api_name: 'Accounts' },
    });
    expect(res.json?.info).toMatchObject({ default: list.json?.info.default });
    const unknown = await t.call<Row>('GET', '/settings/custom_views/123?module=Accounts');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      code: 'INVALID_DATA',
      details: { resource_path_index: 2 },
      message: 'the id given seems to be invalid',
      status: 'error',
    });
    const otherModule = await t.call<Row>(
      'GET',
      `/settings/custom_views/${String(mine.id)}?module=Deals`,
    );
    expect(otherModule.json?.code).toBe('INVALID_DATA');
  });

  it('answers one user by id in the users envelope; 204 for an id of nobody', async () => {
    const t = await setupEmulator();
    const me = (await t.call<Row>('GET', '/users?type=CurrentUser')).json?.users[0];
    const res = await t.call<Row>('GET', `/users/${String(me.id)}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      users: [me],
      info: { per_page: 200, count: 1, page: 1, more_records: false },
    });
    expect((await t.call('GET', '/users/123')).status).toBe(204);
    const notAnId = await t.call<Row>('GET', '/users/me');
    expect(notAnId.json).toMatchObject({
      code: 'INVALID_DATA',
      details: { resource_path_index: 1 },
    });
  });

  it('answers the base currency by id, as in the list; 204 for another id', async () => {
    const t = await setupEmulator();
    const [base] = (await t.call<Row>('GET', '/org/currencies')).json?.currencies ?? [];
    expect(base).toMatchObject({
      is_base: true,
      format: { decimal_places: '0' },
      created_by: { id: expect.any(String) },
    });
    const res = await t.call<Row>('GET', `/org/currencies/${String(base.id)}`);
    expect(res.json).toEqual({ currencies: [base] });
    expect((await t.call('GET', '/org/currencies/123')).status).toBe(204);
  });
});

describe('unknown paths and modules', () => {
  const urlPattern = {
    code: 'INVALID_URL_PATTERN',
    details: {},
    message: 'Please check if the URL trying to access is a correct one',
    status: 'error',
  };

  it('answers a path Zoho does not have with 404 INVALID_URL_PATTERN, never as a module', async () => {
    const t = await setupEmulator({ seed: 1 });
    for (const [method, path] of [
      ['GET', '/settings/nothing'],
      ['GET', '/settings/fields/1/2'],
      ['GET', '/org/nothing'],
      ['POST', '/org/nothing'],
      ['GET', '/users/1/2'],
      ['POST', '/coql/nothing'],
      ['GET', '/actions/nothing'],
      ['GET', '/Accounts/actions/nothing'],
      ['GET', '/Accounts/1/Contacts/2/3'],
      ['GET', '/'],
    ] as const) {
      const res = await t.call<Row>(method, path);
      expect({ method, path, status: res.status, body: res.json }).toEqual({
        method,
        path,
        status: 404,
        body: urlPattern,
      });
    }
  });

  it('answers a path it serves, asked with another method, with 400 INVALID_REQUEST_METHOD', async () => {
    const t = await setupEmulator({ seed: 1 });
    for (const [method, path] of [
      ['POST', '/org'],
      ['DELETE', '/settings/fields'],
      ['PATCH', '/Accounts'],
      ['POST', '/Accounts/search'],
      ['POST', '/Accounts/actions/count'],
      ['PUT', '/coql'],
    ] as const) {
      const res = await t.call<Row>(method, path, {});
      expect({ method, path, status: res.status, body: res.json }).toEqual({
        method,
        path,
        status: 400,
        body: {
          code: 'INVALID_REQUEST_METHOD',
          details: {},
          message: 'The http request method type is not a valid one',
          status: 'error',
        },
      });
    }
  });

  it('answers an unknown module in a module position with INVALID_MODULE', async () => {
    const t = await setupEmulator();
    for (const path of [
      '/Leadz?fields=id',
      '/Leadz/1',
      '/Leadz/search?word=ab',
      '/Leadz/deleted',
    ]) {
      const res = await t.call<Row>('GET', path);
      expect({ path, status: res.status, body: res.json }).toEqual({
        path,
        status: 400,
        body: {
          code: 'INVALID_MODULE',
          details: { resource_path_index: 0 },
          message: 'the module name given seems to be invalid',
          status: 'error',
        },
      });
    }
  });
});

describe('deleted records and error details', () => {
  it("names a deleted Contact by the person's name, other records by their name field", async () => {
    const t = await setupEmulator();
    const insert = async (module: string, data: Row) =>
      (await t.call<Row>('POST', `/${module}`, { data: [data] })).json?.data[0].details.id;
    const contact = await insert('Contacts', {
      First_Name: 'Hanako',
      Last_Name: 'Sato',
      Email: 'hanako@example.jp',
    });
    const solo = await insert('Contacts', { Last_Name: 'Tanaka', Email: 'tanaka@example.jp' });
    const deal = await insert('Deals', { Deal_Name: 'Big deal', Stage: 'Qualification' });
    await t.call('DELETE', `/Contacts?ids=${String(contact)},${String(solo)}`);
    await t.call('DELETE', `/Deals/${String(deal)}`);
    const contacts = (await t.call<Row>('GET', '/Contacts/deleted')).json?.data;
    const names = Object.fromEntries(contacts.map((r: Row) => [r.id, r.display_name]));
    expect(names).toEqual({ [contact]: 'Hanako Sato', [solo]: 'Tanaka' });
    const deals = (await t.call<Row>('GET', '/Deals/deleted')).json?.data;
    expect(deals[0].display_name).toBe('Big deal');
  });

  it('lists the parameters of an ambiguity as param_name objects', async () => {
    const t = await setupEmulator({ seed: 1 });
    const pageAndToken = await t.call<Row>('GET', '/Accounts?fields=id&page=1&page_token=x');
    expect(pageAndToken.json?.details).toEqual({
      ambiguity_due_to: [{ param_name: 'page' }, { param_name: 'page_token' }],
    });
    const cvidAndSort = await t.call<Row>('GET', '/Accounts?fields=id&cvid=1&sort_by=id');
    expect(cvidAndSort.json?.details).toEqual({
      ambiguity_due_to: [{ param_name: 'cvid' }, { param_name: 'sort_by' }],
    });
  });

  it('places a COQL syntax error by line, column and the text near it', async () => {
    const t = await setupEmulator();
    const res = await t.call<Row>('POST', '/coql', {
      select_query: "select id\nfrom Accounts where Account_Name = 'x",
    });
    expect(res.json).toMatchObject({
      code: 'SYNTAX_ERROR',
      details: { line: 2, column: 36, near: "'x" },
    });
  });

  it("answers search's iteration limit and a bad operator with Zoho's details", async () => {
    const t = await setupEmulator({ seed: 1 });
    const far = await t.call<Row>('GET', '/Accounts/search?word=ab&page=11');
    expect(far.json).toEqual({
      code: 'LIMIT_REACHED',
      details: { limit: '2000' },
      message: 'maximum response iteration limit reached',
      status: 'error',
    });
    const criteria = encodeURIComponent('(Account_Name:like:x)');
    const bad = await t.call<Row>('GET', `/Accounts/search?criteria=${criteria}`);
    expect(bad.json).toMatchObject({
      code: 'INVALID_QUERY',
      details: { api_name: 'Account_Name', operator: 'like', reason: expect.any(String) },
    });
  });

  it('names a bad header as param_name', async () => {
    const t = await setupEmulator({ seed: 1 });
    const res = await t.call<Row>('GET', '/Accounts/deleted', undefined, {
      'If-Modified-Since': 'yesterday',
    });
    expect(res.json).toMatchObject({
      code: 'INVALID_DATA',
      details: { param_name: 'If-Modified-Since' },
    });
  });
});
