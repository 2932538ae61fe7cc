import { describe, expect, it } from 'vitest';
import { setupEmulator, type CallResult } from './support';

type Row = Record<string, unknown>;
interface Body {
  code?: string;
  details?: Row;
  data?: Row[];
  info?: Row;
  fields?: Row[];
  custom_views?: Row[];
  profiles?: Row[];
}

async function setup() {
  const t = await setupEmulator();
  type Call = (method: string, path: string, body?: unknown) => Promise<CallResult<Body>>;
  /** A `call` as another CRM user (a client made for `email`). */
  const caller = async (email?: string): Promise<Call> => {
    const session = await t.login(email);
    return (method, path, body) => session.call<Body>(method, path, body);
  };
  const call = (method: string, path: string, body?: unknown) => t.call<Body>(method, path, body);
  const insert = async (module: string, data: Row[], as: Call = call) => {
    const res = await as('POST', `/${module}`, { data });
    expect(res.status).toBe(201);
    return (res.json?.data ?? []).map((item) => String((item.details as Row | undefined)?.id));
  };
  return { ...t, call, caller, insert };
}

const ids = (body: Body | undefined) => (body?.data ?? []).map((r) => r.id);

describe('settings/fields', () => {
  it('describes the standard fields of Accounts, Contacts, Products and Deals', async () => {
    const { call } = await setup();
    for (const module of ['Accounts', 'Contacts', 'Products', 'Deals']) {
      const res = await call('GET', `/settings/fields?module=${module}`);
      expect(res.status).toBe(200);
      for (const field of res.json?.fields ?? []) {
        expect(Object.keys(field)).toEqual(
          expect.arrayContaining([
            'api_name',
            'field_label',
            'data_type',
            'json_type',
            'custom_field',
            'length',
            'decimal_place',
            'pick_list_values',
            'lookup',
            'read_only',
            'system_mandatory',
            'unique',
          ]),
        );
        expect(field.custom_field).toBe(false);
      }
    }
    const accounts = (await call('GET', '/settings/fields?module=accounts')).json?.fields ?? [];
    const byName = new Map(accounts.map((f) => [f.api_name, f]));
    expect(byName.get('Account_Name')).toMatchObject({
      data_type: 'text',
      json_type: 'string',
      system_mandatory: true,
      field_label: 'Account Name',
    });
    expect(byName.get('Phone')).toMatchObject({ data_type: 'phone' });
    expect(byName.get('Website')).toMatchObject({ data_type: 'website' });
    expect(byName.get('Description')).toMatchObject({ data_type: 'textarea' });
    expect(byName.get('Owner')).toMatchObject({
      data_type: 'ownerlookup',
      json_type: 'jsonobject',
    });
    expect(byName.get('Modified_Time')).toMatchObject({ data_type: 'datetime', read_only: true });
    expect(byName.get('Exchange_Rate')).toMatchObject({ data_type: 'double', decimal_place: 9 });

    const contacts = (await call('GET', '/settings/fields?module=Contacts')).json?.fields ?? [];
    expect(contacts.find((f) => f.api_name === 'Email')).toMatchObject({ data_type: 'email' });
    expect(contacts.find((f) => f.api_name === 'Full_Name')).toMatchObject({ read_only: true });
    expect(contacts.find((f) => f.api_name === 'Account_Name')).toMatchObject({
      data_type: 'lookup',
      lookup: { module: { api_name: 'Accounts' } },
    });

    const products = (await call('GET', '/settings/fields?module=Products')).json?.fields ?? [];
    expect(products.find((f) => f.api_name === 'Unit_Price')).toMatchObject({
      data_type: 'currency',
      json_type: 'double',
    });
    expect(products.find((f) => f.api_name === 'Taxable')).toMatchObject({ data_type: 'boolean' });

    const deals = (await call('GET', '/settings/fields?module=Deals')).json?.fields ?? [];
    const stage = deals.find((f) => f.api_name === 'Stage');
    expect(stage).toMatchObject({ data_type: 'picklist', system_mandatory: true });
    const stages = (stage?.pick_list_values as Row[]).map((v) => v.actual_value);
    expect(stages[0]).toBe('Qualification');
    expect(stages).toEqual(expect.arrayContaining(['Closed Won', 'Closed Lost']));
    expect(deals.find((f) => f.api_name === 'Closing_Date')).toMatchObject({ data_type: 'date' });
  });

  it('refuses a missing or unknown module', async () => {
    const { call } = await setup();
    const none = await call('GET', '/settings/fields');
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'module' },
    });
    const unknown = await call('GET', '/settings/fields?module=Nope');
    expect(unknown.status).toBe(400);
    expect(unknown.json?.code).toBe('INVALID_MODULE');
  });
});

describe('settings/custom_views and cvid', () => {
  it('lists All (default), My and Recently Created views', async () => {
    const { call } = await setup();
    const res = await call('GET', '/settings/custom_views?module=Accounts');
    expect(res.status).toBe(200);
    const views = res.json?.custom_views ?? [];
    expect(views.map((v) => v.name)).toEqual([
      'All Accounts',
      'My Accounts',
      'Recently Created Accounts',
    ]);
    expect(views[0]).toMatchObject({ default: true, system_defined: true, criteria: null });
    expect(views[1]).toMatchObject({ default: false, display_value: 'My Accounts' });
    expect(res.json?.info).toMatchObject({ count: 3, more_records: false });
    const contacts = await call('GET', '/settings/custom_views?module=Contacts');
    expect(contacts.json?.custom_views?.[0]?.id).not.toBe(views[0]?.id);
    expect((await call('GET', '/settings/custom_views')).json?.code).toBe('REQUIRED_PARAM_MISSING');
  });

  it('filters a list by the view', async () => {
    const t = await setup();
    const [old] = await t.insert('Accounts', [{ Account_Name: 'Old' }]);
    t.advance(10 * 24 * 3600);
    // Ten days on the first tokens have expired: fresh ones for the admin and a second user.
    const me = await t.caller();
    const other = await t.caller('rep@kanjo.test');
    const [mine] = await t.insert('Accounts', [{ Account_Name: 'Mine' }], me);
    const [theirs] = await t.insert('Accounts', [{ Account_Name: 'Theirs' }], other);
    const views = (await me('GET', '/settings/custom_views?module=Accounts')).json?.custom_views;
    const cvid = (name: string) => String(views?.find((v) => v.name === name)?.id);

    const all = await me('GET', `/Accounts?fields=Account_Name&cvid=${cvid('All Accounts')}`);
    expect(ids(all.json).sort()).toEqual([old, mine, theirs].sort());
    const my = await me('GET', `/Accounts?fields=Account_Name&cvid=${cvid('My Accounts')}`);
    expect(ids(my.json).sort()).toEqual([old, mine].sort());
    const theirView = await other('GET', `/Accounts?fields=Owner&cvid=${cvid('My Accounts')}`);
    expect(ids(theirView.json)).toEqual([theirs]);
    const recent = await me(
      'GET',
      `/Accounts?fields=Account_Name&cvid=${cvid('Recently Created Accounts')}`,
    );
    expect(ids(recent.json).sort()).toEqual([mine, theirs].sort());
  });

  it('refuses cvid with sort_by, and an unknown cvid', async () => {
    const t = await setup();
    const views = (await t.call('GET', '/settings/custom_views?module=Accounts')).json
      ?.custom_views;
    const both = await t.call(
      'GET',
      `/Accounts?fields=Account_Name&sort_by=id&cvid=${String(views?.[0]?.id)}`,
    );
    expect(both.status).toBe(400);
    expect(both.json?.code).toBe('AMBIGUITY_DURING_PROCESSING');
    const unknown = await t.call('GET', '/Accounts?fields=Account_Name&cvid=123');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'cvid' } });
    const contactView = (await t.call('GET', '/settings/custom_views?module=Contacts')).json
      ?.custom_views?.[0]?.id;
    const wrongModule = await t.call(
      'GET',
      `/Accounts?fields=Account_Name&cvid=${String(contactView)}`,
    );
    expect(wrongModule.json?.code).toBe('INVALID_DATA');
  });
});

describe('settings/profiles', () => {
  it('lists Administrator, Standard and Sales', async () => {
    const { call } = await setup();
    const res = await call('GET', '/settings/profiles');
    expect(res.status).toBe(200);
    const profiles = res.json?.profiles ?? [];
    expect(profiles.map((p) => p.name)).toEqual(['Administrator', 'Standard', 'Sales']);
    for (const p of profiles) {
      expect(p).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        display_label: expect.any(String),
        default: expect.any(Boolean),
        description: expect.any(String),
      });
    }
  });
});

describe('related lists', () => {
  it('lists the contacts and deals of an account', async () => {
    const t = await setup();
    const [acme, other] = await t.insert('Accounts', [
      { Account_Name: 'Acme' },
      { Account_Name: 'Other' },
    ]);
    const [ann, bob] = await t.insert('Contacts', [
      { Last_Name: 'Ann', Account_Name: { id: acme, name: 'Acme' } },
      { Last_Name: 'Bob', Account_Name: { id: acme, name: 'Acme' } },
      { Last_Name: 'Cy', Account_Name: { id: other, name: 'Other' } },
    ]);
    const [deal] = await t.insert('Deals', [
      { Deal_Name: 'Big', Stage: 'Qualification', Account_Name: { id: acme } },
    ]);
    const contacts = await t.call('GET', `/Accounts/${String(acme)}/Contacts?fields=Last_Name`);
    expect(contacts.status).toBe(200);
    expect(ids(contacts.json).sort()).toEqual([ann, bob].sort());
    expect(contacts.json?.data?.[0]).toEqual({ Last_Name: expect.any(String), id: ann });
    expect(contacts.json?.info).toMatchObject({ per_page: 200, count: 2, page: 1 });
    const paged = await t.call(
      'GET',
      `/Accounts/${String(acme)}/Contacts?fields=Last_Name&per_page=1&page=2`,
    );
    expect(paged.json?.info).toMatchObject({ count: 1, page: 2, more_records: false });
    const deals = await t.call('GET', `/Accounts/${String(acme)}/Deals?fields=Deal_Name`);
    expect(ids(deals.json)).toEqual([deal]);
    const none = await t.call('GET', `/Accounts/${String(other)}/Deals?fields=Deal_Name`);
    expect(none.status).toBe(204);
    const noFields = await t.call('GET', `/Accounts/${String(acme)}/Contacts`);
    expect(noFields.json?.code).toBe('REQUIRED_PARAM_MISSING');
  });
});

describe('search', () => {
  async function seeded() {
    const t = await setup();
    const [acme, globex] = await t.insert('Accounts', [
      { Account_Name: 'Acme (Japan), Ltd', Phone: '+81 3-1234-5678', Industry: 'Retail' },
      { Account_Name: 'Globex', Phone: '555-0100', Industry: 'Technology' },
    ]);
    const [ann, bob] = await t.insert('Contacts', [
      { First_Name: 'Ann', Last_Name: 'Lee', Email: 'ann@acme.test' },
      { First_Name: 'Bob', Last_Name: 'Stone', Email: 'bob@globex.test' },
    ]);
    const [small, big, huge] = await t.insert('Deals', [
      { Deal_Name: 'Small', Stage: 'Qualification', Amount: 100, Closing_Date: '2026-01-10' },
      { Deal_Name: 'Big', Stage: 'Closed Won', Amount: 5000, Closing_Date: '2026-02-10' },
      { Deal_Name: 'Huge', Stage: 'Closed Lost', Amount: 90000, Closing_Date: '2026-03-10' },
    ]);
    return { ...t, acme, globex, ann, bob, small, big, huge };
  }
  const q = (criteria: string) => `criteria=${encodeURIComponent(criteria)}`;

  it('searches by criteria with every operator', async () => {
    const t = await seeded();
    const search = async (module: string, criteria: string) =>
      ids((await t.call('GET', `/${module}/search?${q(criteria)}`)).json).sort();
    // equals on a text field is contains, ignoring case.
    expect(await search('Accounts', '(Account_Name:equals:acme)')).toEqual([t.acme]);
    expect(await search('Accounts', '(Account_Name:equals:Acme \\(Japan\\)\\, Ltd)')).toEqual([
      t.acme,
    ]);
    expect(await search('Accounts', '(Account_Name:starts_with:glob)')).toEqual([t.globex]);
    expect(await search('Accounts', '(Account_Name:not_equal:Acme)')).toEqual([t.globex]);
    expect(await search('Accounts', '(Industry:in:Retail,Other)')).toEqual([t.acme]);
    expect(await search('Deals', '(Amount:greater_than:100)')).toEqual([t.big, t.huge].sort());
    expect(await search('Deals', '(Amount:greater_equal:100)')).toEqual(
      [t.small, t.big, t.huge].sort(),
    );
    expect(await search('Deals', '(Amount:less_than:5000)')).toEqual([t.small]);
    expect(await search('Deals', '(Amount:less_equal:5000)')).toEqual([t.small, t.big].sort());
    expect(await search('Deals', '(Amount:between:200,90000)')).toEqual([t.big, t.huge].sort());
    expect(await search('Deals', '(Closing_Date:between:2026-02-01,2026-12-31)')).toEqual(
      [t.big, t.huge].sort(),
    );
    expect(await search('Deals', '(Stage:equals:Closed Won)')).toEqual([t.big]);
    expect(
      await search('Deals', '((Stage:starts_with:Closed) and (Amount:less_than:10000))'),
    ).toEqual([t.big]);
    expect(await search('Deals', '((Deal_Name:equals:Small) or (Deal_Name:equals:Huge))')).toEqual(
      [t.small, t.huge].sort(),
    );
  });

  it('uses criteria > email > phone > word, in that priority', async () => {
    const t = await seeded();
    const both = await t.call(
      'GET',
      `/Contacts/search?${q('(Last_Name:equals:Stone)')}&email=ann@acme.test`,
    );
    expect(ids(both.json)).toEqual([t.bob]);
    const email = await t.call('GET', '/Contacts/search?email=ANN@acme.test&word=Stone');
    expect(ids(email.json)).toEqual([t.ann]);
    const phone = await t.call('GET', '/Accounts/search?phone=1234&word=Globex');
    expect(ids(phone.json)).toEqual([t.acme]);
    const word = await t.call('GET', '/Contacts/search?word=sto');
    expect(ids(word.json)).toEqual([t.bob]);
    expect(word.json?.info).toMatchObject({
      per_page: 200,
      page: 1,
      count: 1,
      more_records: false,
    });
  });

  it('pages results, picks fields and answers 204 for nothing', async () => {
    const t = await seeded();
    const page = await t.call('GET', '/Deals/search?word=ig&per_page=1&fields=Deal_Name');
    expect(page.json?.data).toEqual([{ Deal_Name: 'Big', id: t.big }]);
    expect(page.json?.info).toMatchObject({ per_page: 1, page: 1, more_records: false });
    const two = await t.call(
      'GET',
      `/Deals/search?${q('(Amount:greater_than:0)')}&per_page=2&page=2`,
    );
    expect(two.json?.info).toMatchObject({ per_page: 2, page: 2, count: 1, more_records: false });
    const none = await t.call('GET', '/Contacts/search?email=nobody@x.test');
    expect(none.status).toBe(204);
    expect(none.json).toBeUndefined();
  });

  it('refuses bad searches', async () => {
    const t = await seeded();
    const codeOf = async (query: string) =>
      (await t.call('GET', `/Contacts/search${query}`)).json?.code;
    expect(await codeOf('')).toBe('REQUIRED_PARAM_MISSING');
    expect(await codeOf('?phone=12')).toBe('INVALID_DATA');
    expect(await codeOf('?word=a')).toBe('INVALID_DATA');
    expect(await codeOf(`?${q('(Last_Name:like:x)')}`)).toBe('INVALID_QUERY');
    expect(await codeOf(`?${q('(Last_Name:equals:x')}`)).toBe('INVALID_QUERY');
    const eleven = Array.from({ length: 11 }, (_, i) => `(Last_Name:equals:n${i})`).join(' or ');
    expect(await codeOf(`?${q(`(${eleven})`)}`)).toBe('LIMIT_EXCEEDED');
    expect(await codeOf('?word=ann&page=11')).toBe('LIMIT_REACHED');
    expect((await t.call('GET', '/Nope/search?word=ab')).json?.code).toBe('INVALID_MODULE');
  });
});
