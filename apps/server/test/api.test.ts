import { describe, expect, it } from 'vitest';
import { Client, makeTestApp, signUp } from './helpers';

const customer = (overrides: Record<string, unknown> = {}) => ({
  kind: 'business',
  displayName: '株式会社テスト',
  contactPersons: [],
  customFields: {},
  ...overrides,
});

async function setup() {
  const t = await makeTestApp();
  const a = await signUp(t.app, { baseCurrency: 'JPY' });
  const b = await signUp(t.app, { baseCurrency: 'USD' });
  return { ...t, a: a.client, b: b.client };
}

describe('tenancy', () => {
  it('never shows one organization another organization’s records', async () => {
    const { a, b } = await setup();
    const created = await a.post('/api/customers', customer({ displayName: 'A only' }));
    expect(created.status).toBe(201);
    const id = created.json.id;

    const read = await b.get(`/api/customers/${id}`);
    expect(read.status).toBe(404);
    expect(read.json.error.code).toBe('NOT_FOUND');
    expect((await b.patch(`/api/customers/${id}`, { displayName: 'hijack' })).status).toBe(404);
    expect((await b.delete(`/api/customers/${id}`)).status).toBe(404);
    const listB = await b.get('/api/customers');
    expect(listB.json.items).toEqual([]);
    expect((await b.get('/api/customers?q=A%20only')).json.items).toEqual([]);

    // The same client-made id in org B is a different record, not a clash.
    const sameId = await b.post('/api/customers', customer({ id, displayName: 'B copy' }));
    expect(sameId.status).toBe(201);
    expect((await a.get(`/api/customers/${id}`)).json.displayName).toBe('A only');

    // B cannot invoice A's customer.
    const inv = await b.post('/api/invoices', {
      customerId: created.json.id + 'x',
      issueDate: '2026-11-20',
      lines: [],
    });
    expect(inv.status).toBe(400);
  });

  it('refuses every resource without a session', async () => {
    const { app } = await makeTestApp();
    const anon = new Client(app);
    for (const path of ['customers', 'items', 'quotes', 'sales-orders', 'invoices', 'payments']) {
      const res = await anon.get(`/api/${path}`);
      expect(res.status, path).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('validation', () => {
  it('answers 400 VALIDATION_FAILED with the field path for an unknown key or a missing name', async () => {
    const { a } = await setup();
    const unknown = await a.post('/api/customers', customer({ favouriteColour: 'blue' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('VALIDATION_FAILED');
    expect(unknown.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(
      'favouriteColour',
    );

    const { displayName: _omit, ...nameless } = customer();
    const missing = await a.post('/api/customers', nameless);
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(
      'displayName',
    );

    const badLine = await a.post('/api/customers', customer());
    const inv = await a.post('/api/invoices', {
      customerId: badLine.json.id,
      issueDate: '2026-11-20',
      lines: [{ name: 'x', quantity: '1.2.3', rate: 100 }],
    });
    expect(inv.status).toBe(400);
    expect(inv.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(
      'lines.0.quantity',
    );
  });

  it('answers malformed JSON with 400 and never a 5xx', async () => {
    const { a } = await setup();
    const res = await a.request('POST', '/api/customers', '{"kind": "business",', {});
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INVALID_JSON');
    expect((await a.request('POST', '/api/customers', '[]')).status).toBe(400);
    expect((await a.get('/api/customers?limit=9999')).status).toBe(400);
    expect((await a.get('/api/customers?cursor=garbage')).status).toBe(400);
  });
});

describe('invoices', () => {
  it('computes JPY totals the way a Japanese accountant expects: tax per rate, rounded once per rate', async () => {
    const { a } = await setup();
    const c = await a.post('/api/customers', customer());
    const res = await a.post('/api/invoices', {
      customerId: c.json.id,
      issueDate: '2026-11-20',
      lines: [
        { name: 'コンサルティング', quantity: '1', rate: 1234, taxRate: '10' },
        { name: 'お弁当', quantity: '2.5', rate: 398, taxRate: '8' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json.currency).toBe('JPY');
    // 10%: ¥1,234 → tax 123.4 → ¥123; 8%: 2.5 × ¥398 = ¥995 → tax 79.6 → ¥80.
    expect(res.json.totals).toMatchObject({
      subtotal: 2229,
      discount: 0,
      tax: 203,
      total: 2432,
      paid: 0,
      balance: 2432,
    });
    expect(res.json.totals.taxBreakdown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rate: '10', taxable: 1234, tax: 123 }),
        expect.objectContaining({ rate: '8', taxable: 995, tax: 80 }),
      ]),
    );
    expect(res.json.overdue).toBe(false);
    expect(res.json.number).toBeNull();
    expect(res.json.status).toBe('draft');

    // Three ¥105 lines at 8%: per-line rounding would give 3 × ¥8 = ¥24; per rate it is 315 × 8% = 25.2 → ¥25.
    const many = await a.post('/api/invoices', {
      customerId: c.json.id,
      issueDate: '2026-11-20',
      lines: [1, 2, 3].map((i) => ({
        name: `おにぎり ${i}`,
        quantity: '1',
        rate: 105,
        taxRate: '8',
      })),
    });
    expect(many.json.totals).toMatchObject({ subtotal: 315, tax: 25, total: 340 });
  });

  it('numbers issued invoices consecutively and locks them', async () => {
    const { a } = await setup();
    const c = await a.post('/api/customers', customer());
    const draft = (n: number) => ({
      customerId: c.json.id,
      issueDate: '2026-11-20',
      dueDate: '2026-12-20',
      lines: [{ name: `Line ${n}`, quantity: '1', rate: 1000, taxRate: '10' }],
    });
    const one = await a.post('/api/invoices', draft(1));
    const two = await a.post('/api/invoices', draft(2));
    const i1 = await a.post(`/api/invoices/${one.json.id}/issue`);
    const i2 = await a.post(`/api/invoices/${two.json.id}/issue`);
    expect(i1.status).toBe(200);
    expect(i1.json.status).toBe('issued');
    expect(i1.json.number).toBe('INV-000001');
    expect(i2.json.number).toBe('INV-000002');

    const locked = await a.patch(`/api/invoices/${one.json.id}`, {
      lines: [{ name: 'Sneaky', quantity: '1', rate: 1, taxRate: '10' }],
    });
    expect(locked.status).toBe(409);
    expect(locked.json.error.code).toBe('INVOICE_LOCKED');
    expect((await a.get(`/api/invoices/${one.json.id}`)).json.totals.total).toBe(1100);

    const again = await a.post(`/api/invoices/${one.json.id}/issue`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('INVALID_TRANSITION');
  });

  it('records payments against the balance and refuses overpayment', async () => {
    const { a } = await setup();
    const c = await a.post('/api/customers', customer());
    const inv = await a.post('/api/invoices', {
      customerId: c.json.id,
      issueDate: '2026-11-20',
      lines: [{ name: 'Work', quantity: '1', rate: 10000, taxRate: '10' }],
    });
    await a.post(`/api/invoices/${inv.json.id}/issue`);
    const p1 = await a.post('/api/payments', {
      invoiceId: inv.json.id,
      amount: 5000,
      date: '2026-11-21',
      method: 'bank',
    });
    expect(p1.status).toBe(201);
    let now = await a.get(`/api/invoices/${inv.json.id}`);
    expect(now.json.status).toBe('partially_paid');
    expect(now.json.totals).toMatchObject({ total: 11000, paid: 5000, balance: 6000 });
    const over = await a.post('/api/payments', {
      invoiceId: inv.json.id,
      amount: 6001,
      date: '2026-11-21',
    });
    expect(over.status).toBe(409);
    await a.post('/api/payments', { invoiceId: inv.json.id, amount: 6000, date: '2026-11-22' });
    now = await a.get(`/api/invoices/${inv.json.id}`);
    expect(now.json.status).toBe('paid');
    expect(now.json.totals.balance).toBe(0);
    expect((await a.patch(`/api/payments/${p1.json.id}`, { amount: 1 })).status).toBe(405);
    const listed = await a.get(`/api/payments?invoiceId=${inv.json.id}`);
    expect(listed.json.items).toHaveLength(2);
    // Voiding a paid invoice is refused.
    expect((await a.post(`/api/invoices/${inv.json.id}/void`)).status).toBe(409);
  });

  it('derives overdue from the due date and balance', async () => {
    const { a, clock } = await setup();
    const c = await a.post('/api/customers', customer());
    const inv = await a.post('/api/invoices', {
      customerId: c.json.id,
      issueDate: '2026-11-01',
      dueDate: '2026-11-30',
      lines: [{ name: 'Work', quantity: '1', rate: 1000 }],
    });
    await a.post(`/api/invoices/${inv.json.id}/issue`);
    expect((await a.get(`/api/invoices/${inv.json.id}`)).json.overdue).toBe(false);
    clock.advance(15 * 24 * 3600 * 1000);
    expect((await a.get(`/api/invoices/${inv.json.id}`)).json.overdue).toBe(true);
  });
});

describe('quotes and sales orders', () => {
  it('sends, accepts and converts a quote into a draft invoice', async () => {
    const { a } = await setup();
    const c = await a.post('/api/customers', customer());
    const q = await a.post('/api/quotes', {
      customerId: c.json.id,
      issueDate: '2026-11-20',
      lines: [{ name: 'Plan', quantity: '12', rate: 50000, taxRate: '10' }],
      discount: { type: 'percent', value: '5' },
    });
    expect(q.status).toBe(201);
    const sent = await a.post(`/api/quotes/${q.json.id}/send`);
    expect(sent.json).toMatchObject({ status: 'sent', number: 'QT-000001' });
    expect((await a.post(`/api/quotes/${q.json.id}/accept`)).json.status).toBe('accepted');
    const inv = await a.post(`/api/quotes/${q.json.id}/convert`, { to: 'invoice' });
    expect(inv.status).toBe(201);
    expect(inv.json).toMatchObject({ status: 'draft', customerId: c.json.id });
    expect(inv.json.totals.total).toBe(q.json.totals.total);
    expect((await a.get(`/api/quotes/${q.json.id}`)).json.status).toBe('invoiced');
    expect((await a.post(`/api/quotes/${q.json.id}/decline`)).status).toBe(409);
  });

  it('confirms a sales order and converts it to an invoice', async () => {
    const { a } = await setup();
    const c = await a.post('/api/customers', customer());
    const so = await a.post('/api/sales-orders', {
      customerId: c.json.id,
      issueDate: '2026-11-20',
      lines: [{ name: 'Box', quantity: '10', rate: 700, taxRate: '10' }],
    });
    const confirmed = await a.post(`/api/sales-orders/${so.json.id}/confirm`);
    expect(confirmed.json).toMatchObject({ status: 'confirmed', number: 'SO-000001' });
    const inv = await a.post(`/api/sales-orders/${so.json.id}/convert`, {});
    expect(inv.status).toBe(201);
    expect(inv.json.totals.total).toBe(7700);
    expect((await a.get(`/api/sales-orders/${so.json.id}`)).json.status).toBe('closed');
  });
});

describe('lists', () => {
  it('pages with a cursor, searches full-width and half-width alike, and hides soft-deleted rows', async () => {
    const { a } = await setup();
    for (let i = 0; i < 7; i++) {
      expect(
        (await a.post('/api/items', { name: `Ｗｉｄｇｅｔ ${i}`, rate: 100 * i, active: true }))
          .status,
      ).toBe(201);
    }
    await a.post('/api/items', { name: 'Gadget', rate: 5, active: true });
    const page1 = await a.get('/api/items?limit=3&q=widget');
    expect(page1.json.items).toHaveLength(3);
    const page2 = await a.get(`/api/items?limit=3&q=widget&cursor=${page1.json.nextCursor}`);
    const page3 = await a.get(`/api/items?limit=3&q=widget&cursor=${page2.json.nextCursor}`);
    expect(page3.json.items).toHaveLength(1);
    expect(page3.json.nextCursor).toBeNull();
    const names = [...page1.json.items, ...page2.json.items, ...page3.json.items].map(
      (i: { name: string }) => i.name,
    );
    expect(new Set(names).size).toBe(7);

    const gadget = (await a.get('/api/items?q=gadget')).json.items[0];
    expect((await a.delete(`/api/items/${gadget.id}`)).status).toBe(204);
    expect((await a.get(`/api/items/${gadget.id}`)).status).toBe(404);
    expect((await a.get('/api/items?q=gadget')).json.items).toEqual([]);
    expect((await a.get('/api/items?q=100%25')).json.items).toEqual([]); // LIKE wildcards are literal
  });
});

describe('OpenAPI', () => {
  it('serves the API document and its reference page', async () => {
    const { a } = await setup();
    const doc = await a.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/api/invoices', '/api/auth/signup']),
    );
    const page = await a.app.request('http://127.0.0.1:8787/api/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kanjo API reference');
  });
});
