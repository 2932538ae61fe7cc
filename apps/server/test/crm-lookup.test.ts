import type { CrmImportAnswer, CrmInfoAnswer, CrmSearchAnswer, CrmSyncSettings } from '@kanjo/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../src/ids';
import { Client, type TestApp } from './helpers';
import { useSyncContexts, type Customer, type SyncContext } from './crm-sync-setup';

/** "View CRM info" and "Search in CRM", against the emulator over real HTTP. */

const context = useSyncContexts();

afterEach(() => {
  vi.restoreAllMocks();
});

const accountsAndContacts = (settings: CrmSyncSettings) => {
  settings.customers.module = 'accountsAndContacts';
};

async function search(client: Client, q: string) {
  const res = await client.get(`/api/crm/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as CrmSearchAnswer;
}

async function imported(client: Client, body: { module: string; crmId: string }) {
  const res = await client.post('/api/crm/import', body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as CrmImportAnswer;
}

async function crmIdOf(s: SyncContext, name: string): Promise<string> {
  const found = (await s.accounts()).find((a) => a.Account_Name === name);
  if (!found) throw new Error(`no account ${name}`);
  return String(found.id);
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

const seqOf = async (s: SyncContext) =>
  (
    await s.t.sql.one<{ seq: number }>(
      'SELECT seq FROM organizations WHERE id = ?',
      s.organizationId,
    )
  )?.seq;
const runCount = async (s: SyncContext) =>
  (await s.t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_runs'))?.n;

/** Chooses the "My Accounts" view (the demo accounts belong to the CRM's admin, not to us). */
async function chooseMyAccounts(s: SyncContext, importOnDemand: boolean) {
  const views = (await s.owner.get('/api/crm/views?module=Accounts')).json.views as {
    id: string;
    name: string;
  }[];
  const mine = views.find((view) => view.name === 'My Accounts');
  if (!mine) throw new Error('no My Accounts view');
  const current = (await s.owner.get('/api/crm/settings')).json.settings as CrmSyncSettings;
  current.customers.views.accounts = mine.id;
  current.customers.importOnDemand = importOnDemand;
  const saved = await s.owner.put('/api/crm/settings', { settings: current });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
}

describe('GET /api/crm/search', () => {
  it('finds an account never synced and says which results are already in Kanjo', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const acme = (await s.customers()).find((c) => c.displayName === 'Acme Trading');
    await (
      await s.crm()
    ).insert('Accounts', [{ Account_Name: 'Acme Foods', Phone: '03-0000-1111' }]);

    const answer = await search(s.owner, '  acme ');
    expect(answer.module).toBe('Accounts');
    expect(answer.results).toHaveLength(2);
    expect(answer.results).toContainEqual(
      expect.objectContaining({
        name: 'Acme Trading',
        city: 'Tokyo',
        customerId: acme?.id,
        importable: true,
      }),
    );
    expect(answer.results).toContainEqual(
      expect.objectContaining({
        module: 'Accounts',
        name: 'Acme Foods',
        phone: '03-0000-1111',
        customerId: null,
        importable: true,
        reason: null,
      }),
    );
    // Account_Name "contains" too: a Japanese company name after 株式会社.
    await (await s.crm()).insert('Accounts', [{ Account_Name: '株式会社アクメ（東京）' }]);
    const japanese = await search(s.owner, 'アクメ（東京）');
    expect(japanese.results.map((r) => r.name)).toEqual(['株式会社アクメ（東京）']);
  });

  it('searches Contacts by first or last name when only Contacts sync, Japanese names too', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.module = 'contacts') });
    await (
      await s.crm()
    ).insert('Contacts', [
      { First_Name: '花子', Last_Name: '佐藤', Email: 'hanako@sato.example' },
      { First_Name: 'Ada', Last_Name: 'Lovelace (Countess)' },
    ]);
    for (const q of ['佐藤', '花子', '佐藤花子', '佐藤　花子', 'Hanako Sato', 'Sato']) {
      const answer = await search(s.owner, q);
      expect(answer.module, q).toBe('Contacts');
      expect(answer.results.length, q).toBeGreaterThan(0);
    }
    const sato = await search(s.owner, '佐藤花子');
    expect(sato.results).toEqual([
      expect.objectContaining({
        name: '佐藤 花子',
        email: 'hanako@sato.example',
        importable: true,
      }),
    ]);
    const hanako = await search(s.owner, 'Hanako Sato');
    expect(hanako.results).toEqual([
      expect.objectContaining({ name: 'Hanako Sato', accountName: 'Acme Trading' }),
    ]);
    // Parentheses and commas are escaped, not read as criteria syntax.
    const ada = await search(s.owner, 'Lovelace (C');
    expect(ada.results.map((r) => r.name)).toEqual(['Ada Lovelace (Countess)']);
    expect((await search(s.owner, 'Nobody, really')).results).toEqual([]);
  });

  it('answers 400 for a missing, short, long or extra parameter', async () => {
    const s = await context({ seed: 'demo' });
    for (const path of [
      '/api/crm/search',
      '/api/crm/search?q=a',
      '/api/crm/search?q=%20%20a%20%20',
      `/api/crm/search?q=${'x'.repeat(101)}`,
      '/api/crm/search?q=Acme&page=2',
    ]) {
      const res = await s.owner.get(path);
      expect(res.status, path).toBe(400);
      expect(res.json.error.code, path).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses when the CRM is not connected, paused or disabled', async () => {
    const s = await context({ seed: 'demo' });
    expect((await s.owner.post('/api/crm/pause', {})).status).toBe(200);
    const paused = await s.owner.get('/api/crm/search?q=Acme');
    expect([paused.status, paused.json.error.code]).toEqual([409, 'CRM_SYNC_PAUSED']);
    const pausedImport = await s.owner.post('/api/crm/import', {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    expect([pausedImport.status, pausedImport.json.error.code]).toEqual([409, 'CRM_SYNC_PAUSED']);
    expect((await s.owner.post('/api/crm/resume', {})).status).toBe(200);
    expect((await s.owner.post('/api/crm/connection/disable', {})).status).toBe(200);
    const disabled = await s.owner.get('/api/crm/search?q=Acme');
    expect([disabled.status, disabled.json.error.code]).toEqual([409, 'CRM_DISABLED']);

    const other = await context({ seed: 'demo' });
    await other.owner.delete('/api/crm/connection');
    const none = await other.owner.get('/api/crm/search?q=Acme');
    expect([none.status, none.json.error.code]).toEqual([404, 'CRM_NOT_CONNECTED']);
  });
});

describe('POST /api/crm/import', () => {
  it('imports an account with its contacts and a link; a second import writes nothing', async () => {
    const s = await context({ seed: 'demo', settings: accountsAndContacts });
    const [acme] = (await search(s.owner, 'Acme')).results;
    expect(acme).toMatchObject({ name: 'Acme Trading', customerId: null, importable: true });
    const crmId = acme?.crmId ?? '';

    const first = await imported(s.owner, { module: 'Accounts', crmId });
    expect(first).toMatchObject({ created: true, contactPersons: 1, deals: 1 });
    expect(first.seq).toBe(await seqOf(s));
    const customers = await s.customers();
    expect(customers.map((c) => c.displayName)).toEqual(['Acme Trading']);
    const customer = customers[0] as Customer;
    expect(customer.id).toBe(first.customerId);
    expect(customer).toMatchObject({
      kind: 'business',
      contactPersons: [
        expect.objectContaining({
          firstName: 'Hanako',
          lastName: 'Sato',
          email: 'hanako@acme.example',
        }),
      ],
    });
    const links = await s.links();
    expect(links.find((l) => l.entity === 'customer')).toMatchObject({
      local_id: first.customerId,
      crm_id: crmId,
      status: 'linked',
    });
    expect(links.filter((l) => l.entity === 'contactPerson')).toHaveLength(1);
    // Its deals were read through the account's related list, and reach the PWA.
    expect((await s.calls())['GET /crm/v8/Accounts/{id}/Deals']).toBe(1);
    const pulled = await s.owner.get('/api/sync/pull?cursor=0');
    const deals = (
      pulled.json.changes as { entity: string; row: { name: string; customerId: string } }[]
    )
      .filter((c) => c.entity === 'deal')
      .map((c) => c.row);
    expect(deals).toEqual([
      expect.objectContaining({ name: 'Acme rollout', customerId: first.customerId }),
    ]);

    // Recorded in the sync history like any run.
    const runs = (await s.owner.get('/api/crm/runs')).json.runs as {
      id: string;
      trigger: string;
    }[];
    expect(runs[0]).toMatchObject({ trigger: 'import' });
    const run = await s.finished(runs[0]?.id ?? '');
    expect(run.run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.run.counts.customer).toMatchObject({ added: 1 });
    expect(run.run.counts.contactPerson).toMatchObject({ added: 1 });

    // Now it is in Kanjo: the search says so, and importing again writes nothing.
    expect((await search(s.owner, 'Acme')).results[0]).toMatchObject({
      customerId: first.customerId,
    });
    const writes = await s.writeCalls();
    const runsBefore = await runCount(s);
    const seq = await seqOf(s);
    const again = await imported(s.owner, { module: 'Accounts', crmId });
    expect(again).toEqual({ ...first, created: false });
    expect([await s.writeCalls(), await runCount(s), await seqOf(s)]).toEqual([
      writes,
      runsBefore,
      seq,
    ]);

    // A following sync sees the same customer, not a second one.
    await s.sync();
    expect((await s.customers()).filter((c) => c.displayName === 'Acme Trading')).toHaveLength(1);
  });

  it('makes a customer that invoice.create can use', async () => {
    const s = await context({ seed: 'demo' });
    const answer = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Globex GmbH'),
    });
    const invoice = await s.owner.post('/api/invoices', {
      customerId: answer.customerId,
      issueDate: '2026-11-20',
      lines: [{ name: 'Consulting hour', quantity: '2', rate: 15000, taxRate: '10' }],
    });
    expect(invoice.status, JSON.stringify(invoice.json)).toBe(201);
    expect(invoice.json.customerId).toBe(answer.customerId);
  });

  it('imports outside the chosen view with import on demand, and says why not without it', async () => {
    const s = await context({ seed: 'demo' });
    await (await s.crm()).insert('Accounts', [{ Account_Name: 'Acme Mine K.K.' }]);
    await chooseMyAccounts(s, true);
    const results = (await search(s.owner, 'Acme')).results;
    expect(results.map((r) => [r.name, r.importable])).toEqual([
      ['Acme Trading', true],
      ['Acme Mine K.K.', true],
    ]);
    const trading = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    expect(trading.created).toBe(true);

    await chooseMyAccounts(s, false);
    const now = (await search(s.owner, 'Acme')).results;
    // Already in Kanjo: still picked as it is; in the view: importable; outside: refused, with why.
    expect(now.find((r) => r.name === 'Acme Trading')).toMatchObject({
      customerId: trading.customerId,
      importable: true,
    });
    expect(now.find((r) => r.name === 'Acme Mine K.K.')).toMatchObject({ importable: true });
    const globex = (await search(s.owner, 'Globex')).results[0];
    expect(globex).toMatchObject({ importable: false, customerId: null });
    expect(globex?.reason).toContain('"My Accounts"');
    expect(globex?.reason).toContain('import on demand is off');
    const refused = await s.owner.post('/api/crm/import', {
      module: 'Accounts',
      crmId: globex?.crmId,
    });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'CRM_OUTSIDE_VIEW']);
    expect(refused.json.error.message).toContain('My Accounts');
    const mine = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Mine K.K.'),
    });
    expect(mine.created).toBe(true);
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'Acme Mine K.K.',
      'Acme Trading',
    ]);
  });

  it('keeps an account’s Contacts to their own view when import on demand is off', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => {
        accountsAndContacts(settings);
        settings.customers.importOnDemand = false;
      },
    });
    const views = (await s.owner.get('/api/crm/views?module=Contacts')).json.views as {
      id: string;
      name: string;
    }[];
    const current = (await s.owner.get('/api/crm/settings')).json.settings as CrmSyncSettings;
    current.customers.views.contacts = views.find((v) => v.name === 'My Contacts')?.id ?? null;
    expect((await s.owner.put('/api/crm/settings', { settings: current })).status).toBe(200);
    const crm = await s.crm();
    const acmeId = await crmIdOf(s, 'Acme Trading');
    // Hanako belongs to the CRM's admin; Ren to the connected user, so only Ren is in "My Contacts".
    await crm.insert('Contacts', [
      { First_Name: 'Ren', Last_Name: 'Ueda', Account_Name: { id: acmeId } },
    ]);
    const answer = await imported(s.owner, { module: 'Accounts', crmId: acmeId });
    expect(answer).toMatchObject({ created: true, contactPersons: 1 });
    const [acme] = await s.customers();
    expect(acme?.contactPersons).toEqual([expect.objectContaining({ lastName: 'Ueda' })]);
  });

  it('skips a duplicate under the rule "skip": 409 with the reason, and the search says so', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.duplicates = 'skip') });
    await s.owner.post('/api/customers', { kind: 'business', displayName: 'Acme Trading' });
    const crmId = await crmIdOf(s, 'Acme Trading');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const skipped = await s.owner.post('/api/crm/import', { module: 'Accounts', crmId });
      expect([skipped.status, skipped.json.error.code]).toEqual([409, 'CRM_IMPORT_SKIPPED']);
      expect(skipped.json.error.message).toContain('"skip"');
    }
    expect(await s.customers()).toHaveLength(1);
    const [acme] = (await search(s.owner, 'Acme Trading')).results;
    expect(acme).toMatchObject({ customerId: null, importable: false });
    expect(acme?.reason).toContain('"skip"');
  });

  it.each([
    ['overwrite', false, 1],
    ['clone', true, 2],
  ] as const)(
    'under the rule "%s" an import of a duplicate is created: %s',
    async (rule, created, count) => {
      const s = await context({ seed: 'demo', settings: (c) => (c.customers.duplicates = rule) });
      const mine = await s.owner.post('/api/customers', {
        kind: 'business',
        displayName: 'acme trading',
      });
      const answer = await imported(s.owner, {
        module: 'Accounts',
        crmId: await crmIdOf(s, 'Acme Trading'),
      });
      expect(answer.created).toBe(created);
      expect(answer.customerId === mine.json.id).toBe(!created);
      expect(await s.customers()).toHaveLength(count);
    },
  );

  it('imports a Contact as an individual when only Contacts sync, and refuses Accounts then', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.module = 'contacts') });
    const [jonas] = (await search(s.owner, 'Jonas')).results;
    const answer = await imported(s.owner, { module: 'Contacts', crmId: jonas?.crmId ?? '' });
    expect(answer).toMatchObject({ created: true, contactPersons: 0 });
    expect(await s.customers()).toEqual([
      expect.objectContaining({ kind: 'individual', displayName: 'Jonas Weber' }),
    ]);
    expect((await s.calls())['GET /crm/v8/Contacts/{id}/Deals']).toBe(1);
    const refused = await s.owner.post('/api/crm/import', {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'CRM_IMPORT_NOT_ALLOWED']);
  });

  it('waits for a run already going, then imports', async () => {
    const s = await context({ seed: 'demo' });
    await s.call('POST', '/__emulator/faults', {
      rules: [{ route: 'GET /crm/v8/Deals', slowMs: 500 }],
    });
    const sync = await s.owner.post('/api/crm/sync', {});
    expect(sync.status).toBe(202);
    // Made once the run has read the accounts and waits on the slow deals, so only the import can bring it.
    await vi.waitFor(
      async () => {
        const stats = (await s.call('GET', '/__emulator/stats')) as {
          calls: Record<string, number>;
        };
        expect(stats.calls['GET /crm/v8/Deals']).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 20 },
    );
    await (await s.crm()).insert('Accounts', [{ Account_Name: 'Late Co' }]);
    expect((await s.owner.get('/api/crm/runs')).json.running).toBe(sync.json.runId);
    const answer = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Late Co'),
    });
    expect(answer.created).toBe(true);
    const runs = (await s.owner.get('/api/crm/runs')).json.runs as { trigger: string }[];
    expect(runs.map((r) => r.trigger)).toEqual(['import', 'manual']);
  });

  it('answers 404 for a record the CRM does not have, and 400 for a bad body', async () => {
    const s = await context({ seed: 'demo' });
    const missing = await s.owner.post('/api/crm/import', {
      module: 'Accounts',
      crmId: '999999999',
    });
    expect([missing.status, missing.json.error.code]).toEqual([404, 'CRM_RECORD_NOT_FOUND']);
    for (const body of [
      {},
      { module: 'Accounts' },
      { module: 'Deals', crmId: '1' },
      { module: 'Accounts', crmId: 'abc' },
      { module: 'Accounts', crmId: '1', extra: true },
    ]) {
      const res = await s.owner.post('/api/crm/import', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets a sales user search and import, as a customer it may create', async () => {
    const s = await context({ seed: 'demo' });
    const sales = await member(s.t, s.owner, 'sales');
    const [globex] = (await search(sales, 'Globex')).results;
    const answer = await imported(sales, { module: 'Accounts', crmId: globex?.crmId ?? '' });
    expect(answer.created).toBe(true);
    const info = await sales.get(`/api/crm/customers/${answer.customerId}/info`);
    expect(info.status).toBe(200);
  });
});

describe('GET /api/crm/customers/:customerId/info', () => {
  it('answers the linked account fresh, with the CRM’s labels and its deals, and writes nothing', async () => {
    const s = await context({ seed: 'demo' });
    const answer = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    // Changed in the CRM after the import: info reads it fresh.
    await (
      await s.crm()
    ).update('Accounts', [
      { id: await crmIdOf(s, 'Acme Trading'), Website: 'https://acme.example' },
    ]);
    const seq = await seqOf(s);
    const writes = await s.writeCalls();
    const res = await s.owner.get(`/api/crm/customers/${answer.customerId}/info`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const info = res.json as CrmInfoAnswer;
    expect(info).toMatchObject({ module: 'Accounts', name: 'Acme Trading' });
    expect(info.fetchedAt).toBe(s.t.deps.clock().toISOString());
    expect(info.fields).toContainEqual({
      apiName: 'Account_Name',
      label: 'Account Name',
      value: 'Acme Trading',
    });
    expect(info.fields).toContainEqual({
      apiName: 'Billing_City',
      label: 'Billing City',
      value: 'Tokyo',
    });
    expect(info.fields).toContainEqual(
      expect.objectContaining({ apiName: 'Website', value: 'https://acme.example' }),
    );
    // Lookups by name; empty values left out.
    expect(info.fields.find((f) => f.apiName === 'Owner')?.value).toMatch(/\w/);
    expect(info.fields.every((f) => f.value !== '')).toBe(true);
    expect(info.fields.some((f) => f.apiName === 'Fax')).toBe(false);
    expect(info.deals).toEqual([
      expect.objectContaining({
        name: 'Acme rollout',
        stage: 'Qualification',
        probability: 10,
        amount: 500000,
        currency: 'JPY',
        closingDate: '2026-03-31',
        customerId: answer.customerId,
        customerModule: 'Accounts',
      }),
    ]);
    expect([await seqOf(s), await s.writeCalls()]).toEqual([seq, writes]);
  });

  it('answers 404 for an unlinked customer and for another organization’s customer', async () => {
    const s = await context({ seed: 'demo' });
    const local = await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: 'Local Only',
    });
    const unlinked = await s.owner.get(`/api/crm/customers/${local.json.id}/info`);
    expect([unlinked.status, unlinked.json.error.code]).toEqual([404, 'CRM_NOT_LINKED']);

    const answer = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    const other = await context({ seed: 'demo' });
    const foreign = await other.owner.get(`/api/crm/customers/${answer.customerId}/info`);
    expect(foreign.status).toBe(404);
    // Nor may another organization import into this one or see its links.
    expect((await search(other.owner, 'Acme')).results[0]?.customerId).toBeNull();
  });

  it('answers 502 CRM_UNAVAILABLE when the CRM fails', async () => {
    const s = await context({ seed: 'demo' });
    const answer = await imported(s.owner, {
      module: 'Accounts',
      crmId: await crmIdOf(s, 'Acme Trading'),
    });
    // No backoff between the client's retries (full jitter of 0), on a client built now.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    s.t.deps.crmClients?.forget(s.organizationId);
    await s.call('POST', '/__emulator/faults', {
      rules: [{ route: 'GET /crm/v8/Accounts/{id}', error500: 1 }],
    });
    const res = await s.owner.get(`/api/crm/customers/${answer.customerId}/info`);
    expect([res.status, res.json.error.code]).toEqual([502, 'CRM_UNAVAILABLE']);
  });
});
