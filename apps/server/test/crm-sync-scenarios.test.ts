import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';

/** Scenarios of the issue beyond the defaults: a mapped custom field both ways, fetch only. */

const context = useSyncContexts();

async function acmeOf(s: SyncContext) {
  const customer = (await s.customers()).find((c) => c.displayName === 'Acme Trading');
  const account = (await s.accounts()).find((a) => a.Account_Name === 'Acme Trading');
  if (!customer || !account) throw new Error('Acme is missing on one side');
  return { customer, account, accountId: String(account.id) };
}

describe('a mapped custom field', () => {
  it('goes both ways: CRM Customer_Code ↔ Kanjo customer code', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => {
        settings.customers.mapping.accounts.push({
          kanjo: 'customFields.customer_code',
          crm: 'Customer_Code',
        });
      },
    });
    const org = await s.owner.patch('/api/organization', {
      customerFields: [{ key: 'customer_code', label: 'Customer code', type: 'text' }],
    });
    expect(org.status, JSON.stringify(org.json)).toBe(200);

    await s.sync();
    const first = await acmeOf(s);
    expect(first.customer.customFields).toEqual({ customer_code: 'C-0001' });

    const patched = await s.owner.patch(`/api/customers/${first.customer.id}`, {
      customFields: { customer_code: 'C-0100' },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    await s.sync();
    const account = await (await s.crm()).getRecord('Accounts', first.accountId, ['Customer_Code']);
    expect(account?.Customer_Code).toBe('C-0100');

    await (await s.crm()).update('Accounts', [{ id: first.accountId, Customer_Code: 'C-0200' }]);
    await s.sync();
    expect((await acmeOf(s)).customer.customFields).toEqual({ customer_code: 'C-0200' });
  });
});

describe('extent fetch (CRM → Kanjo only)', () => {
  it('never writes to the CRM; a CRM edit overwrites mapped fields and Kanjo-only fields survive', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => {
        settings.customers.extent = 'fetch';
      },
    });
    const kanjoOnly = await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: 'Only In Kanjo K.K.',
    });
    expect(kanjoOnly.status).toBe(201);
    await s.sync();
    const { customer, accountId } = await acmeOf(s);

    // Kanjo edits a mapped field and a field the mapping does not have.
    await s.owner.patch(`/api/customers/${customer.id}`, {
      phone: '03-1111-1111',
      paymentTermsDays: 45,
    });
    await s.sync();
    expect(await s.writeCalls()).toBe(0);
    expect((await s.accounts()).map((a) => a.Account_Name)).not.toContain('Only In Kanjo K.K.');

    // The CRM changes the mapped field (the reference product's FAQ): the CRM's value wins,
    // the Kanjo-only field is kept.
    await (await s.crm()).update('Accounts', [{ id: accountId, Phone: '06-2222-2222' }]);
    const writesBefore = await s.writeCalls();
    await s.sync();
    const after = (await acmeOf(s)).customer;
    expect(after).toMatchObject({ phone: '06-2222-2222', paymentTermsDays: 45 });
    expect(await s.writeCalls()).toBe(writesBefore);
  });
});

describe('the CRM view', () => {
  it('brings only the records of the chosen view', async () => {
    const s = await context({ seed: 'demo' });
    // The demo accounts belong to the CRM's admin; this one to the connected CRM user.
    await (await s.crm()).insert('Accounts', [{ Account_Name: 'Mine K.K.' }]);
    const views = (await s.owner.get('/api/crm/views?module=Accounts')).json.views as {
      id: string;
      name: string;
    }[];
    const mine = views.find((view) => view.name === 'My Accounts');
    if (!mine) throw new Error(`no "My Accounts" view in ${JSON.stringify(views)}`);
    const current = (await s.owner.get('/api/crm/settings')).json.settings;
    current.customers.views.accounts = mine.id;
    const saved = await s.owner.put('/api/crm/settings', { settings: current });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);

    const { run } = await s.sync();
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['Mine K.K.']);
  });

  it('brings only the Contacts of the chosen view, as individuals and as contact persons', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => {
        settings.customers.module = 'accountsAndContacts';
        settings.customers.includeUnlinkedContacts = true;
      },
    });
    const crm = await s.crm();
    // The demo records belong to the CRM's admin; these to the connected CRM user.
    const [account] = await crm.insert('Accounts', [{ Account_Name: 'Mine K.K.' }]);
    if (!account?.ok) throw new Error('no account');
    await crm.insert('Contacts', [
      { First_Name: 'Aki', Last_Name: 'Mori', Email: 'aki@mine.example' },
      {
        First_Name: 'Ren',
        Last_Name: 'Ueda',
        Email: 'ren@mine.example',
        Account_Name: { id: account.id },
      },
    ]);
    const current = (await s.owner.get('/api/crm/settings')).json.settings;
    for (const [module, key] of [
      ['Accounts', 'accounts'],
      ['Contacts', 'contacts'],
    ] as const) {
      const views = (await s.owner.get(`/api/crm/views?module=${module}`)).json.views as {
        id: string;
        name: string;
      }[];
      const mine = views.find((view) => view.name === `My ${module}`);
      if (!mine) throw new Error(`no "My ${module}" view in ${JSON.stringify(views)}`);
      current.customers.views[key] = mine.id;
    }
    const saved = await s.owner.put('/api/crm/settings', { settings: current });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);

    const { run } = await s.sync();
    expect(run.status, run.error ?? '').toBe('succeeded');
    const customers = await s.customers();
    expect(customers.map((c) => c.displayName).sort()).toEqual(['Aki Mori', 'Mine K.K.']);
    const persons = customers.find((c) => c.displayName === 'Mine K.K.')?.contactPersons;
    expect(persons).toEqual([expect.objectContaining({ firstName: 'Ren', lastName: 'Ueda' })]);
  });
});
