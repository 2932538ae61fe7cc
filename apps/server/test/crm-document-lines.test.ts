import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeTotals, type DocumentDiscount } from '@kanjo/core';
import type { ZohoRecord } from '@kanjo/crm-zoho';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncContexts, type RunDetail, type SyncContext } from './crm-sync-setup';

/**
 * Documents reach a CRM as strict as Zoho's with their line items: products,
 * the org's taxes by name, Kanjo's discounts carried exactly, Zoho's own
 * Grand_Total compared with Kanjo's, mandatory fields and picklists read
 * from the CRM org. Against the emulator over real HTTP.
 */

const context = useSyncContexts();
const proxies: Server[] = [];
afterEach(() => {
  for (const proxy of proxies.splice(0)) proxy.close();
});

interface Line {
  itemId?: string;
  name: string;
  description?: string;
  quantity: string;
  rate: number;
  discountPercent?: string;
  taxRate?: string;
}

const LINE_FIELDS = { Quotes: 'Quoted_Items', Invoices: 'Invoiced_Items' } as const;
type Module = keyof typeof LINE_FIELDS;

async function crmDocuments(s: SyncContext, module: Module): Promise<ZohoRecord[]> {
  const crm = await s.crm();
  const out: ZohoRecord[] = [];
  const fields = ['Subject', 'Status', 'Account_Name', 'Contact_Name', 'Grand_Total'];
  for await (const record of crm.listAll(module, { fields })) out.push(record);
  return out;
}

/** One CRM document with its line items. */
async function crmDocument(s: SyncContext, module: Module, subject: string) {
  const found = (await crmDocuments(s, module)).find((r) => r.Subject === subject);
  expect(found, subject).toBeDefined();
  const record = await (await s.crm()).getRecord(module, String(found?.id));
  const lines = (record?.[LINE_FIELDS[module]] ?? []) as ZohoRecord[];
  return { record: record ?? {}, lines };
}

const idOf = (lookup: unknown) => (lookup as { id?: unknown } | null)?.id;
const taxNames = (line: ZohoRecord) => (line.Line_Tax as { name: string }[]).map((t) => t.name);

async function customer(s: SyncContext, displayName: string) {
  const res = await s.owner.post('/api/customers', { kind: 'business', displayName });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

interface DocumentOptions {
  lines: Line[];
  discount?: DocumentDiscount;
  taxInclusive?: boolean;
}

async function issuedInvoice(s: SyncContext, customerId: string, doc: DocumentOptions) {
  const created = await s.owner.post('/api/invoices', {
    customerId,
    issueDate: '2026-11-20',
    ...doc,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const issued = await s.owner.post(`/api/invoices/${created.json.id}/issue`);
  expect(issued.status, JSON.stringify(issued.json)).toBe(200);
  return { id: String(issued.json.id), number: String(issued.json.number) };
}

async function sentQuote(s: SyncContext, customerId: string, doc: DocumentOptions) {
  const created = await s.owner.post('/api/quotes', {
    customerId,
    issueDate: '2026-11-20',
    ...doc,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const sent = await s.owner.post(`/api/quotes/${created.json.id}/send`);
  expect(sent.status, JSON.stringify(sent.json)).toBe(200);
  return { id: String(sent.json.id), number: String(sent.json.number) };
}

const kanjoTotal = (doc: DocumentOptions) =>
  computeTotals(
    { ...doc, lines: doc.lines.map((line, i) => ({ id: `l${i}`, ...line })) },
    { roundingMode: 'halfUp' },
  ).total;

const itemsOf = (run: RunDetail, entity: string) => run.items.filter((i) => i.entity === entity);

const outboxOf = (s: SyncContext, entity: string) =>
  s.t.sql.all<{
    local_id: string;
    attempts: number;
    last_error_code: string | null;
    next_attempt_at: string | null;
  }>(
    'SELECT local_id, attempts, last_error_code, next_attempt_at FROM crm_outbox WHERE entity = ?',
    entity,
  );

describe('document line items in the CRM', () => {
  it('writes each line with its product (the item’s own, else the one shared line product) and the org’s taxes by name', async () => {
    const s = await context({ settings: (settings) => (settings.items.mode = 'both') });
    const item = await s.owner.post('/api/items', { name: 'Widget', rate: 1200 });
    expect(item.status, JSON.stringify(item.json)).toBe(201);
    const customerId = await customer(s, 'Lines Co');
    await s.sync();
    const widget = (await s.links()).find(
      (l) => l.entity === 'item' && l.local_id === item.json.id,
    );
    expect(widget?.status).toBe('linked');

    const doc = {
      lines: [
        { itemId: String(item.json.id), name: 'Widget', quantity: '2', rate: 1200, taxRate: '10' },
        { name: 'Delivery', description: 'To Tokyo', quantity: '1', rate: 500, taxRate: '8' },
      ],
    };
    const invoice = await issuedInvoice(s, customerId, doc);
    const second = await issuedInvoice(s, customerId, {
      lines: [{ name: 'Setup', quantity: '1', rate: 3000 }],
    });
    const run = await s.sync();
    expect(run.run.counts.invoice).toMatchObject({ pushed: 2, failed: 0 });

    const { record, lines } = await crmDocument(s, 'Invoices', invoice.number);
    const products = await s.products();
    const shared = products.filter((p) => p.Product_Name === 'Kanjo document line');
    expect(shared).toHaveLength(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ Quantity: 2, List_Price: 1200, Discount: 0 });
    expect(idOf(lines[0]?.Product_Name)).toBe(widget?.crm_id);
    expect(taxNames(lines[0] ?? {})).toEqual(['Consumption Tax']);
    expect(lines[1]).toMatchObject({ Description: 'Delivery\nTo Tokyo', List_Price: 500 });
    expect(idOf(lines[1]?.Product_Name)).toBe(shared[0]?.id);
    expect(taxNames(lines[1] ?? {})).toEqual(['Reduced Consumption Tax']);
    expect(record.Grand_Total).toBe(kanjoTotal(doc));
    const other = await crmDocument(s, 'Invoices', second.number);
    expect(idOf(other.lines[0]?.Product_Name)).toBe(shared[0]?.id);
    expect(other.lines[0]?.Line_Tax).toEqual([]);
    // No product per free line, and the shared one never comes back as a Kanjo item.
    expect(products.map((p) => p.Product_Name).sort()).toEqual(['Kanjo document line', 'Widget']);
    await s.sync();
    expect((await s.items()).map((i) => i.name)).toEqual(['Widget']);
  });

  it(
    'fails a document whose line product the CRM refuses, with the reason, and sends it on a later run',
    { timeout: 60_000 },
    async () => {
      const s = await context();
      const customerId = await customer(s, 'Refused Product Co');
      const invoice = await issuedInvoice(s, customerId, {
        lines: [{ name: 'Work', quantity: '1', rate: 1000, taxRate: '10' }],
      });
      await s.call('POST', '/__emulator/faults', {
        rules: [{ route: 'POST /crm/v8/Products/upsert', error500: 1 }],
      });
      // The client retries a 500 with jittered backoff (up to ~15 s) before it gives up.
      const run = await s.sync({}, { waitMs: 40_000 });
      await s.call('DELETE', '/__emulator/faults');
      expect(run.run.status).toBe('succeeded');
      expect(itemsOf(run, 'invoice')).toEqual([
        expect.objectContaining({ localId: invoice.id, action: 'failed' }),
      ]);
      expect(await outboxOf(s, 'invoice')).toEqual([
        expect.objectContaining({ local_id: invoice.id, attempts: 1 }),
      ]);

      const retry = await s.sync();
      expect(retry.run.counts.invoice).toMatchObject({ pushed: 1, failed: 0 });
      expect((await crmDocument(s, 'Invoices', invoice.number)).record.Grand_Total).toBe(1100);
    },
  );

  it(
    'fails the documents, not the run, when the CRM org’s taxes cannot be read',
    { timeout: 60_000 },
    async () => {
      const s = await context();
      const customerId = await customer(s, 'No Taxes Co');
      const invoice = await issuedInvoice(s, customerId, {
        lines: [{ name: 'Work', quantity: '1', rate: 1000, taxRate: '10' }],
      });
      await s.call('POST', '/__emulator/faults', {
        rules: [{ route: 'GET /crm/v8/org/taxes', error500: 1 }],
      });
      const run = await s.sync({}, { waitMs: 40_000 });
      await s.call('DELETE', '/__emulator/faults');
      expect(run.run.status).toBe('succeeded');
      expect(itemsOf(run, 'invoice')).toEqual([
        expect.objectContaining({ localId: invoice.id, action: 'failed' }),
      ]);
      const retry = await s.sync();
      expect(retry.run.counts.invoice).toMatchObject({ pushed: 1, failed: 0 });
    },
  );

  it('lets a document whose tax rate the CRM org lacks wait, said once, and sends it once the rate is one the CRM has', async () => {
    const s = await context();
    const customerId = await customer(s, 'Five Percent Co');
    const quote = await sentQuote(s, customerId, {
      lines: [{ name: 'Service', quantity: '1', rate: 2000, taxRate: '5' }],
    });

    const first = await s.sync();
    expect(itemsOf(first, 'quote')).toEqual([
      expect.objectContaining({
        localId: quote.id,
        action: 'skipped',
        reason: expect.stringContaining('the CRM has no 5% tax'),
      }),
    ]);
    expect(await outboxOf(s, 'quote')).toEqual([
      expect.objectContaining({
        local_id: quote.id,
        attempts: 0,
        last_error_code: 'CRM_TAX_MISSING',
      }),
    ]);
    const again = await s.sync();
    expect(itemsOf(again, 'quote')).toEqual([]);
    expect(await crmDocuments(s, 'Quotes')).toEqual([]);

    const patched = await s.owner.patch(`/api/quotes/${quote.id}`, {
      lines: [{ name: 'Service', quantity: '1', rate: 2000, taxRate: '10' }],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const sent = await s.sync();
    expect(itemsOf(sent, 'quote')).toEqual([
      expect.objectContaining({ localId: quote.id, action: 'pushed' }),
    ]);
    expect((await crmDocument(s, 'Quotes', quote.number)).record.Grand_Total).toBe(2200);
    expect(await outboxOf(s, 'quote')).toEqual([]);
  });

  it.each<[string, DocumentOptions]>([
    [
      'line and document discounts over two rates',
      {
        lines: [
          { name: 'A', quantity: '3', rate: 1234, discountPercent: '15', taxRate: '10' },
          { name: 'B', quantity: '2', rate: 999, taxRate: '8' },
          { name: 'C', quantity: '1', rate: 700 },
        ],
        discount: { type: 'percent', value: '5' },
      },
    ],
    [
      'tax-inclusive prices with an amount discount',
      {
        lines: [
          { name: 'A', quantity: '1', rate: 1100, taxRate: '10' },
          { name: 'B', quantity: '2', rate: 2160, taxRate: '8' },
        ],
        discount: { type: 'amount', value: 100 },
        taxInclusive: true,
      },
    ],
  ])('makes Zoho’s Grand_Total Kanjo’s total: %s', async (_name, doc) => {
    const s = await context();
    const customerId = await customer(s, 'Discount Co');
    const invoice = await issuedInvoice(s, customerId, doc);
    const run = await s.sync();
    const pushed = itemsOf(run, 'invoice');
    expect(pushed).toEqual([expect.objectContaining({ action: 'pushed' })]);
    expect(pushed[0]?.reason).not.toContain('differs');
    const { record } = await crmDocument(s, 'Invoices', invoice.number);
    expect(record.Grand_Total).toBe(kanjoTotal(doc));
  });

  it('says in the history when Zoho’s per-line tax rounding makes another total, with both figures', async () => {
    const s = await context();
    const customerId = await customer(s, 'Rounding Co');
    const doc = {
      lines: [
        { name: 'Pencil', quantity: '1', rate: 105, taxRate: '10' },
        { name: 'Eraser', quantity: '1', rate: 105, taxRate: '10' },
      ],
    };
    // Kanjo: 210 + 21 (10% once on the rate's sum); Zoho: 210 + 11 + 11.
    expect(kanjoTotal(doc)).toBe(231);
    const invoice = await issuedInvoice(s, customerId, doc);
    const run = await s.sync();
    expect(itemsOf(run, 'invoice')).toEqual([
      expect.objectContaining({
        action: 'pushed',
        reason: expect.stringContaining("Zoho's Grand_Total 232 differs from Kanjo's total 231"),
      }),
    ]);
    expect((await crmDocument(s, 'Invoices', invoice.number)).record.Grand_Total).toBe(232);
    const stored = await s.owner.get(`/api/invoices/${invoice.id}`);
    expect(stored.json.lines).toHaveLength(2);
  });

  it('replaces the CRM’s lines when the document’s lines change', async () => {
    const s = await context();
    const customerId = await customer(s, 'Changing Co');
    const quote = await sentQuote(s, customerId, {
      lines: [
        { name: 'One', quantity: '1', rate: 1000, taxRate: '10' },
        { name: 'Two', quantity: '2', rate: 500, taxRate: '10' },
        { name: 'Three', quantity: '3', rate: 100 },
      ],
    });
    await s.sync();
    expect((await crmDocument(s, 'Quotes', quote.number)).lines).toHaveLength(3);

    const patched = await s.owner.patch(`/api/quotes/${quote.id}`, {
      lines: [{ name: 'Only', quantity: '4', rate: 250, taxRate: '8' }],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const run = await s.sync();
    expect(run.run.counts.quote).toMatchObject({ pushed: 1, failed: 0 });
    const { record, lines } = await crmDocument(s, 'Quotes', quote.number);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ Description: 'Only', Quantity: 4, List_Price: 250 });
    expect(record.Grand_Total).toBe(1080);

    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });

  it('replaces the lines too when the CRM’s list read leaves line items out (reading the record by id)', async () => {
    const s = await context({
      apiDomain: (emulatorUrl) => rewritingProxy(emulatorUrl, listsWithoutLines),
    });
    const customerId = await customer(s, 'Unlisted Lines Co');
    const quote = await sentQuote(s, customerId, {
      lines: [
        { name: 'One', quantity: '1', rate: 1000, taxRate: '10' },
        { name: 'Two', quantity: '2', rate: 500, taxRate: '10' },
      ],
    });
    const first = await s.sync();
    expect(first.run.counts.quote).toMatchObject({ pushed: 1, failed: 0 });
    expect((await crmDocument(s, 'Quotes', quote.number)).lines).toHaveLength(2);

    const patched = await s.owner.patch(`/api/quotes/${quote.id}`, {
      lines: [{ name: 'Only', quantity: '4', rate: 250, taxRate: '8' }],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const run = await s.sync();
    expect(run.run.counts.quote).toMatchObject({ pushed: 1, failed: 0 });
    const { record, lines } = await crmDocument(s, 'Quotes', quote.number);
    expect(lines.map((line) => line.Description)).toEqual(['Only']);
    expect(record.Grand_Total).toBe(1080);
  });
});

describe('mandatory fields and picklists of the CRM org', () => {
  it('gives a Contact customer’s document the Contact’s Account, and lets one without an Account wait, said once', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.module = 'contacts') });
    const solo = await s.owner.post('/api/customers', { kind: 'individual', displayName: 'Solo' });
    expect(solo.status, JSON.stringify(solo.json)).toBe(201);
    await s.sync();
    const hanako = (await s.customers()).find((c) => c.displayName === 'Hanako Sato');
    const hanakoLink = (await s.links()).find((l) => l.local_id === hanako?.id);
    const acme = (await s.crm()).listAll('Accounts', { fields: ['Account_Name'] });
    let acmeId: unknown;
    for await (const account of acme)
      if (account.Account_Name === 'Acme Trading') acmeId = account.id;

    const lines = [{ name: 'Advice', quantity: '1', rate: 10000, taxRate: '10' }];
    const withAccount = await issuedInvoice(s, String(hanako?.id), { lines });
    const without = await issuedInvoice(s, String(solo.json.id), { lines });
    const first = await s.sync();
    const { record } = await crmDocument(s, 'Invoices', withAccount.number);
    expect(idOf(record.Account_Name)).toBe(acmeId);
    expect(idOf(record.Contact_Name)).toBe(hanakoLink?.crm_id);
    expect(itemsOf(first, 'invoice').find((i) => i.localId === without.id)).toMatchObject({
      action: 'skipped',
      reason: expect.stringContaining(
        "Zoho needs an Account for invoices: the customer's CRM Contact has no Account",
      ),
    });
    const [waiting] = await outboxOf(s, 'invoice');
    expect(waiting).toMatchObject({ local_id: without.id, last_error_code: 'CRM_ACCOUNT_MISSING' });
    // Scheduled runs look again only hours later; a manual run looks, and says nothing new.
    expect(Date.parse(String(waiting?.next_attempt_at))).toBeGreaterThan(
      s.t.deps.clock().getTime() + 3600_000,
    );
    const second = await s.sync();
    expect(itemsOf(second, 'invoice')).toEqual([]);
    expect((await crmDocuments(s, 'Invoices')).map((r) => r.Subject)).toEqual([withAccount.number]);
  });

  it('leaves out a status the org’s picklist lacks, says so naming the state and the field, and sends the rest', async () => {
    const s = await context({
      apiDomain: (emulatorUrl) => rewritingProxy(emulatorUrl, withoutPaidStatus),
    });
    const customerId = await customer(s, 'Picky Co');
    const lines = [{ name: 'Work', quantity: '1', rate: 5000, taxRate: '10' }];
    const invoice = await issuedInvoice(s, customerId, { lines });
    await s.sync();
    const paid = await s.owner.post('/api/payments', {
      invoiceId: invoice.id,
      amount: 5500,
      date: '2026-11-21',
    });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);

    const run = await s.sync();
    expect(itemsOf(run, 'invoice')).toEqual([
      expect.objectContaining({
        action: 'skipped',
        reason: expect.stringContaining(
          'Status not sent: the CRM\'s Invoices picklist Status has no "Paid" for invoice paid',
        ),
      }),
    ]);
    expect((await crmDocument(s, 'Invoices', invoice.number)).record.Status).toBe('Approved');
    const again = await s.sync();
    expect(itemsOf(again, 'invoice')).toEqual([]);
  });
});

/** A JSON answer of the CRM as the proxy may change it. */
type Rewrite = (url: string, json: Record<string, unknown>) => void;

/** A proxy to the emulator that changes some of its JSON answers as another Zoho org would. */
async function rewritingProxy(target: string, rewrite: Rewrite) {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) =>
          typeof v === 'string' && k !== 'host' && k !== 'content-length' ? [[k, v]] : [],
        ),
      );
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body && req.method !== 'GET' ? { body } : {}),
      });
      let text = await answer.text();
      const type = answer.headers.get('content-type');
      if (type?.includes('json') && text !== '') {
        const json = JSON.parse(text) as Record<string, unknown>;
        rewrite(req.url ?? '/', json);
        text = JSON.stringify(json);
      }
      res.writeHead(answer.status, type ? { 'content-type': type } : {});
      res.end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An org with no "Paid" Invoices status: the emulator cannot change a standard picklist, a Zoho org can. */
const withoutPaidStatus: Rewrite = (url, json) => {
  if (!url.startsWith('/crm/v8/settings/fields?') || !url.includes('module=Invoices')) return;
  const fields = json.fields as {
    api_name: string;
    pick_list_values?: { actual_value: string }[];
  }[];
  for (const field of fields) {
    if (field.api_name === 'Status' && field.pick_list_values) {
      field.pick_list_values = field.pick_list_values.filter((p) => p.actual_value !== 'Paid');
    }
  }
};

/** A list read (`GET /{module}?ids=…`) that leaves line items out: Zoho documents them on the read of one record. */
const listsWithoutLines: Rewrite = (url, json) => {
  if (!/^\/crm\/v8\/(Quotes|Sales_Orders|Invoices)\?/.test(url)) return;
  for (const record of (json.data ?? []) as Record<string, unknown>[]) {
    for (const field of Object.values(LINE_FIELDS)) delete record[field];
    delete record.Ordered_Items;
  }
};
