import { emulatorDeliveries } from '@kanjo/crm-emulator';
import { defaultAutomationSettings, type CrmAutomationSettings } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { maintainChannels } from '../src/crm/notifications/maintain';
import { NotifiedRunQueue } from '../src/crm/notifications/queue';
import { CrmSyncRunner } from '../src/crm/sync/run';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { useHookServers } from './hook-server';

/** Deals and deal-stage automation against the emulator over HTTP. */

const context = useSyncContexts();

interface PulledDeal {
  id: string;
  name: string;
  stage: string;
  probability: number | null;
  amount: number | null;
  currency: string;
  customerId: string;
}

/** Every deal change a fresh PWA would pull, by id (the last one wins). */
async function pulledDeals(s: SyncContext) {
  const res = await s.owner.get('/api/sync/pull?cursor=0&limit=1000');
  expect(res.status).toBe(200);
  const deals = new Map<string, { op: string; row: PulledDeal }>();
  for (const change of res.json.changes as {
    entity: string;
    id: string;
    op: string;
    row: PulledDeal;
  }[]) {
    if (change.entity === 'deal') deals.set(change.id, { op: change.op, row: change.row });
  }
  return deals;
}

async function crmDeal(s: SyncContext, name: string) {
  const found = (await (await s.crm()).search('Deals', { criteria: `(Deal_Name:equals:${name})` }))
    .records[0];
  expect(found, name).toBeDefined();
  return String(found?.id);
}

/** A deal moved in the CRM the way a person does it: the stage, and its probability. */
async function moveDeal(s: SyncContext, id: string, stage: string, probability: number) {
  const results = await (
    await s.crm()
  ).update('Deals', [{ id, Stage: stage, Probability: probability }]);
  expect(results[0]?.ok, JSON.stringify(results)).toBe(true);
}

async function addDeal(s: SyncContext, body: Record<string, unknown>) {
  const results = await (await s.crm()).insert('Deals', [body]);
  const result = results[0];
  if (!result?.ok) throw new Error(JSON.stringify(results));
  return result.id;
}

async function setRules(s: SyncContext, change: (rules: CrmAutomationSettings) => void) {
  const rules = defaultAutomationSettings();
  rules.enabled = true;
  change(rules);
  const res = await s.owner.put('/api/crm/automation/settings', rules);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { enabledAt: string };
}

type Doc = {
  salespersonId?: string | null;
  id: string;
  number: string | null;
  status: string;
  dealId?: string;
  automation?: { dealId: string; trigger: string; releasedAt?: string };
  lines: { name: string; rate: number }[];
  currency: string;
};

async function documents(s: SyncContext, path: 'invoices' | 'quotes' | 'sales-orders') {
  return (await s.owner.get(`/api/${path}?limit=200`)).json.items as Doc[];
}

async function log(s: SyncContext, query = '') {
  const res = await s.owner.get(`/api/crm/automation/log?limit=200${query}`);
  expect(res.status).toBe(200);
  return res.json.entries as {
    message: string;
    outcome: string;
    code: string | null;
    documentId: string | null;
    step: string;
  }[];
}

/**
 * Moves the shared clock (Kanjo's and the CRM's) a second on: Zoho's
 * Modified_Time has whole seconds, so the next CRM change is in a later second.
 */
const nextSecond = (s: SyncContext) => s.t.clock.advance(1000);

describe('a document’s deal', () => {
  it('must be a deal of the document’s own customer, over REST and sync push alike', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const deals = [...(await pulledDeals(s)).values()].map((d) => d.row);
    const acme = deals.find((d) => d.name === 'Acme rollout');
    const globex = deals.find((d) => d.name === 'Globex renewal');
    if (!acme || !globex) throw new Error('the demo book has both deals');
    const line = { name: 'Work', quantity: '1', rate: 1000, taxRate: '10' };
    const invoice = (customerId: string, dealId: string) =>
      s.owner.post('/api/invoices', { customerId, dealId, lines: [line] });

    const foreign = await invoice(acme.customerId, globex.id);
    expect(foreign.status).toBe(400);
    expect(foreign.json.error).toMatchObject({
      code: 'DEAL_NOT_OF_CUSTOMER',
      details: { dealId: globex.id, customerId: acme.customerId },
    });
    expect((await invoice(acme.customerId, '999000999')).json.error.code).toBe(
      'DEAL_NOT_OF_CUSTOMER',
    );
    const own = await invoice(acme.customerId, acme.id);
    expect(own.status, JSON.stringify(own.json)).toBe(201);

    // Moving the document to another customer under its deal, or relinking it, is refused too.
    const moved = await s.owner.patch(`/api/invoices/${own.json.id}`, {
      customerId: globex.customerId,
    });
    expect(moved.json.error?.code).toBe('DEAL_NOT_OF_CUSTOMER');
    const relinked = await s.owner.patch(`/api/invoices/${own.json.id}`, { dealId: globex.id });
    expect(relinked.json.error?.code).toBe('DEAL_NOT_OF_CUSTOMER');
    const both = await s.owner.patch(`/api/invoices/${own.json.id}`, {
      customerId: globex.customerId,
      dealId: globex.id,
    });
    expect(both.status, JSON.stringify(both.json)).toBe(200);

    const pushed = await s.owner.post('/api/sync/push', {
      clientId: '0190a1b2-0000-7000-8000-00000000aa01',
      mutations: [
        {
          seq: 1,
          name: 'quote.create',
          entityId: '0190a1b2-0000-7000-8000-00000000aa02',
          baseVersion: 0,
          args: { customerId: acme.customerId, dealId: globex.id, lines: [line] },
        },
      ],
    });
    expect(pushed.status).toBe(200);
    expect(pushed.json.results[0]).toMatchObject({
      status: 'rejected',
      code: 'DEAL_NOT_OF_CUSTOMER',
    });
  });
});

describe('deals of synced customers', () => {
  it('come into Kanjo and reach the PWA through pull; deals of customers not synced do not', async () => {
    const s = await context({
      seed: 'demo',
      settings: (rules) => {
        rules.customers.views.accounts = null;
      },
    });
    const unsyncedAccount = (
      await (await s.crm()).insert('Accounts', [{ Account_Name: 'Later Co' }])
    )[0];
    expect(unsyncedAccount?.ok).toBe(true);
    await s.sync();
    const deals = await pulledDeals(s);
    const names = [...deals.values()].map((d) => d.row.name).sort();
    expect(names).toEqual(['Acme rollout', 'Globex renewal']);
    const acme = [...deals.values()].find((d) => d.row.name === 'Acme rollout');
    const customers = await s.customers();
    expect(acme?.row).toMatchObject({
      stage: 'Qualification',
      probability: 10,
      amount: 500000,
      currency: 'JPY',
      customerId: customers.find((c) => c.displayName === 'Acme Trading')?.id,
    });
    // A second sync reads no deal as changed: nothing new for the PWA.
    const run = await s.sync();
    expect(run.items.filter((i) => i.entity === 'deal')).toEqual([]);
  });

  it('a deal deleted in the CRM leaves the PWA', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const globex = await crmDeal(s, 'Globex renewal');
    await (await s.crm()).deleteRecords('Deals', [globex]);
    const run = await s.sync();
    expect(run.items.find((i) => i.entity === 'deal')).toMatchObject({
      action: 'unlinked',
      crmId: globex,
    });
    expect((await pulledDeals(s)).get(globex)?.op).toBe('delete');
  });
});

describe('a deal read before its account was synced', () => {
  it('reaches the PWA once the account is linked, without reading the deal again', async () => {
    const s = await context({ seed: 'demo' });
    const crm = await s.crm();
    const views = (
      await crm.request({ path: '/settings/custom_views', query: { module: 'Accounts' } })
    ).body as { custom_views: { id: string; system_name: string }[] };
    const mine = views.custom_views.find((v) => v.system_name === 'MYVIEWS');
    expect(mine).toBeDefined();
    const rules = (await s.owner.get('/api/crm/settings')).json.settings;
    rules.customers.views.accounts = mine?.id;
    expect((await s.owner.put('/api/crm/settings', { settings: rules })).status).toBe(200);
    const rep = await s.call('POST', '/__emulator/users', {
      email: 'rep@crm.example',
      name: 'Rep',
    });
    const [later] = await crm.insert('Accounts', [
      { Account_Name: 'Later Co', Owner: { id: rep.id } },
    ]);
    expect(later?.ok, JSON.stringify(later)).toBe(true);
    const laterId = later?.ok ? later.id : '';
    const dealId = await addDeal(s, {
      Deal_Name: 'Later deal',
      Stage: 'Qualification',
      Probability: 10,
      Account_Name: { id: laterId },
    });
    await s.sync();
    expect((await s.customers()).map((c) => c.displayName)).not.toContain('Later Co');
    expect((await pulledDeals(s)).has(dealId)).toBe(false);

    // The account moves into the view: the next sync links it, and its stored deal follows.
    const me = (await crm.currentUser()) as { id: string };
    expect((await crm.update('Accounts', [{ id: laterId, Owner: { id: me.id } }]))[0]?.ok).toBe(
      true,
    );
    const dealReads = (await s.calls())['GET /crm/v8/Deals'] ?? 0;
    await s.sync();
    const customer = (await s.customers()).find((c) => c.displayName === 'Later Co');
    expect(customer).toBeDefined();
    expect((await pulledDeals(s)).get(dealId)).toMatchObject({
      op: 'put',
      row: { name: 'Later deal', customerId: customer?.id },
    });
    // One changed-since read of Deals, as every run makes; the deal itself was not read again.
    expect((await s.calls())['GET /crm/v8/Deals']).toBe(dealReads + 1);
  });
});

describe('deal-stage automation', () => {
  it('Closed Won makes one invoice linked to the deal; Closed Lost voids it; a sent one is left alone', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    await setRules(s, (rules) => {
      rules.onWon = { acceptQuote: true, create: 'invoice', issue: true };
    });
    nextSecond(s);
    const acme = await crmDeal(s, 'Acme rollout');
    await moveDeal(s, acme, 'Closed Won', 100);
    await s.sync();
    let invoices = await documents(s, 'invoices');
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0];
    expect(invoice).toMatchObject({
      status: 'issued',
      dealId: acme,
      currency: 'JPY',
      automation: { dealId: acme, trigger: 'won' },
      lines: [{ name: 'Acme rollout', rate: 500000 }],
    });
    expect((await log(s)).map((e) => e.message)).toContain(
      `Closed Won → created ${invoice?.number}`,
    );
    // Read again (an overlapping poll, a repeated notification): still one invoice.
    await s.sync();
    await new CrmSyncRunner()
      .start({
        deps: s.t.deps,
        organizationId: s.organizationId,
        trigger: 'notification',
        crmIds: { module: 'Deals', ids: [acme], operation: 'update' },
      })
      .then((r) => r.done);
    expect(await documents(s, 'invoices')).toHaveLength(1);
    // Its deal link is locked.
    const unlink = await s.owner.patch(`/api/invoices/${invoice?.id}`, { dealId: null });
    expect(unlink.status).toBe(409);
    expect(unlink.json.error.code).toBe('DEAL_LINK_LOCKED');

    nextSecond(s);
    await moveDeal(s, acme, 'Closed Lost', 0);
    await s.sync();
    invoices = await documents(s, 'invoices');
    expect(invoices[0]?.status).toBe('void');
    expect((await log(s)).map((e) => e.message)).toContain(
      `Closed Lost → voided ${invoice?.number}`,
    );

    // Another deal: won, then a person sends the invoice, then the deal is lost.
    nextSecond(s);
    const other = await addDeal(s, {
      Deal_Name: 'Acme phase two',
      Stage: 'Negotiation/Review',
      Probability: 90,
      Amount: 120000,
      Account_Name: { id: await accountId(s, 'Acme Trading') },
    });
    await s.sync();
    nextSecond(s);
    await moveDeal(s, other, 'Closed Won', 100);
    await s.sync();
    const second = (await documents(s, 'invoices')).find((d) => d.dealId === other);
    expect(second?.status).toBe('issued');
    const sent = await s.owner.post(`/api/invoices/${second?.id}/send`, {});
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    nextSecond(s);
    await moveDeal(s, other, 'Closed Lost', 0);
    await s.sync();
    const after = (await documents(s, 'invoices')).find((d) => d.id === second?.id);
    expect(after?.status).toBe('issued');
    expect(after?.automation?.releasedAt).toBeDefined();
    const entries = await log(s, `&documentId=${second?.id}`);
    expect(entries.map((e) => e.message)).toContain(
      `Closed Lost → skipped: invoice ${second?.number} already sent`,
    );
  });

  it('a deal created in the very second the rules were turned on gets its quote (the CRM keeps whole seconds)', async () => {
    let crmNow = new Date('2026-11-20T01:00:00.000Z');
    const s = await context({ emulatorClock: () => crmNow });
    const account = (await (await s.crm()).insert('Accounts', [{ Account_Name: 'Byousha KK' }]))[0];
    expect(account?.ok).toBe(true);
    await s.sync();
    s.t.clock.current = new Date('2026-11-20T01:00:05.731Z');
    const { enabledAt } = await setRules(s, (rules) => {
      rules.onCreated.createQuote = true;
    });
    expect(enabledAt).toBe('2026-11-20T01:00:05.731Z');
    crmNow = new Date('2026-11-20T01:00:05.900Z');
    const deal = await addDeal(s, {
      Deal_Name: 'Same-second deal',
      Stage: 'Qualification',
      Probability: 10,
      Amount: 1000,
      Account_Name: { id: await accountId(s, 'Byousha KK') },
    });
    const stored = await (await s.crm()).getRecords('Deals', [deal], ['Created_Time']);
    expect(String(stored[0]?.Created_Time)).toMatch(/T01:00:05(\+00:00|Z)$/);
    s.t.clock.current = new Date('2026-11-20T01:00:09.000Z');
    await s.sync();
    const quotes = await documents(s, 'quotes');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ status: 'draft', dealId: deal });
  });

  it('a new deal gets a draft quote that Closed Won accepts; deals won before the rules were on are history', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    await setRules(s, (rules) => {
      rules.onCreated.createQuote = true;
      rules.onWon = { acceptQuote: true, create: 'salesOrder', issue: false };
    });
    nextSecond(s);
    const deal = await addDeal(s, {
      Deal_Name: 'Globex expansion',
      Stage: 'Qualification',
      Probability: 10,
      Amount: 3000,
      Currency: 'EUR',
      Description: 'Two more sites',
      Account_Name: { id: await accountId(s, 'Globex GmbH') },
    });
    await s.sync();
    const quotes = await documents(s, 'quotes');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ status: 'draft', dealId: deal, currency: 'EUR' });
    nextSecond(s);
    await moveDeal(s, deal, 'Closed Won', 100);
    await s.sync();
    expect((await documents(s, 'quotes'))[0]?.status).toBe('accepted');
    const orders = await documents(s, 'sales-orders');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'draft', dealId: deal });
    // "Globex renewal" was Closed Won before the rules were turned on: nothing was made for it.
    const globex = await crmDeal(s, 'Globex renewal');
    expect(await log(s, `&dealId=${globex}`)).toEqual([]);
  });

  it('the deal owner sells the automated invoice, and owns it in the CRM', async () => {
    const s = await context({ seed: 'demo' });
    const rep = await s.member('sales', 'Sales@Demo.example');
    await s.sync();
    await setRules(s, (rules) => {
      rules.onWon = { acceptQuote: false, create: 'invoice', issue: true };
    });
    const crm = await s.crm();
    const users = (await crm.users()) as { id: string; email: string }[];
    const crmRep = users.find((u) => u.email === 'sales@demo.example');
    expect(crmRep).toBeDefined();
    nextSecond(s);
    const deal = await addDeal(s, {
      Deal_Name: 'Rep deal',
      Stage: 'Closed Won',
      Amount: 5000,
      Owner: { id: crmRep?.id },
      Account_Name: { id: await accountId(s, 'Acme Trading') },
    });
    await s.sync(); // the deal comes in won: the invoice is made, then sent to the CRM
    const invoice = (await documents(s, 'invoices')).find((d) => d.dealId === deal);
    expect(invoice).toMatchObject({ salespersonId: rep.id, status: 'issued' });
    const [crmInvoice] = (
      await crm.search('Invoices', { criteria: `(Subject:equals:${invoice?.number})` })
    ).records as { Owner: { id: string }; Deal_Name: { id: string } }[];
    expect(crmInvoice?.Owner.id).toBe(crmRep?.id);
    expect(crmInvoice?.Deal_Name.id).toBe(deal);
  });

  it('the rules’ tax rate taxes the deal’s line; rules saved before the rate existed still read', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const old = defaultAutomationSettings() as Partial<CrmAutomationSettings>;
    delete old.lineTaxRate;
    expect((await s.owner.put('/api/crm/automation/settings', old)).status).toBe(200);
    expect((await s.owner.get('/api/crm/automation/settings')).json.settings.enabled).toBe(false);
    const bad = await s.owner.put('/api/crm/automation/settings', {
      ...defaultAutomationSettings(),
      lineTaxRate: '10%',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');

    await setRules(s, (rules) => {
      rules.onWon = { acceptQuote: false, create: 'invoice', issue: true };
      rules.lineTaxRate = '10';
    });
    nextSecond(s);
    await moveDeal(s, await crmDeal(s, 'Acme rollout'), 'Closed Won', 100);
    await s.sync();
    const [invoice] = await documents(s, 'invoices');
    expect(invoice?.lines).toMatchObject([{ name: 'Acme rollout', rate: 500000, taxRate: '10' }]);
    expect(invoice).toMatchObject({ totals: { tax: 50000, total: 550000 } });
  });

  it('a deal of an account that is not synced is logged as skipped, with why', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    await setRules(s, () => undefined);
    nextSecond(s);
    await addDeal(s, { Deal_Name: 'Orphan deal', Stage: 'Closed Won', Probability: 100 });
    await s.sync();
    const entries = await log(s);
    expect(entries.map((e) => e.message)).toContain(
      'Closed Won → skipped: deal not linked to a synced customer',
    );
    expect(await documents(s, 'invoices')).toEqual([]);
  });

  it(
    'never makes a second document for a deal and trigger under injected CRM faults',
    { timeout: 120_000 },
    async () => {
      const s = await context({ seed: 'demo' });
      await s.sync();
      await setRules(s, (rules) => {
        rules.onWon = { acceptQuote: false, create: 'invoice', issue: true };
      });
      nextSecond(s);
      const acme = await crmDeal(s, 'Acme rollout');
      await moveDeal(s, acme, 'Closed Won', 100);
      await s.call('POST', '/__emulator/faults', {
        seed: 11,
        rules: [
          { route: 'GET /crm/v8/{module}', error500: 0.3 },
          { route: 'POST /crm/v8/{module}/upsert', dropAfterWrite: 0.5, error500: 0.2 },
        ],
      });
      const runner = new CrmSyncRunner();
      for (let i = 0; i < 5; i += 1) {
        // 500s are retried with jittered backoff inside a run: a run may take several seconds.
        await s.sync({}, { waitMs: 40_000 });
        const started = await runner.start({
          deps: s.t.deps,
          organizationId: s.organizationId,
          trigger: 'notification',
          crmIds: { module: 'Deals', ids: [acme], operation: 'update' },
        });
        await started.done;
      }
      const stats = (await s.call('GET', '/__emulator/stats')) as {
        faults: { dropped: number; '500': number };
      };
      expect(stats.faults.dropped + stats.faults['500']).toBeGreaterThan(0);
      await s.call('DELETE', '/__emulator/faults');
      await s.sync();
      const made = (await documents(s, 'invoices')).filter((d) => d.dealId === acme);
      expect(made).toHaveLength(1);
      const done = (await s.t.sql.one(
        "SELECT cast(count(*) AS integer) AS n FROM crm_automation_done WHERE trigger = 'won'",
      )) as { n: number };
      expect(done.n).toBe(1);
    },
  );

  it('the dry run says what the rules would do to the current deals and writes nothing', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    await setRules(s, (rules) => {
      rules.onCreated.createQuote = true;
    });
    const res = await s.owner.post('/api/crm/automation/dry-run', {});
    expect(res.status).toBe(200);
    const messages = (res.json.entries as { message: string; outcome: string }[]).map(
      (e) => e.message,
    );
    expect(messages).toContain('Closed Won → would create the draft invoice');
    expect(messages).toContain('Qualification → would create the draft quote');
    expect(await documents(s, 'invoices')).toEqual([]);
    expect(await log(s)).toEqual([]);
  });

  it('only owners and admins change the rules; bad rules are refused', async () => {
    const s = await context({ seed: 'demo' });
    const sales = await s.member('sales');
    const rules = { ...defaultAutomationSettings(), enabled: true };
    const refused = await sales.client.put('/api/crm/automation/settings', rules);
    expect(refused.status).toBe(403);
    expect((await sales.client.get('/api/crm/automation/settings')).status).toBe(200);
    const bad = await s.owner.put('/api/crm/automation/settings', { enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    const read = await s.owner.get('/api/crm/automation/settings');
    expect(read.json).toEqual({ settings: defaultAutomationSettings(), enabledAt: null });
  });
});

async function accountId(s: SyncContext, name: string): Promise<string> {
  const account = (await s.accounts()).find((a) => a.Account_Name === name);
  expect(account, name).toBeDefined();
  return String(account?.id);
}

describe('deal changes through CRM notifications', () => {
  const serveHooks = useHookServers();

  /** The callback endpoint served on a port (a real runner), with channels made. */
  async function hooked(s: SyncContext) {
    const runner = new CrmSyncRunner();
    const queue = new NotifiedRunQueue({ runner });
    const { deps, hookUrl } = await serveHooks(s, { runner, queue });
    await maintainChannels(deps, s.organizationId);
    return { queue, hookUrl };
  }

  const runCount = async (s: SyncContext) =>
    (await s.t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_runs'))?.n;

  it('a Closed Won delivered twice makes one invoice; a forged callback is refused and changes nothing', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const { queue, hookUrl } = await hooked(s);
    await setRules(s, (rules) => {
      rules.onWon = { acceptQuote: false, create: 'invoice', issue: true };
    });
    nextSecond(s);
    const acme = await crmDeal(s, 'Acme rollout');
    await moveDeal(s, acme, 'Closed Won', 100);
    const deliveries = emulatorDeliveries(s.emulator.app);
    await deliveries.idle();
    await queue.settled();
    // No sync was asked for: the notification alone brought the invoice.
    expect((await documents(s, 'invoices')).filter((d) => d.dealId === acme)).toHaveLength(1);

    const delivered = deliveries.recent.find(
      (d) => d.body.module === 'Deals' && d.body.ids.includes(acme),
    );
    expect(delivered?.status).toBe(202);
    const post = (body: unknown) =>
      fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(delivered?.body)).status).toBe(202);
    await queue.settled();
    expect((await documents(s, 'invoices')).filter((d) => d.dealId === acme)).toHaveLength(1);

    const runs = await runCount(s);
    const forged = await post({ ...delivered?.body, token: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    await queue.settled();
    expect(await runCount(s)).toBe(runs);
  });
});
