import { describe, expect, it } from 'vitest';
import { useSyncContexts } from './crm-sync-setup';

/** Customers ↔ Accounts through the real app and an emulator over real HTTP. */

const context = useSyncContexts();

const byName = <T extends { displayName: string }>(list: T[], name: string) => {
  const found = list.find((c) => c.displayName === name);
  if (!found) throw new Error(`no customer ${name}`);
  return found;
};
const accountNamed = (accounts: Record<string, unknown>[], name: string) => {
  const found = accounts.find((a) => a.Account_Name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
};

describe('first sync', () => {
  it('imports the CRM accounts as linked customers with their mapped values, writing nothing back', async () => {
    const s = await context({ seed: 'demo' });
    const { run, items } = await s.sync();

    expect(run).toMatchObject({ status: 'succeeded', dryRun: false, error: null });
    expect(run.counts.customer).toMatchObject({ added: 3, failed: 0, pushed: 0 });
    expect(run.apiCalls).toBeGreaterThan(0);
    const customers = await s.customers();
    expect(customers.map((c) => c.displayName).sort()).toEqual([
      'Acme Trading',
      'Globex GmbH',
      'Initech Ltd',
    ]);
    expect(byName(customers, 'Acme Trading').billingAddress).toEqual({ city: 'Tokyo' });
    const links = await s.links();
    expect(links).toHaveLength(3);
    expect(links.every((l) => l.status === 'linked' && l.entity === 'customer')).toBe(true);
    const acme = items.find((i) => i.localId === byName(customers, 'Acme Trading').id);
    expect(acme).toMatchObject({ action: 'added', direction: 'inbound' });
    expect(acme?.changes).toContainEqual({
      field: 'billingAddress.city',
      before: null,
      after: 'Tokyo',
    });
    // Written through the one write path: the change log carries them to every device's pull.
    const logged = (await s.t.sql.one(
      "SELECT cast(count(*) AS integer) AS n FROM change_log WHERE entity = 'customer' AND mutation = 'customer.create'",
    )) as { n: number };
    expect(logged.n).toBe(3);
    // Items are off by default: no product became an item.
    expect(await s.items()).toEqual([]);
    expect(await s.writeCalls()).toBe(0);
    // Nothing was linked before this run: no deletion can matter, so /deleted is not asked.
    expect((await s.calls())['GET /crm/v8/Accounts/deleted']).toBeUndefined();
    await s.sync();
    expect((await s.calls())['GET /crm/v8/Accounts/deleted']).toBe(1);
  });

  it('pushes Kanjo-only customers to the CRM and links them; a second sync writes nothing', async () => {
    const s = await context();
    await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: 'Kanjo Only KK',
      phone: '03-1111-2222',
      billingAddress: { city: 'Kyoto' },
    });
    await s.owner.post('/api/customers', { kind: 'business', displayName: 'Second Co' });

    const first = await s.sync();
    expect(first.run.counts.customer).toMatchObject({ pushed: 2, failed: 0 });
    const accounts = await s.accounts();
    expect(accounts.map((a) => a.Account_Name).sort()).toEqual(['Kanjo Only KK', 'Second Co']);
    expect(accountNamed(accounts, 'Kanjo Only KK')).toMatchObject({
      Phone: '03-1111-2222',
      Billing_City: 'Kyoto',
    });
    expect((await s.links()).map((l) => l.crm_id).sort()).toEqual(accounts.map((a) => a.id).sort());

    const writes = await s.writeCalls();
    const second = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(second.items).toEqual([]);
    expect(second.run.counts.customer).toMatchObject({ added: 0, updated: 0, pushed: 0 });
  });

  it('refuses a second run while one is going', async () => {
    const s = await context({ seed: 'demo' });
    const [a, b] = await Promise.all([
      s.owner.post('/api/crm/sync', {}),
      s.owner.post('/api/crm/sync', {}),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([202, 409]);
    const refused = a.status === 409 ? a : b;
    const started = a.status === 202 ? a : b;
    expect(refused.json).toMatchObject({ error: { code: 'CRM_SYNC_RUNNING' } });
    expect(JSON.stringify(refused.json)).toContain(String(started.json.runId));
    const { run } = await s.finished(String(started.json.runId));
    expect(run.status).toBe('succeeded');
    expect((await s.customers()).length).toBe(3);
  });
});

describe('three-way merge', () => {
  async function synced(rule?: 'crmWins' | 'kanjoWins') {
    const s = await context({
      seed: 'demo',
      settings: (settings) => {
        if (rule) settings.conflictRule = rule;
      },
    });
    await s.sync();
    const acme = byName(await s.customers(), 'Acme Trading');
    const account = accountNamed(await s.accounts(), 'Acme Trading');
    return { s, acme, accountId: String(account.id) };
  }

  it('keeps both sides when Kanjo edits the phone and the CRM edits the city', async () => {
    const { s, acme, accountId } = await synced();
    await s.owner.patch(`/api/customers/${acme.id}`, { phone: '03-5555-0000' });
    await (await s.crm()).update('Accounts', [{ id: accountId, Billing_City: 'Osaka' }]);

    const { run, items } = await s.sync();
    expect(run.counts.customer).toMatchObject({ updated: 1, pushed: 1, conflicts: 0 });
    expect(items.filter((i) => i.action === 'conflict')).toEqual([]);
    const after = byName(await s.customers(), 'Acme Trading');
    expect(after).toMatchObject({ phone: '03-5555-0000', billingAddress: { city: 'Osaka' } });
    expect(accountNamed(await s.accounts(), 'Acme Trading')).toMatchObject({
      Phone: '03-5555-0000',
      Billing_City: 'Osaka',
    });

    const writes = await s.writeCalls();
    expect((await s.sync()).items).toEqual([]);
    expect(await s.writeCalls()).toBe(writes);
  });

  it('crmWins: a field changed on both sides takes the CRM value and records both', async () => {
    const { s, acme, accountId } = await synced('crmWins');
    await s.owner.patch(`/api/customers/${acme.id}`, { phone: '111' });
    await (await s.crm()).update('Accounts', [{ id: accountId, Phone: '222' }]);

    const { items } = await s.sync();
    expect(byName(await s.customers(), 'Acme Trading').phone).toBe('222');
    expect(accountNamed(await s.accounts(), 'Acme Trading').Phone).toBe('222');
    const conflict = items.find((i) => i.action === 'conflict');
    expect(conflict).toMatchObject({ localId: acme.id, crmId: accountId });
    expect(conflict?.changes).toEqual([{ field: 'phone', before: '111', after: '222' }]);
    expect(conflict?.reason).toContain('"111"');
    expect(conflict?.reason).toContain('"222"');
    expect(conflict?.reason).toContain('CRM value kept');
  });

  it('kanjoWins: a field changed on both sides takes the Kanjo value and sends it', async () => {
    const { s, acme, accountId } = await synced('kanjoWins');
    await s.owner.patch(`/api/customers/${acme.id}`, { phone: '111' });
    await (await s.crm()).update('Accounts', [{ id: accountId, Phone: '222' }]);

    const { items } = await s.sync();
    expect(byName(await s.customers(), 'Acme Trading').phone).toBe('111');
    expect(accountNamed(await s.accounts(), 'Acme Trading').Phone).toBe('111');
    expect(items.find((i) => i.action === 'conflict')?.reason).toContain('Kanjo value kept');
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });

  it('ask: holds a field changed on both sides, writing neither side', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => (settings.conflictRule = 'ask'),
    });
    await s.sync();
    const acme = byName(await s.customers(), 'Acme Trading');
    const accountId = String(accountNamed(await s.accounts(), 'Acme Trading').id);
    await s.owner.patch(`/api/customers/${acme.id}`, {
      phone: '111',
      website: 'https://acme.example',
    });
    await (await s.crm()).update('Accounts', [{ id: accountId, Phone: '222' }]);

    const { items } = await s.sync();
    expect(items.find((i) => i.action === 'conflict')?.reason).toContain('held for a person');
    expect(byName(await s.customers(), 'Acme Trading').phone).toBe('111');
    const account = accountNamed(await s.accounts(), 'Acme Trading');
    expect(account.Phone).toBe('222');
    expect((await (await s.crm()).getRecord('Accounts', accountId))?.Website).toBe(
      'https://acme.example',
    );
    expect(JSON.parse((await s.links()).find((l) => l.local_id === acme.id)?.held ?? '[]')).toEqual(
      ['phone'],
    );
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });

  it('reads a record again and merges when the CRM changed it between the read and the write (412)', async () => {
    const { s, acme, accountId } = await synced();
    await s.owner.patch(`/api/customers/${acme.id}`, { phone: '111', notes: 'from Kanjo' });
    const { run, items } = await s.syncWithEditBeforeWrites('Accounts', async () => {
      await (await s.crm()).update('Accounts', [{ id: accountId, Phone: '222' }]);
    });

    expect(run.status).toBe('succeeded');
    const calls = await s.calls();
    expect(calls['GET /crm/v8/Accounts/{id}']).toBe(1);
    // The test's own edit, the refused conditional update, and the update after the merge.
    expect(calls['PUT /crm/v8/Accounts']).toBe(3);
    expect(items.find((i) => i.action === 'conflict')?.changes).toEqual([
      { field: 'phone', before: '111', after: '222' },
    ]);
    expect(byName(await s.customers(), 'Acme Trading').phone).toBe('222');
    const account = (await (await s.crm()).getRecord('Accounts', accountId)) ?? {};
    expect(account).toMatchObject({ Phone: '222', Description: 'from Kanjo' });
  }, 15_000);

  it('re-syncs one linked customer on request, and answers 404 for an unlinked one', async () => {
    const { s, acme, accountId } = await synced();
    await (await s.crm()).update('Accounts', [{ id: accountId, Billing_City: 'Nagoya' }]);
    const res = await s.owner.post(`/api/customers/${acme.id}/crm-resync`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.run).toMatchObject({ status: 'succeeded' });
    expect(byName(await s.customers(), 'Acme Trading').billingAddress).toEqual({ city: 'Nagoya' });

    const other = await s.owner.post('/api/customers', { kind: 'business', displayName: 'New' });
    const missing = await s.owner.post(`/api/customers/${String(other.json.id)}/crm-resync`);
    expect(missing.status).toBe(404);
  });
});

describe('deletions', () => {
  it('marks the link of an account deleted in the CRM and keeps the customer', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const account = accountNamed(await s.accounts(), 'Globex GmbH');
    await (await s.crm()).deleteRecords('Accounts', [String(account.id)]);

    const { items } = await s.sync();
    const globex = byName(await s.customers(), 'Globex GmbH');
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'unlinked', localId: globex.id, crmId: account.id }),
    );
    expect((await s.links()).find((l) => l.local_id === globex.id)?.status).toBe('crm_deleted');

    // Deletes never propagate, and the record is not re-created in the CRM either.
    await s.owner.patch(`/api/customers/${globex.id}`, { phone: '999' });
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect((await s.accounts()).map((a) => a.Account_Name)).not.toContain('Globex GmbH');
  });
});

describe('duplicates', () => {
  async function sakura(rule: 'overwrite' | 'skip' | 'clone') {
    const s = await context({ settings: (settings) => (settings.customers.duplicates = rule) });
    const [inserted] = await (
      await s.crm()
    ).insert('Accounts', [{ Account_Name: 'サクラ商事(株)', Billing_City: '大阪' }]);
    const crmId = inserted?.ok ? inserted.id : '';
    const local = await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: '株式会社 サクラ商事',
      phone: '06-0000-1111',
    });
    const run = await s.sync();
    return { s, crmId, localId: String(local.json.id), run };
  }

  it('overwrite: links the two with the reason and merges the values', async () => {
    const { s, crmId, localId, run } = await sakura('overwrite');
    const linked = run.items.find((i) => i.action === 'linked');
    expect(linked).toMatchObject({ localId, crmId });
    expect(linked?.reason).toContain('サクラ商事');
    const customers = await s.customers();
    expect(customers).toHaveLength(1);
    // The CRM's name wins (it had one); Kanjo's phone fills the CRM's empty field.
    expect(customers[0]).toMatchObject({ phone: '06-0000-1111', billingAddress: { city: '大阪' } });
    const accounts = await s.accounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: crmId, Phone: '06-0000-1111' });
    expect(await s.links()).toMatchObject([{ local_id: localId, crm_id: crmId, status: 'linked' }]);
  });

  it('skip: leaves both apart, says why, and never pushes the Kanjo one onto it', async () => {
    const { s, localId, run } = await sakura('skip');
    expect(run.items).toContainEqual(
      expect.objectContaining({
        action: 'skipped',
        localId,
        reason: expect.stringContaining('skip'),
      }),
    );
    expect(await s.customers()).toHaveLength(1);
    expect(await s.accounts()).toHaveLength(1);
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });

  it('clone: imports the CRM account as a second customer', async () => {
    const { s, run } = await sakura('clone');
    expect(run.run.counts.customer).toMatchObject({ added: 1 });
    const names = (await s.customers()).map((c) => c.displayName).sort();
    expect(names).toEqual(['サクラ商事(株)', '株式会社 サクラ商事']);
  });
});
