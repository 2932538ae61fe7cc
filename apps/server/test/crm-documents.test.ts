import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { Client } from './helpers';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';

/**
 * Issued quotes, sales orders and invoices are written to the CRM's
 * Quotes, Sales_Orders and Invoices (Kanjo → CRM only), idempotently,
 * and what a Kanjo user inserts is owned by their CRM user.
 */

const context = useSyncContexts();

const DOCUMENT_FIELDS = [
  'Subject',
  'Account_Name',
  'Contact_Name',
  'Deal_Name',
  'Currency',
  'Sub_Total',
  'Tax',
  'Discount',
  'Grand_Total',
  'Status',
  'Quote_Stage',
  'Valid_Till',
  'Invoice_Date',
  'Due_Date',
  'Owner',
];

async function crmRecords(s: SyncContext, module: string): Promise<ZohoRecord[]> {
  const out: ZohoRecord[] = [];
  for await (const record of (await s.crm()).listAll(module, { fields: DOCUMENT_FIELDS })) {
    out.push(record);
  }
  return out;
}

const idOf = (lookup: unknown) => (lookup as { id?: unknown } | null)?.id;

async function addCustomer(s: SyncContext, displayName: string, client: Client = s.owner) {
  const res = await client.post('/api/customers', { kind: 'business', displayName });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

async function issuedInvoice(
  s: SyncContext,
  customerId: string,
  extra: object = {},
  client: Client = s.owner,
) {
  const created = await client.post('/api/invoices', {
    customerId,
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    lines: [{ name: 'Consulting', quantity: '3', rate: 1000, taxRate: '10' }],
    ...extra,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const issued = await client.post(`/api/invoices/${created.json.id}/issue`);
  expect(issued.status, JSON.stringify(issued.json)).toBe(200);
  return { id: String(issued.json.id), number: String(issued.json.number) };
}

const outboxOf = (s: SyncContext, entity: string) =>
  s.t.sql.all<{ local_id: string; attempts: number; last_error_code: string | null }>(
    'SELECT local_id, attempts, last_error_code FROM crm_outbox WHERE entity = ?',
    entity,
  );

describe('issued documents in the CRM', () => {
  it('writes an issued invoice with its deal, writes nothing when unchanged, and follows a payment to Paid', async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Deal Co');
    await s.sync();
    const account = (await s.accounts()).find((a) => a.Account_Name === 'Deal Co');
    const [deal] = await (
      await s.crm()
    ).insert('Deals', [
      { Deal_Name: 'Deal Co renewal', Stage: 'Qualification', Account_Name: { id: account?.id } },
    ]);
    const dealId = deal?.ok ? deal.id : '';
    // Kanjo links only deals it has read, of the document's own customer.
    await s.sync();
    const invoice = await issuedInvoice(s, customerId, { dealId });

    const first = await s.sync();
    expect(first.run.counts.invoice).toMatchObject({ pushed: 1, failed: 0 });
    const [record, ...others] = await crmRecords(s, 'Invoices');
    expect(others).toHaveLength(0);
    expect(record).toMatchObject({
      Subject: invoice.number,
      Currency: 'JPY',
      // Zoho's Sub_Total sums the lines with their tax; Tax is the record's own (none).
      Sub_Total: 3300,
      Tax: 0,
      Discount: 0,
      Grand_Total: 3300,
      Status: 'Approved',
      Invoice_Date: '2026-11-20',
      Due_Date: '2026-12-20',
    });
    expect(idOf(record?.Account_Name)).toBe(account?.id);
    expect(idOf(record?.Deal_Name)).toBe(dealId);
    expect((await s.links()).find((l) => l.entity === 'invoice')).toMatchObject({
      local_id: invoice.id,
      crm_id: record?.id,
      status: 'linked',
    });

    const writes = await s.writeCalls();
    const second = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(second.items.filter((i) => i.entity === 'invoice')).toEqual([]);

    const paid = await s.owner.post('/api/payments', {
      invoiceId: invoice.id,
      amount: 3300,
      date: '2026-11-21',
    });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);
    const third = await s.sync();
    expect(third.items.find((i) => i.entity === 'invoice')).toMatchObject({
      action: 'pushed',
      crmId: record?.id,
      changes: [{ field: 'Status', before: 'Approved', after: 'Paid' }],
    });
    const after = await crmRecords(s, 'Invoices');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: record?.id, Status: 'Paid', Grand_Total: 3300 });
    expect(await outboxOf(s, 'invoice')).toEqual([]);

    // Dissociating the deal clears it in the CRM.
    const dissociated = await s.owner.patch(`/api/invoices/${invoice.id}`, { dealId: null });
    expect(dissociated.status, JSON.stringify(dissociated.json)).toBe(200);
    await s.sync();
    expect((await crmRecords(s, 'Invoices'))[0]?.Deal_Name ?? null).toBeNull();
  });

  it('sends on the first run an issued invoice that was never queued (made before connecting)', async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Early Co');
    const invoice = await issuedInvoice(s, customerId);
    await s.t.sql.run('DELETE FROM crm_outbox');

    const first = await s.sync();
    expect(first.items.find((i) => i.entity === 'invoice')).toMatchObject({
      localId: invoice.id,
      action: 'pushed',
    });
    expect((await crmRecords(s, 'Invoices')).map((r) => r.Subject)).toEqual([invoice.number]);
  });

  it('follows a quote through sent and accepted, and a confirmed sales order', async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Quote Co');
    const quote = await s.owner.post('/api/quotes', {
      customerId,
      issueDate: '2026-11-20',
      expiryDate: '2026-12-05',
      lines: [{ name: 'Pen', quantity: '2', rate: 550, taxRate: '8' }],
    });
    const sent = await s.owner.post(`/api/quotes/${quote.json.id}/send`);
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    const order = await s.owner.post('/api/sales-orders', {
      customerId,
      lines: [{ name: 'Oil', quantity: '1', rate: 2000 }],
    });
    await s.owner.post(`/api/sales-orders/${order.json.id}/confirm`);

    await s.sync();
    expect(await crmRecords(s, 'Quotes')).toEqual([
      expect.objectContaining({
        Subject: sent.json.number,
        Quote_Stage: 'Delivered',
        Valid_Till: '2026-12-05',
        Grand_Total: 1188,
      }),
    ]);
    expect(await crmRecords(s, 'Sales_Orders')).toEqual([
      expect.objectContaining({ Status: 'Approved', Grand_Total: 2000 }),
    ]);

    await s.owner.post(`/api/quotes/${quote.json.id}/accept`);
    await s.sync();
    expect((await crmRecords(s, 'Quotes'))[0]).toMatchObject({ Quote_Stage: 'Confirmed' });
  });

  it('never sends a draft', async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Draft Co');
    const draft = await s.owner.post('/api/invoices', {
      customerId,
      lines: [{ name: 'Work', quantity: '1', rate: 5000 }],
    });
    await s.owner.patch(`/api/invoices/${draft.json.id}`, { notes: 'still thinking' });
    await s.owner.post('/api/quotes', { customerId, lines: [] });
    expect(await outboxOf(s, 'invoice')).toEqual([]);
    expect(await outboxOf(s, 'quote')).toEqual([]);

    const run = await s.sync();
    expect(run.items.filter((i) => i.entity === 'invoice' || i.entity === 'quote')).toEqual([]);
    expect(await crmRecords(s, 'Invoices')).toEqual([]);
    expect(await crmRecords(s, 'Quotes')).toEqual([]);
  });

  it('lets a document wait, reported once, while its customer is not linked', async () => {
    const s = await context({
      settings: (settings) => {
        settings.customers.extent = 'fetch';
      },
    });
    const customerId = await addCustomer(s, 'Kanjo Only KK');
    const invoice = await issuedInvoice(s, customerId);

    const first = await s.sync();
    expect(first.run.status).toBe('succeeded');
    const waiting = first.items.filter((i) => i.entity === 'invoice');
    expect(waiting).toEqual([
      expect.objectContaining({
        localId: invoice.id,
        action: 'skipped',
        reason: expect.stringContaining('not linked to the CRM'),
      }),
    ]);
    expect(await outboxOf(s, 'invoice')).toEqual([
      { local_id: invoice.id, attempts: 0, last_error_code: 'CRM_CUSTOMER_NOT_LINKED' },
    ]);

    const second = await s.sync();
    expect(second.items.filter((i) => i.entity === 'invoice')).toEqual([]);
    expect(await crmRecords(s, 'Invoices')).toEqual([]);
  });

  it('records what a dry run would send and writes nothing', async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Dry Co');
    await s.sync();
    const invoice = await issuedInvoice(s, customerId);
    const writes = await s.writeCalls();

    const dry = await s.sync({ dryRun: true });
    expect(dry.items.find((i) => i.entity === 'invoice')).toMatchObject({
      localId: invoice.id,
      action: 'pushed',
      reason: expect.stringContaining('would be sent'),
    });
    expect(await s.writeCalls()).toBe(writes);
    expect(await outboxOf(s, 'invoice')).toHaveLength(1);
    expect((await s.links()).filter((l) => l.entity === 'invoice')).toEqual([]);
  });
});

describe('one CRM record per document under lost answers and 500s', () => {
  it('maps every issued invoice to exactly one CRM invoice', { timeout: 120_000 }, async () => {
    const s = await context();
    const customerId = await addCustomer(s, 'Retry Docs Co');
    await s.sync();
    const numbers: string[] = [];
    for (let i = 0; i < 12; i += 1) numbers.push((await issuedInvoice(s, customerId)).number);
    await s.call('POST', '/__emulator/faults', {
      seed: 11,
      rules: [{ route: 'POST /crm/v8/Invoices/upsert', dropAfterWrite: 0.6, error500: 0.2 }],
    });

    // Each run retries what is still queued; a dropped answer is retried as an upsert.
    for (let attempt = 0; attempt < 12; attempt += 1) {
      if ((await outboxOf(s, 'invoice')).length === 0) break;
      // 500s are retried with jittered backoff inside a run: a run may take several seconds.
      await s.sync({}, { waitMs: 40_000 });
    }
    const stats = (await s.call('GET', '/__emulator/stats')) as {
      faults: { dropped: number; '500': number };
    };
    await s.call('DELETE', '/__emulator/faults');
    expect(stats.faults.dropped + stats.faults['500']).toBeGreaterThan(0);

    const records = await crmRecords(s, 'Invoices');
    for (const number of numbers) {
      expect(
        records.filter((r) => r.Subject === number),
        number,
      ).toHaveLength(1);
    }
    expect(records).toHaveLength(numbers.length);
    const links = (await s.links()).filter((l) => l.entity === 'invoice');
    expect(new Set(links.map((l) => l.crm_id)).size).toBe(numbers.length);
    expect(await outboxOf(s, 'invoice')).toEqual([]);
  });

  it(
    'keeps a refused document queued with the reason and backs it off',
    { timeout: 60_000 },
    async () => {
      const s = await context();
      const customerId = await addCustomer(s, 'Refused Co');
      await s.sync();
      const invoice = await issuedInvoice(s, customerId);
      await s.call('POST', '/__emulator/faults', {
        rules: [{ route: 'POST /crm/v8/Invoices/upsert', error500: 1 }],
      });
      // The client retries a 500 with jittered backoff (up to ~15 s in all) before the record fails.
      const run = await s.sync({}, { waitMs: 40_000 });
      await s.call('DELETE', '/__emulator/faults');
      expect(run.items.find((i) => i.entity === 'invoice')).toMatchObject({
        localId: invoice.id,
        action: 'failed',
        errorCode: expect.any(String),
      });
      expect(await outboxOf(s, 'invoice')).toEqual([
        { local_id: invoice.id, attempts: 1, last_error_code: expect.any(String) },
      ]);

      const retry = await s.sync();
      expect(retry.run.counts.invoice).toMatchObject({ pushed: 1, failed: 0 });
      expect(await crmRecords(s, 'Invoices')).toHaveLength(1);
    },
  );
});

describe('records are owned by the acting user’s CRM user', () => {
  async function member(s: SyncContext, email: string) {
    const invite = await s.owner.post('/api/users', { email, role: 'admin' });
    expect(invite.status, JSON.stringify(invite.json)).toBe(201);
    const client = new Client(s.t.app);
    const joined = await client.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: 'a long enough password',
    });
    expect(joined.status, JSON.stringify(joined.json)).toBe(201);
    return client;
  }

  it('owns a rep’s customer and invoice by the rep’s CRM user, another user’s by the connection’s user', async () => {
    const s = await context();
    const repEmail = `rep-${Date.now()}@example.com`;
    // The same person in the CRM, with another case.
    await s.call('POST', '/__emulator/clients', { email: repEmail.toUpperCase() });
    const crmUsers = await (await s.crm()).users();
    const repCrm = crmUsers.find((u) => String(u.email).toLowerCase() === repEmail);
    expect(repCrm).toBeDefined();
    const connection = await s.owner.get('/api/crm/connection');
    const connectionUser = { id: String(connection.json.connection.crmUser.id) };
    const rep = await member(s, repEmail);
    const other = await member(s, `other-${Date.now()}@example.com`);

    const repCustomer = await addCustomer(s, 'Rep Co', rep);
    const otherCustomer = await addCustomer(s, 'Other Co', other);
    const first = await s.sync();
    const accounts = await (
      await s.crm()
    ).listAll('Accounts', {
      fields: ['Account_Name', 'Owner'],
    });
    const owners = new Map<unknown, unknown>();
    for await (const account of accounts) owners.set(account.Account_Name, idOf(account.Owner));
    expect(owners.get('Rep Co')).toBe(repCrm?.id);
    expect(owners.get('Other Co')).toBe(connectionUser?.id);
    expect(first.items.find((i) => i.localId === repCustomer)?.reason).toContain(
      `owner: ${String(repCrm?.email)}`,
    );
    expect(first.items.find((i) => i.localId === otherCustomer)?.reason).not.toContain('owner:');

    const repInvoice = await issuedInvoice(s, repCustomer, {}, rep);
    const otherInvoice = await issuedInvoice(s, otherCustomer, {}, other);
    await s.sync();
    const invoices = await crmRecords(s, 'Invoices');
    const ownerOf = (number: string) => idOf(invoices.find((r) => r.Subject === number)?.Owner);
    expect(ownerOf(repInvoice.number)).toBe(repCrm?.id);
    expect(ownerOf(otherInvoice.number)).toBe(connectionUser?.id);

    // An update by another user keeps the owner.
    await s.owner.post('/api/payments', {
      invoiceId: repInvoice.id,
      amount: 3300,
      date: '2026-11-21',
    });
    await s.sync();
    const updated = (await crmRecords(s, 'Invoices')).find((r) => r.Subject === repInvoice.number);
    expect(updated).toMatchObject({ Status: 'Paid' });
    expect(idOf(updated?.Owner)).toBe(repCrm?.id);
  });
});
