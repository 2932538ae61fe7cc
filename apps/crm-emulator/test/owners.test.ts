import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

/** An emulator with a second CRM user, "Sales Rep". */
async function setup() {
  const t = await setupEmulator();
  const added = await t.control('POST', '/users', {
    email: 'rep@kanjo.test',
    name: 'Sales Rep',
    profile: 'Standard',
  });
  const rep = added.json as { id: string };
  const admin = (await t.call('GET', '/users?type=CurrentUser')).json.users[0] as { id: string };
  const read = async (module: string, id: string) =>
    (await t.call('GET', `/${module}/${id}`)).json.data[0];
  return { ...t, rep, admin, read };
}

describe('a writable Owner', () => {
  it('sets the owner on insert, as { id } or a bare id; Created_By stays the caller', async () => {
    const t = await setup();
    const res = await t.call('POST', '/Accounts', {
      data: [
        { Account_Name: 'Acme', Owner: { id: t.rep.id } },
        { Account_Name: 'Globex', Owner: t.rep.id },
        { Account_Name: 'Initech' },
      ],
    });
    expect(res.status).toBe(201);
    const ids: string[] = res.json.data.map((d: { details: { id: string } }) => d.details.id);
    const [acme, globex, initech] = await Promise.all(ids.map((id) => t.read('Accounts', id)));
    const repOwner = { id: t.rep.id, name: 'Sales Rep', email: 'rep@kanjo.test' };
    expect(acme).toMatchObject({ Owner: repOwner, Created_By: { id: t.admin.id } });
    expect(acme.Modified_By.id).toBe(t.admin.id);
    expect(globex.Owner).toEqual(repOwner);
    expect(initech.Owner.id).toBe(t.admin.id);
    expect(res.json.data[0].details.Created_By.id).toBe(t.admin.id);
  });

  it('changes the owner on update and upsert; leaving Owner out keeps it', async () => {
    const t = await setup();
    const id = (
      await t.call('POST', '/Deals', { data: [{ Deal_Name: 'D', Stage: 'Qualification' }] })
    ).json.data[0].details.id;
    await t.call('PUT', `/Deals/${id}`, { data: [{ Owner: { id: t.rep.id } }] });
    expect((await t.read('Deals', id)).Owner.id).toBe(t.rep.id);
    await t.call('PUT', '/Deals', { data: [{ id, Amount: 5 }] });
    expect(await t.read('Deals', id)).toMatchObject({ Owner: { id: t.rep.id }, Amount: 5 });
    const up = await t.call('POST', '/Deals/upsert', {
      data: [{ Deal_Name: 'D', Owner: { id: t.admin.id } }],
    });
    expect(up.json.data[0]).toMatchObject({ action: 'update' });
    const deal = await t.read('Deals', id);
    expect(deal.Owner.id).toBe(t.admin.id);
    expect(deal.Modified_By.id).toBe(t.admin.id);
  });

  it('lists only the caller’s records in "My" views, by owner', async () => {
    const t = await setup();
    await t.call('POST', '/Accounts', {
      data: [{ Account_Name: 'Theirs', Owner: { id: t.rep.id } }, { Account_Name: 'Mine' }],
    });
    const views = (await t.call('GET', '/settings/custom_views?module=Accounts')).json.custom_views;
    const mine = views.find((v: { system_name: string }) => v.system_name === 'MYVIEWS').id;
    const res = await t.call('GET', `/Accounts?fields=Account_Name&cvid=${mine}`);
    expect(res.json.data.map((r: { Account_Name: string }) => r.Account_Name)).toEqual(['Mine']);
  });

  it('refuses an unknown user per record with INVALID_DATA on Owner (207 when mixed)', async () => {
    const t = await setup();
    const res = await t.call('POST', '/Accounts', {
      data: [{ Account_Name: 'Fine' }, { Account_Name: 'Nobody', Owner: { id: '42' } }],
    });
    expect(res.status).toBe(207);
    expect(res.json.data[1]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Owner', json_path: '$.data[1].Owner' },
      status: 'error',
    });
    expect((await t.call('GET', '/Accounts/search?word=Nobody')).status).toBe(204);
    const id = res.json.data[0].details.id;
    const update = await t.call('PUT', '/Accounts', { data: [{ id, Owner: { id: '42' } }] });
    expect(update.status).toBe(400);
    expect(update.json.data[0].details).toMatchObject({ api_name: 'Owner' });
    expect((await t.read('Accounts', id)).Owner.id).toBe(t.admin.id);
  });
});

describe('users', () => {
  it('adds a user once per email through the control API, in Zoho’s shape', async () => {
    const t = await setupEmulator();
    const body = { email: 'rep@kanjo.test', name: 'Sales Rep', profile: 'Standard' };
    const first = await t.control('POST', '/users', body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: expect.stringMatching(/^\d{19}$/),
      full_name: 'Sales Rep',
      email: 'rep@kanjo.test',
      status: 'active',
      profile: { id: expect.any(String), name: 'Standard' },
      role: { id: expect.any(String), name: expect.any(String) },
    });
    const again = await t.control('POST', '/users', body);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const renamed = await t.control('POST', '/users', { ...body, name: 'Rep', profile: 'Sales' });
    expect(renamed.json).toMatchObject({
      id: first.json.id,
      full_name: 'Rep',
      profile: { name: 'Sales' },
    });
    expect((await t.control('POST', '/users', { email: 'x@y.z' })).status).toBe(400);
    expect((await t.control('POST', '/users', { ...body, profile: 'Boss' })).status).toBe(400);
  });

  it('answers ActiveUsers, AllUsers, AdminUsers and CurrentUser', async () => {
    const t = await setupEmulator();
    await t.control('POST', '/users', { email: 'rep@kanjo.test', name: 'Sales Rep' });
    const emails = async (type: string) =>
      (await t.call('GET', `/users?type=${type}`)).json.users.map(
        (u: { email: string }) => u.email,
      );
    expect(await emails('ActiveUsers')).toEqual(['admin@kanjo.test', 'rep@kanjo.test']);
    expect(await emails('AllUsers')).toEqual(['admin@kanjo.test', 'rep@kanjo.test']);
    expect(await emails('AdminUsers')).toEqual(['admin@kanjo.test']);
    expect(await emails('CurrentUser')).toEqual(['admin@kanjo.test']);
    const all = (await t.call('GET', '/users?type=AllUsers')).json.users;
    expect(all[0]).toMatchObject({
      profile: { id: '900000020', name: 'Administrator' },
      role: { name: 'CEO' },
    });
    expect(all[1]).toMatchObject({ profile: { name: 'Standard' }, status: 'active' });
    expect((await t.call('GET', '/users?type=DeletedUsers')).status).toBe(204);
    expect((await t.call('GET', '/users?type=Nonsense')).json.code).toBe('INVALID_DATA');
  });

  it('seeds the demo with the admin and an active Sales Rep; the admin owns Acme rollout', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const users = (await t.call('GET', '/users?type=ActiveUsers')).json.users;
    expect(users).toEqual([
      expect.objectContaining({
        email: 'admin@kanjo.test',
        profile: expect.objectContaining({ name: 'Administrator' }),
      }),
      expect.objectContaining({
        email: 'sales@demo.example',
        full_name: 'Sales Rep',
        status: 'active',
        profile: expect.objectContaining({ name: 'Sales' }),
      }),
    ]);
    const deal = await t.call('GET', '/Deals/search?word=rollout');
    expect(deal.json.data[0].Owner.email).toBe('admin@kanjo.test');
  });
});
