import { DEFAULT_CRM_SYNC_SETTINGS, type CrmSyncSettings } from '@kanjo/core';
import { serveEmulator, type ServeEmulatorOptions } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCrmActive, crmSyncState } from '../src/crm/settings-store';
import { uuidv7 } from '../src/ids';
import { Client, makeTestApp, signUp, type TestApp } from './helpers';
import { useSyncContexts } from './crm-sync-setup';
import { staleDevice } from './crm-stale-device';

/** A Zoho CRM v8 emulator on a real port, with its control API. */
async function startTestEmulator(options: ServeEmulatorOptions['options'] = {}) {
  const { url, close } = await serveEmulator({ db: new Database(':memory:'), port: 0, options });
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${url}/__emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.ok, `POST ${path}: ${await res.clone().text()}`).toBe(true);
    return (await res.json()) as Record<string, string>;
  };
  return {
    url,
    close,
    newClient: (email: string) => control('/clients', { email }),
    addField: (field: { module: string; api_name: string; data_type: string }) =>
      control('/fields', field),
  };
}
type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;

let emulator: TestEmulator;
let usdEmulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
  usdEmulator = await startTestEmulator({
    org: { multiCurrency: true, isoCode: 'USD', currencySymbol: '$' },
  });
});
afterAll(async () => {
  await emulator.close();
  await usdEmulator.close();
});

/** An organization's owner, connected to `via` unless `via` is null. */
async function owner({
  via = emulator as TestEmulator | null,
  t = undefined as TestApp | undefined,
} = {}) {
  const app = t ?? (await makeTestApp());
  const { client, email, me } = await signUp(app.app);
  const organizationId = String(me.organization.id);
  if (via) {
    const crm = await via.newClient(email);
    const res = await client.put('/api/crm/connection', {
      email,
      apiDomain: via.url,
      accountsUrl: via.url,
      clientId: crm.client_id,
      clientSecret: crm.client_secret,
      refreshToken: crm.refresh_token,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  return { t: app, owner: client, organizationId };
}

async function member(t: TestApp, by: Client, role: 'admin' | 'sales') {
  const invite = await by.post('/api/users', { email: `${role}-${uuidv7()}@example.com`, role });
  const client = new Client(t.app);
  await client.post('/api/auth/accept-invite', {
    token: invite.json.invitation.token,
    password: 'a long enough password',
  });
  return client;
}

const syncContexts = useSyncContexts();

/** The defaults, editable. */
const defaults = (): CrmSyncSettings => structuredClone(DEFAULT_CRM_SYNC_SETTINGS);

describe('GET /api/crm/settings', () => {
  it('answers the defaults when nothing was saved', async () => {
    const { owner: client } = await owner({ via: null });
    const res = await client.get('/api/crm/settings');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      settings: DEFAULT_CRM_SYNC_SETTINGS,
      setup: 'pending',
      waitingViews: [],
      paused: false,
      pausedAt: null,
      updatedAt: null,
      currency: { organization: 'JPY', crm: null, multiCurrency: null, twoWayAllowed: true },
      budget: { usedToday: 0, limit: null },
    });
  });

  it('is read by every member but changed only by owners and admins', async () => {
    const { t, owner: client } = await owner();
    const sales = await member(t, client, 'sales');
    expect((await sales.get('/api/crm/settings')).status).toBe(200);
    expect((await sales.get('/api/crm/kanjo-fields?entity=customer')).status).toBe(200);
    for (const res of [
      await sales.put('/api/crm/settings', { settings: defaults() }),
      await sales.post('/api/crm/pause'),
      await sales.post('/api/crm/resume'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
    }
    const admin = await member(t, client, 'admin');
    expect((await admin.put('/api/crm/settings', { settings: defaults() })).status).toBe(200);
  });
});

describe('PUT /api/crm/settings', () => {
  it('refuses a view the CRM does not have, naming the module, and stores nothing', async () => {
    const { owner: client } = await owner();
    const stored = async () => {
      const { settings, updatedAt } = (await client.get('/api/crm/settings')).json;
      return { settings, updatedAt };
    };
    const before = await stored();
    for (const [set, module] of [
      [(s: CrmSyncSettings) => (s.customers.views.accounts = '999000111'), 'Accounts'],
      [(s: CrmSyncSettings) => (s.customers.views.contacts = '999000112'), 'Contacts'],
      [
        (s: CrmSyncSettings) => (s.items = { mode: 'both', duplicates: 'skip', view: '999000113' }),
        'Products',
      ],
    ] as const) {
      const settings = defaults();
      set(settings);
      const res = await client.put('/api/crm/settings', { settings });
      expect(res.status, module).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'CRM_VIEW_NOT_FOUND', details: { module } });
      expect(res.json.error.message).toContain(module);
    }
    expect(await stored()).toEqual(before);
    // A view the CRM has is taken.
    const views = (await client.get('/api/crm/views?module=Accounts')).json.views as {
      id: string;
    }[];
    const settings = defaults();
    settings.customers.views.accounts = views[0]?.id ?? null;
    expect((await client.put('/api/crm/settings', { settings })).status).toBe(200);
  });

  it('stores the settings and answers what GET answers', async () => {
    const { t, owner: client } = await owner();
    const views = (await client.get('/api/crm/views?module=Contacts')).json.views as {
      id: string;
    }[];
    const settings = defaults();
    settings.customers.module = 'accountsAndContacts';
    settings.customers.includeUnlinkedContacts = true;
    settings.customers.duplicates = 'skip';
    settings.customers.views.contacts = views[1]?.id ?? null;
    settings.items = { mode: 'both', duplicates: 'clone', view: null };
    settings.conflictRule = 'ask';
    settings.automatic = { enabled: false, intervalMinutes: 60 };

    const res = await client.put('/api/crm/settings', { settings });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.warnings).toEqual([]);
    expect(res.json.settings).toEqual(settings);
    expect(res.json.updatedAt).toBe(t.clock.now().toISOString());
    const { warnings: _, ...view } = res.json;
    expect((await client.get('/api/crm/settings')).json).toEqual(view);
  });

  it('refuses invalid settings with 400 VALIDATION_FAILED naming each path', async () => {
    const { owner: client } = await owner({ via: null });
    const settings = { ...defaults(), automatic: { enabled: true, intervalMinutes: 1 } };
    const bad = { ...settings, customers: { ...settings.customers, extent: 'sideways' } };
    const res = await client.put('/api/crm/settings', { settings: bad });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    const paths = (res.json.error.details.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['settings.customers.extent', 'settings.automatic.intervalMinutes']),
    );
    expect((await client.get('/api/crm/settings')).json.updatedAt).toBeNull();
  });

  it('saves without a connection, checking Kanjo’s side only, and says so', async () => {
    const { owner: client } = await owner({ via: null });
    const settings = defaults();
    settings.customers.mapping.accounts.push({ kanjo: 'email', crm: 'Not_In_Any_Crm' });
    const res = await client.put('/api/crm/settings', { settings });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.warnings).toEqual([{ code: 'CRM_NOT_CHECKED', message: expect.any(String) }]);

    settings.customers.mapping.accounts.push({ kanjo: 'customFields.region', crm: 'Region' });
    const refused = await client.put('/api/crm/settings', { settings });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.problems).toEqual([
      expect.objectContaining({ kanjo: 'customFields.region', code: 'UNKNOWN_KANJO_FIELD' }),
    ]);
  });
});

describe('currency', () => {
  it('refuses two-way and item sync when the multi-currency CRM’s base currency differs', async () => {
    const { owner: client } = await owner({ via: usdEmulator });
    const got = await client.get('/api/crm/settings');
    expect(got.json.currency).toEqual({
      organization: 'JPY',
      crm: 'USD',
      multiCurrency: true,
      twoWayAllowed: false,
      message: expect.stringContaining("The CRM's base currency is USD and Kanjo's is JPY"),
    });

    const twoWay = await client.put('/api/crm/settings', { settings: defaults() });
    expect(twoWay.status).toBe(409);
    expect(twoWay.json.error.code).toBe('CRM_CURRENCY_MISMATCH');
    expect(twoWay.json.error.message).toContain('USD');
    expect(twoWay.json.error.message).toContain('JPY');
    expect(twoWay.json.error.details.fields).toEqual(['customers.extent']);

    const settings = defaults();
    settings.customers.extent = 'fetch';
    settings.items.mode = 'fetch';
    const items = await client.put('/api/crm/settings', { settings });
    expect(items.status).toBe(409);
    expect(items.json.error.details.fields).toEqual(['items.mode']);

    settings.items.mode = 'off';
    const fetchOnly = await client.put('/api/crm/settings', { settings });
    expect(fetchOnly.status, JSON.stringify(fetchOnly.json)).toBe(200);
    expect(fetchOnly.json.settings.customers.extent).toBe('fetch');
  });

  it('allows two-way sync when the CRM has one currency, even another one', async () => {
    const { owner: client } = await owner();
    const got = await client.get('/api/crm/settings');
    expect(got.json.currency).toEqual({
      organization: 'JPY',
      crm: 'JPY',
      multiCurrency: false,
      twoWayAllowed: true,
    });
  });
});

describe('field mapping', () => {
  it('refuses unknown CRM fields, incompatible types and unknown Kanjo custom fields', async () => {
    const { owner: client } = await owner();
    await emulator.addField({ module: 'Accounts', api_name: 'Head_Count', data_type: 'integer' });
    const settings = defaults();
    const first = settings.customers.mapping.accounts.length;
    settings.customers.mapping.accounts.push(
      { kanjo: 'email', crm: 'No_Such_Field' },
      { kanjo: 'companyName', crm: 'Head_Count' },
      { kanjo: 'customFields.region', crm: 'Account_Number' },
    );
    const res = await client.put('/api/crm/settings', { settings });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('MAPPING_INVALID');
    expect(res.json.error.details.problems).toEqual([
      expect.objectContaining({
        list: 'accounts',
        index: first,
        kanjo: 'email',
        crm: 'No_Such_Field',
        code: 'UNKNOWN_CRM_FIELD',
      }),
      expect.objectContaining({ index: first + 1, code: 'TYPE_MISMATCH' }),
      expect.objectContaining({ index: first + 2, code: 'UNKNOWN_KANJO_FIELD' }),
    ]);
    for (const problem of res.json.error.details.problems as { reason: unknown }[]) {
      expect(problem.reason).toEqual(expect.any(String));
    }
  });

  it('maps a Kanjo custom field to a CRM custom field added after the fields were listed', async () => {
    const { owner: client } = await owner();
    await client.get('/api/crm/fields?module=Accounts');
    const apiName = `Region_${uuidv7().replace(/-/g, '').slice(-8)}`;
    await emulator.addField({ module: 'Accounts', api_name: apiName, data_type: 'text' });
    const patched = await client.patch('/api/organization', {
      customerFields: [{ key: 'region', label: 'Region', type: 'text' }],
    });
    expect(patched.status).toBe(200);

    const settings = defaults();
    settings.customers.mapping.accounts.push({ kanjo: 'customFields.region', crm: apiName });
    const res = await client.put('/api/crm/settings', { settings });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.settings.customers.mapping.accounts).toContainEqual({
      kanjo: 'customFields.region',
      crm: apiName,
    });
  });
});

describe('CRM and Kanjo field lists', () => {
  it('lists a module’s fields from the CRM, custom ones marked', async () => {
    const { owner: client } = await owner();
    await emulator.addField({ module: 'Contacts', api_name: 'Hobby', data_type: 'text' });
    const res = await client.get('/api/crm/fields?module=Contacts&refresh=1');
    expect(res.status).toBe(200);
    const fields = res.json.fields as { apiName: string }[];
    expect(fields).toContainEqual(
      expect.objectContaining({ apiName: 'Hobby', custom: true, dataType: 'text' }),
    );
    expect(fields).toContainEqual(
      expect.objectContaining({ apiName: 'Email', label: 'Email', custom: false, readOnly: false }),
    );
    expect(fields).toContainEqual(
      expect.objectContaining({
        apiName: 'Salutation',
        dataType: 'picklist',
        pickList: expect.arrayContaining([{ value: 'Dr.', label: 'Dr.' }]),
      }),
    );
  });

  it('forgets the cached fields when the connection changes', async () => {
    const { owner: client } = await owner();
    const usedToday = async () =>
      (await client.get('/api/crm/settings')).json.budget.usedToday as number;
    await client.get('/api/crm/fields?module=Accounts');
    const cached = await usedToday();
    await client.get('/api/crm/fields?module=Accounts');
    expect(await usedToday()).toBe(cached);

    expect((await client.post('/api/crm/connection/test')).status).toBe(200);
    const afterTest = await usedToday();
    await client.get('/api/crm/fields?module=Accounts');
    expect(await usedToday()).toBe(afterTest + 1);
  });

  it('lists a module’s views', async () => {
    const { owner: client } = await owner();
    const res = await client.get('/api/crm/views?module=Accounts');
    expect(res.status).toBe(200);
    expect(res.json.views).toHaveLength(3);
    expect(res.json.views).toContainEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'All Accounts',
      systemDefined: true,
      default: true,
    });
  });

  it('refuses unknown modules and answers CRM_NOT_CONNECTED without a connection', async () => {
    const { owner: client } = await owner({ via: null });
    for (const path of [
      '/api/crm/fields?module=Deals',
      '/api/crm/views',
      '/api/crm/kanjo-fields',
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    const res = await client.get('/api/crm/fields?module=Accounts');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('CRM_NOT_CONNECTED');
  });

  it('answers CRM_DISABLED while the connection is disabled', async () => {
    const { owner: client } = await owner();
    await client.post('/api/crm/connection/disable');
    const res = await client.get('/api/crm/views?module=Products');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CRM_DISABLED');
  });

  it('lists Kanjo’s fields with the organization’s custom fields', async () => {
    const { owner: client } = await owner({ via: null });
    await client.patch('/api/organization', {
      customerFields: [{ key: 'tier', label: 'Tier', type: 'select', options: ['A', 'B'] }],
    });
    const customer = (await client.get('/api/crm/kanjo-fields?entity=customer')).json.fields;
    expect(customer).toContainEqual({
      path: 'email',
      type: 'email',
      custom: false,
      maxLength: 254,
    });
    expect(customer).toContainEqual({
      path: 'customFields.tier',
      type: 'select',
      custom: true,
      label: 'Tier',
      options: ['A', 'B'],
    });
    const persons = (await client.get('/api/crm/kanjo-fields?entity=contactPerson')).json.fields;
    expect(persons.map((f: { path: string }) => f.path)).toContain('contact.lastName');
    const items = (await client.get('/api/crm/kanjo-fields?entity=item')).json.fields;
    expect(items).toContainEqual({ path: 'rate', type: 'number', custom: false });
  });
});

describe('pause and resume', () => {
  it('pauses and resumes sync, and the reconciler’s guard follows', async () => {
    const { t, owner: client, organizationId } = await owner();
    expect(await crmSyncState(t.db, organizationId)).toMatchObject({ paused: false, setUp: false });

    const paused = await client.post('/api/crm/pause');
    expect(paused.status).toBe(200);
    expect(paused.json).toEqual({ paused: true, pausedAt: t.clock.now().toISOString() });
    const pausedAt = paused.json.pausedAt as string;
    t.clock.advance(60_000);
    expect((await client.post('/api/crm/pause')).json).toEqual({ paused: true, pausedAt });
    expect((await client.get('/api/crm/settings')).json).toMatchObject({ paused: true, pausedAt });
    await expect(assertCrmActive(t.db, organizationId)).rejects.toMatchObject({
      code: 'CRM_SYNC_PAUSED',
      status: 409,
    });
    // Saving rules does not resume.
    expect((await client.put('/api/crm/settings', { settings: defaults() })).json.paused).toBe(
      true,
    );

    expect((await client.post('/api/crm/resume')).json).toEqual({ paused: false, pausedAt: null });
    expect(await crmSyncState(t.db, organizationId)).toEqual({
      settings: DEFAULT_CRM_SYNC_SETTINGS,
      setUp: true,
      paused: false,
      pausedAt: null,
      connection: 'connected',
    });

    await client.post('/api/crm/connection/disable');
    await expect(assertCrmActive(t.db, organizationId)).rejects.toMatchObject({
      code: 'CRM_DISABLED',
    });
  });

  it('refuses sync without a connection', async () => {
    const { t, organizationId } = await owner({ via: null });
    expect((await crmSyncState(t.db, organizationId)).connection).toBe('none');
    await expect(assertCrmActive(t.db, organizationId)).rejects.toMatchObject({
      code: 'CRM_NOT_CONNECTED',
    });
  });
});

describe('stored rules that no longer parse', () => {
  it('refuse reads and runs, keep customer writes waiting for the CRM, and never sync under the defaults', async () => {
    const { t, owner: client, organizationId } = await owner();
    const settings = defaults();
    settings.customers.extent = 'fetch';
    expect((await client.put('/api/crm/settings', { settings })).status).toBe(200);
    await t.db
      .updateTable('crm_settings')
      // Well-formed JSON in a shape these rules no longer have.
      .set({ settings: JSON.stringify({ ...settings, customers: { extent: 'sideways' } }) })
      .where('organization_id', '=', organizationId)
      .execute();
    const business = { kind: 'business', displayName: 'Not for the CRM', contactPersons: [] };
    const queued = () =>
      t.sql.all('SELECT entity FROM crm_outbox WHERE organization_id = ?', organizationId);

    // The person's write is kept; the record waits in the outbox for rules that can be read.
    const write = await client.post('/api/customers', { ...business, customFields: {} });
    expect(write.status).toBe(201);
    expect(await queued()).toEqual([{ entity: 'customer' }]);
    const read = await client.get('/api/crm/settings');
    expect(read.status).toBe(409);
    expect(read.json.error.code).toBe('CRM_SETTINGS_UNREADABLE');
    await expect(assertCrmActive(t.db, organizationId)).rejects.toMatchObject({
      code: 'CRM_SETTINGS_UNREADABLE',
    });

    // Saving the rules again mends the row: later writes queue under the saved rules (fetch
    // only: nothing more is queued), and runs start again.
    expect((await client.put('/api/crm/settings', { settings })).status).toBe(200);
    const again = await client.post('/api/customers', { ...business, customFields: {} });
    expect(again.status).toBe(201);
    expect(await queued()).toEqual([{ entity: 'customer' }]);
    await expect(assertCrmActive(t.db, organizationId)).resolves.toMatchObject({ setUp: true });
  });

  it('hold a stale device edit that meets a CRM write for a person, under neither the stored rule nor the defaults', async () => {
    // Stored "Kanjo wins" would send the device's value; the defaults' "CRM wins" would drop it.
    const { s, id, device } = await staleDevice(syncContexts, 'kanjoWins');
    await s.t.db
      .updateTable('crm_settings')
      // Well-formed JSON in a shape these rules no longer have.
      .set({
        settings: JSON.stringify({
          ...defaults(),
          conflictRule: 'kanjoWins',
          customers: 'sideways',
        }),
      })
      .where('organization_id', '=', s.organizationId)
      .execute();

    device.edit('customer', 'customer.patch', id, { phone: 'offline' });
    expect((await device.push()).status).toBe(200);
    expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('crm');
    const conflicts = (await s.owner.get('/api/conflicts')).json.items as unknown[];
    expect(conflicts).toMatchObject([
      { field: 'phone', winningValue: 'crm', losingValue: 'offline', crmRule: 'ask' },
    ]);
  });
});

describe('CRM API budget', () => {
  it('counts every CRM call made for the organization, per UTC day', async () => {
    const { t, owner: client } = await owner();
    const usedToday = async () =>
      (await client.get('/api/crm/settings')).json.budget.usedToday as number;
    const before = await usedToday();
    await client.get('/api/crm/fields?module=Accounts&refresh=1');
    await client.get('/api/crm/views?module=Accounts&refresh=1');
    await client.get('/api/crm/views?module=Accounts');
    expect(await usedToday()).toBe(before + 2);

    t.clock.advance(24 * 3600 * 1000);
    expect(await usedToday()).toBe(0);
  });
});

describe('organization scoping', () => {
  it('keeps each organization’s settings, pause and usage apart', async () => {
    const first = await owner();
    const settings = defaults();
    settings.conflictRule = 'kanjoWins';
    expect((await first.owner.put('/api/crm/settings', { settings })).status).toBe(200);
    await first.owner.post('/api/crm/pause');
    await first.owner.get('/api/crm/fields?module=Products');

    const second = await owner({ via: null, t: first.t });
    const res = await second.owner.get('/api/crm/settings');
    expect(res.json).toMatchObject({
      settings: DEFAULT_CRM_SYNC_SETTINGS,
      paused: false,
      updatedAt: null,
      budget: { usedToday: 0, limit: null },
    });
    expect((await crmSyncState(first.t.db, second.organizationId)).paused).toBe(false);
    const fields = await second.owner.get('/api/crm/fields?module=Products');
    expect(fields.json.error.code).toBe('CRM_NOT_CONNECTED');
  });
});
