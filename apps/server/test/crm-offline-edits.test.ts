import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { staleDevice } from './crm-stale-device';
import { SyncClient } from './sync-client';

/**
 * A device's offline edit that meets a CRM change Kanjo already took in is
 * decided by the organization's conflict rule, not by which arrived last.
 */

const context = useSyncContexts();

const ACCOUNT_FIELDS = ['Account_Name', 'Phone', 'Billing_City', 'Billing_Street'];

async function account(s: SyncContext, crmId: string) {
  const record = await (await s.crm()).getRecord('Accounts', crmId, ACCOUNT_FIELDS);
  if (!record) throw new Error(`account ${crmId} is gone`);
  return record;
}

async function openConflicts(s: SyncContext) {
  return (await s.owner.get('/api/conflicts')).json.items as {
    id: string;
    field: string;
    winningValue: unknown;
    losingValue: unknown;
    crmRule?: string;
  }[];
}

describe('an offline edit of a field the CRM changed meanwhile', () => {
  it('keeps the CRM’s value on both sides under “CRM wins”, and shows the device its losing edit', async () => {
    const { s, id, crmId, device } = await staleDevice(context, 'crmWins');
    device.edit('customer', 'customer.patch', id, { phone: 'offline' });
    expect((await device.push()).status).toBe(200);
    expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('crm');
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect((await account(s, crmId)).Phone).toBe('crm');
    expect(await openConflicts(s)).toMatchObject([
      { field: 'phone', winningValue: 'crm', losingValue: 'offline', crmRule: 'crmWins' },
    ]);
  });

  it('sends the device’s value to the CRM under “Kanjo wins”', async () => {
    const { s, id, crmId, device } = await staleDevice(context, 'kanjoWins');
    device.edit('customer', 'customer.patch', id, { phone: 'offline' });
    expect((await device.push()).status).toBe(200);
    expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('offline');
    await s.sync();
    expect((await account(s, crmId)).Phone).toBe('offline');
    expect(await openConflicts(s)).toMatchObject([
      { field: 'phone', winningValue: 'offline', losingValue: 'crm', crmRule: 'kanjoWins' },
    ]);
  });

  it('holds both values under “ask” until a person keeps one, then sends it', async () => {
    const { s, id, crmId, device } = await staleDevice(context, 'ask');
    device.edit('customer', 'customer.patch', id, { phone: 'offline' });
    expect((await device.push()).status).toBe(200);
    expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('crm');
    await s.sync();
    expect((await account(s, crmId)).Phone).toBe('crm');
    const [held] = await openConflicts(s);
    expect(held).toMatchObject({ field: 'phone', losingValue: 'offline', crmRule: 'ask' });
    const kept = await s.owner.post(`/api/conflicts/${held?.id}/resolve`, { keep: 'losing' });
    expect(kept.status, JSON.stringify(kept.json)).toBe(200);
    expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('offline');
    await s.sync();
    expect((await account(s, crmId)).Phone).toBe('offline');
  });

  it('decides by the leaf: the CRM’s new city stays, the device’s new street goes out', async () => {
    const { s, id, crmId, device } = await staleDevice(context, 'crmWins');
    await (await s.crm()).update('Accounts', [{ id: crmId, Billing_City: 'Otaru' }]);
    await s.sync();
    // The device's copy still says Sapporo: it sends the address whole, street changed.
    device.edit('customer', 'customer.patch', id, {
      billingAddress: { city: 'Sapporo', street: '2-2 Minami' },
    });
    expect((await device.push()).status).toBe(200);
    expect(await openConflicts(s)).toEqual([]);
    const stored = (await s.owner.get(`/api/customers/${id}`)).json;
    expect(stored.billingAddress).toEqual({ city: 'Otaru', street: '2-2 Minami' });
    await s.sync();
    expect(await account(s, crmId)).toMatchObject({
      Billing_City: 'Otaru',
      Billing_Street: '2-2 Minami',
    });
  });

  it('applies an edit based on the version that already held the CRM’s value', async () => {
    const { s, id, crmId, device } = await staleDevice(context, 'crmWins');
    await device.pullAll();
    device.edit('customer', 'customer.patch', id, { phone: 'after-crm' });
    expect((await device.push()).status).toBe(200);
    expect(await openConflicts(s)).toEqual([]);
    await s.sync();
    expect((await account(s, crmId)).Phone).toBe('after-crm');
  });

  it('holds for the REST API with If-Match naming the base version', async () => {
    const { s, id, crmId } = await staleDevice(context, 'crmWins');
    const fresh = await s.owner.get(`/api/customers/${id}`);
    const etag = fresh.headers.get('etag');
    expect(etag).toBe(`"${String(fresh.json.version)}"`);
    const stale = `"${String(Number(fresh.json.version) - 1)}"`;
    const res = await s.owner.request(
      'PATCH',
      `/api/customers/${id}`,
      { phone: 'rest' },
      {
        'if-match': stale,
      },
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.phone).toBe('crm');
    await s.sync();
    expect((await account(s, crmId)).Phone).toBe('crm');
    const bad = await s.owner.request(
      'PATCH',
      `/api/customers/${id}`,
      { phone: 'rest' },
      {
        'if-match': 'yesterday',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_IF_MATCH');
  });
});

describe('the same rule for items and contact persons', () => {
  it('keeps the CRM’s unit price against a stale offline rate under “CRM wins”', async () => {
    const s = await context({ settings: (settings) => void (settings.items.mode = 'both') });
    const pen = await s.owner.post('/api/items', { name: 'Pen', rate: 1500, sku: 'PEN-1' });
    expect(pen.status, JSON.stringify(pen.json)).toBe(201);
    const id = String(pen.json.id);
    await s.sync();
    const crmId = (await s.links()).find((link) => link.local_id === id)?.crm_id ?? '';
    const device = new SyncClient(s.owner);
    await device.pullAll();
    await (await s.crm()).update('Products', [{ id: crmId, Unit_Price: 1800 }]);
    await s.sync();
    device.edit('item', 'item.patch', id, { rate: 1200 });
    expect((await device.push()).status).toBe(200);
    expect((await s.owner.get(`/api/items/${id}`)).json.rate).toBe(1800);
    await s.sync();
    const product = await (await s.crm()).getRecord('Products', crmId, ['Unit_Price']);
    expect(product?.Unit_Price).toBe(1800);
    expect(await openConflicts(s)).toMatchObject([
      { field: 'rate', winningValue: 1800, losingValue: 1200, crmRule: 'crmWins' },
    ]);
  });

  it('keeps a contact person’s CRM phone and the device’s new email, leaf by leaf', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => void (settings.customers.module = 'accountsAndContacts'),
    });
    await s.sync();
    const acme = (await s.customers()).find((c) => c.displayName === 'Acme Trading');
    const persons = (acme?.contactPersons ?? []) as { id: string; email?: string }[];
    const [hanako] = persons;
    if (!acme || !hanako) throw new Error('Acme Trading has no contact person');
    const crmId = (await s.links()).find((link) => link.local_id === hanako.id)?.crm_id ?? '';
    const device = new SyncClient(s.owner);
    await device.pullAll();
    await (await s.crm()).update('Contacts', [{ id: crmId, Phone: '03-9999-0000' }]);
    await s.sync();
    device.edit('customer', 'customer.patch', acme.id, {
      contactPersons: persons.map((p) => ({
        ...p,
        phone: '03-1111-2222',
        email: 'new@acme.example',
      })),
    });
    expect((await device.push()).status).toBe(200);
    const stored = (await s.owner.get(`/api/customers/${acme.id}`)).json.contactPersons[0];
    expect(stored).toMatchObject({ phone: '03-9999-0000', email: 'new@acme.example' });
    await s.sync();
    const contact = await (await s.crm()).getRecord('Contacts', crmId, ['Phone', 'Email']);
    expect(contact).toMatchObject({ Phone: '03-9999-0000', Email: 'new@acme.example' });
    expect(await openConflicts(s)).toMatchObject([
      {
        field: `contactPersons.${hanako.id}.phone`,
        winningValue: '03-9999-0000',
        losingValue: '03-1111-2222',
        crmRule: 'crmWins',
      },
    ]);
  });
});
