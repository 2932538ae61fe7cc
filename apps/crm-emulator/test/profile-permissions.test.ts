import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

interface Permission {
  module: string;
  name: string;
  display_label: string;
  enabled: boolean;
  id: string;
  parent_permissions: string[] | null;
}

/** `GET /settings/profiles/{id}`'s flat permission list. */
async function permissionsOf(t: Awaited<ReturnType<typeof setupEmulator>>, id: string) {
  const res = await t.call('GET', `/settings/profiles/${id}`);
  expect(res.status).toBe(200);
  return res.json.profiles[0].permissions_details as Permission[];
}

const STANDARD = '900000021';

describe('a profile’s module permissions', () => {
  it('are listed per module with Zoho’s names, all enabled by default', async () => {
    const t = await setupEmulator();
    const me = (await t.call('GET', '/users?type=CurrentUser')).json.users[0];
    expect(me.profile).toEqual({ id: '900000020', name: 'Administrator' });
    const details = await permissionsOf(t, STANDARD);
    const deals = details.filter((p) => p.module === 'Deals');
    expect(deals.map((p) => [p.display_label, p.name])).toEqual([
      ['View', 'Crm_Implied_View_Potentials'],
      ['Create', 'Crm_Implied_Create_Potentials'],
      ['Edit', 'Crm_Implied_Edit_Potentials'],
      ['Delete', 'Crm_Implied_Delete_Potentials'],
    ]);
    expect(details.every((p) => p.enabled && /^\d{19}$/.test(p.id))).toBe(true);
    expect(
      details.find((p) => p.name === 'Crm_Implied_Edit_SalesOrders')?.parent_permissions,
    ).toEqual([details.find((p) => p.name === 'Crm_Implied_View_SalesOrders')?.id]);
    const bad = await t.call('GET', '/settings/profiles/42');
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('INVALID_DATA');
  });

  it('are turned off by a control; Zoho then refuses the module with NO_PERMISSION', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    await t.control('POST', '/users', {
      email: 'rep@kanjo.test',
      name: 'Rep',
      profile: 'Standard',
    });
    const rep = await t.login('rep@kanjo.test');
    const off = await t.control('PUT', '/profiles/Standard/permissions', {
      module: 'Quotes',
      create: false,
      edit: false,
    });
    expect(off.status).toBe(200);
    const quotes = (await permissionsOf(t, STANDARD)).filter((p) => p.module === 'Quotes');
    expect(quotes.map((p) => [p.display_label, p.enabled])).toEqual([
      ['View', true],
      ['Create', false],
      ['Edit', false],
      ['Delete', true],
    ]);

    expect((await rep.call('GET', '/Quotes?fields=Subject')).status).not.toBe(403);
    const insert = await rep.call('POST', '/Quotes', { data: [{ Subject: 'Q-1' }] });
    expect(insert.status).toBe(403);
    expect(insert.json).toEqual({
      code: 'NO_PERMISSION',
      details: { permissions: ['Crm_Implied_Create_Quotes'] },
      message: 'permission denied',
      status: 'error',
    });
    const upsert = await rep.call('POST', '/Quotes/upsert', { data: [{ Subject: 'Q-1' }] });
    expect(upsert.json.details.permissions).toEqual([
      'Crm_Implied_Create_Quotes',
      'Crm_Implied_Edit_Quotes',
    ]);
    // The administrator's profile is untouched.
    const account = (await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Acme' }] })).json
      .data[0].details.id;
    const product = (await t.call('POST', '/Products', { data: [{ Product_Name: 'Hour' }] })).json
      .data[0].details.id;
    const quote = {
      Subject: 'Q-2',
      Account_Name: { id: account },
      Quoted_Items: [{ Product_Name: { id: product }, Quantity: 1 }],
    };
    expect((await t.call('POST', '/Quotes', { data: [quote] })).status).toBe(201);

    // Without View nothing of the module holds, COQL reads included.
    await t.control('PUT', '/profiles/900000021/permissions', { module: 'Deals', view: false });
    expect((await rep.call('GET', '/Deals?fields=Deal_Name')).status).toBe(403);
    const coql = await rep.call('POST', '/coql', { select_query: 'select Deal_Name from Deals' });
    expect(coql.json.details.permissions).toEqual(['Crm_Implied_View_Potentials']);
    expect((await rep.call('GET', '/Accounts?fields=Account_Name')).status).toBe(200);

    expect((await t.control('PUT', '/profiles/Boss/permissions', { module: 'Deals' })).status).toBe(
      404,
    );
    const unknown = await t.control('PUT', '/profiles/Standard/permissions', { module: 'Leads' });
    expect(unknown.status).toBe(400);
    await t.control('POST', '/reset');
    const after = await t.login();
    const reset = await after.call('GET', `/settings/profiles/${STANDARD}`);
    const details = reset.json.profiles[0].permissions_details as Permission[];
    expect(details.every((p) => p.enabled)).toBe(true);
  });
});
