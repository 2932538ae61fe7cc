import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requireUser } from '../src/auth/middleware';
import type { AppEnv } from '../src/http/env';
import { ApiError, sendError } from '../src/http/errors';
import { receivablesRoutes } from '../src/http/receivables';
import { Client, makeTestApp, signUp, type TestApp } from './helpers';

/**
 * The app with the receivables route in front, mounted the way app.ts should
 * (behind requireUser, before the resource routes); everything else falls
 * through to the real app.
 */
function withReceivables(t: TestApp): TestApp['app'] {
  const outer = new Hono<AppEnv>();
  outer.use('*', async (c, next) => {
    c.set('deps', t.deps);
    await next();
  });
  outer.use('/api/customers/:id/receivables', requireUser);
  outer.route('/api', receivablesRoutes);
  outer.all('*', (c) => t.app.fetch(c.req.raw));
  outer.onError((err, c) => {
    if (err instanceof ApiError) return sendError(c, err);
    throw err;
  });
  return outer;
}

/** The test clock's day in Tokyo (2026-11-20T01:00Z is 10:00 JST). */
const TODAY = '2026-11-20';
/** The USD invoice's rate, ×10,000 so the test's own arithmetic stays in integers. */
const USD_RATE = '151.37';
const USD_RATE_X10000 = 15137;

interface Spec {
  label: string;
  currency: 'JPY' | 'USD';
  /** Net in minor units, and a tax percentage that divides it evenly. */
  net: number;
  taxPercent: number;
  issueDate: string;
  dueDate: string;
  /** Where the invoice ends: a draft, issued (then paid by `payments`), or voided after issue. */
  end: 'draft' | 'issued' | 'void';
  payments: { amount: number; date: string }[];
}

const SPECS: Spec[] = [
  // prettier-ignore
  { label: 'issued, due in 10 days', currency: 'JPY', net: 30000, taxPercent: 10, issueDate: '2026-11-01', dueDate: '2026-11-30', end: 'issued', payments: [] },
  // prettier-ignore
  { label: 'partially paid, due in 15 days', currency: 'JPY', net: 45000, taxPercent: 10, issueDate: '2026-10-05', dueDate: '2026-12-05', end: 'issued', payments: [{ amount: 20000, date: '2026-10-15' }] },
  // prettier-ignore
  { label: 'paid this year', currency: 'JPY', net: 20000, taxPercent: 10, issueDate: '2026-02-01', dueDate: '2026-03-31', end: 'issued', payments: [{ amount: 22000, date: '2026-03-10' }] },
  // prettier-ignore
  { label: 'paid long ago', currency: 'JPY', net: 30000, taxPercent: 0, issueDate: '2025-05-01', dueDate: '2025-05-31', end: 'issued', payments: [{ amount: 30000, date: '2025-06-01' }] },
  // prettier-ignore
  { label: 'overdue, paid across the window edge', currency: 'JPY', net: 20000, taxPercent: 0, issueDate: '2025-09-01', dueDate: '2025-10-01', end: 'issued', payments: [{ amount: 5000, date: '2025-11-20' }, { amount: 3000, date: '2025-11-21' }] },
  // prettier-ignore
  { label: 'overdue since last month', currency: 'JPY', net: 8000, taxPercent: 10, issueDate: '2026-10-01', dueDate: '2026-10-31', end: 'issued', payments: [] },
  // prettier-ignore
  { label: 'due today', currency: 'JPY', net: 1200, taxPercent: 8, issueDate: '2026-11-01', dueDate: TODAY, end: 'issued', payments: [] },
  // prettier-ignore
  { label: 'due in 40 days', currency: 'JPY', net: 60000, taxPercent: 10, issueDate: '2026-11-15', dueDate: '2026-12-30', end: 'issued', payments: [] },
  // prettier-ignore
  { label: 'draft', currency: 'JPY', net: 99900, taxPercent: 10, issueDate: '2026-10-01', dueDate: '2026-11-01', end: 'draft', payments: [] },
  // prettier-ignore
  { label: 'void', currency: 'JPY', net: 77700, taxPercent: 10, issueDate: '2026-10-01', dueDate: '2026-11-01', end: 'void', payments: [] },
  // prettier-ignore
  { label: 'USD, overdue, part paid', currency: 'USD', net: 123456, taxPercent: 0, issueDate: '2026-10-10', dueDate: '2026-11-10', end: 'issued', payments: [{ amount: 20000, date: '2026-11-01' }] },
];

/**
 * What the summary must say, by plain arithmetic over SPECS: a deliberately
 * different route from core's (floats where they are exact, Math.round for
 * the one conversion per invoice, string dates compared by hand-made bounds).
 */
function expectedFromSpecs() {
  const yen = (spec: Spec, minor: number) =>
    spec.currency === 'JPY' ? minor : Math.round((minor * USD_RATE_X10000) / 10000);
  let outstanding = 0;
  let overdue = 0;
  let dueIn30Days = 0;
  let paidLast12Months = 0;
  for (const spec of SPECS) {
    const total = spec.net + (spec.net * spec.taxPercent) / 100;
    const paidEver = spec.payments.reduce((sum, p) => sum + p.amount, 0);
    const recent = spec.payments.filter((p) => p.date >= '2025-11-21' && p.date <= TODAY);
    const recentSum = recent.reduce((sum, p) => sum + p.amount, 0);
    if (recentSum > 0) paidLast12Months += yen(spec, recentSum);
    const owed = spec.end === 'issued' ? total - paidEver : 0;
    if (owed <= 0) continue;
    outstanding += yen(spec, owed);
    if (spec.dueDate < TODAY) overdue += yen(spec, owed);
    if (spec.dueDate >= TODAY && spec.dueDate <= '2026-12-20') dueIn30Days += yen(spec, owed);
  }
  return { outstanding, overdue, dueIn30Days, paidLast12Months };
}

/** The four figures, sent as exact decimal strings, as numbers (this file's sums are small). */
function asNumbers(figures: Record<string, unknown>) {
  const read = (key: string) => Number(figures[key] as string);
  return {
    outstanding: read('outstanding'),
    overdue: read('overdue'),
    dueIn30Days: read('dueIn30Days'),
    paidLast12Months: read('paidLast12Months'),
  };
}

async function createInvoice(client: Client, customerId: string, spec: Spec): Promise<string> {
  const created = await client.post('/api/invoices', {
    customerId,
    currency: spec.currency,
    ...(spec.currency === 'USD' ? { exchangeRate: USD_RATE } : {}),
    issueDate: spec.issueDate,
    dueDate: spec.dueDate,
    lines: [
      {
        name: spec.label,
        quantity: '1',
        rate: spec.net,
        ...(spec.taxPercent ? { taxRate: String(spec.taxPercent) } : {}),
      },
    ],
  });
  expect(created.status, spec.label).toBe(201);
  const id = created.json.id as string;
  if (spec.end === 'draft') return id;
  expect((await client.post(`/api/invoices/${id}/issue`)).status, spec.label).toBe(200);
  if (spec.end === 'void') {
    expect((await client.post(`/api/invoices/${id}/void`)).status, spec.label).toBe(200);
  }
  for (const payment of spec.payments) {
    const paid = await client.post('/api/payments', { invoiceId: id, ...payment });
    expect(paid.status, spec.label).toBe(201);
  }
  return id;
}

const customerBody = (displayName: string) => ({
  kind: 'business',
  displayName,
  contactPersons: [],
  customFields: {},
});

async function setup() {
  const t = await makeTestApp();
  const app = withReceivables(t);
  const a = (await signUp(app, { baseCurrency: 'JPY', locale: 'ja' })).client;
  const customer = await a.post('/api/customers', customerBody('株式会社売掛'));
  const customerId = customer.json.id as string;
  const ids = new Map<string, string>();
  for (const spec of SPECS) ids.set(spec.label, await createInvoice(a, customerId, spec));
  return { t, app, a, customerId, ids };
}

describe('GET /api/customers/:id/receivables', () => {
  it('equals the sums computed from the test’s own invoices and payments, USD at its rate', async () => {
    const { a, customerId, ids } = await setup();
    // A deleted payment no longer counts; another customer's invoice never does.
    const usdId = ids.get('USD, overdue, part paid') ?? '';
    const extra = await a.post('/api/payments', { invoiceId: usdId, amount: 100, date: TODAY });
    expect((await a.delete(`/api/payments/${extra.json.id as string}`)).status).toBe(204);
    const other = await a.post('/api/customers', customerBody('別の顧客'));
    await createInvoice(a, other.json.id as string, SPECS[0] as Spec);

    const res = await a.get(`/api/customers/${customerId}/receivables`);
    expect(res.status).toBe(200);
    const expected = expectedFromSpecs();
    expect(res.json.baseCurrency).toBe('JPY');
    expect(res.json.today).toBe(TODAY);
    expect(asNumbers(res.json.base)).toMatchObject(expected);
    // Written out once, so a mistake in the helper above cannot hide one in core:
    // outstanding 33,000 + 29,500 + 12,000 + 8,800 + 1,296 + 66,000 + $1,034.56 × 151.37 (156,601)
    expect(expected).toEqual({
      outstanding: 33000 + 29500 + 12000 + 8800 + 1296 + 66000 + 156601,
      overdue: 12000 + 8800 + 156601,
      dueIn30Days: 33000 + 29500 + 1296,
      paidLast12Months: 20000 + 22000 + 3000 + 30274,
    });
    expect(res.json.base.counts).toEqual({
      outstanding: 7,
      overdue: 3,
      dueIn30Days: 3,
      paidLast12Months: 4,
    });
    expect(res.json.unconverted).toEqual([]);
  });

  it('gives the per-currency detail unconverted', async () => {
    const { a, customerId } = await setup();
    const res = await a.get(`/api/customers/${customerId}/receivables`);
    const byCurrency = res.json.byCurrency as { currency: string; outstanding: string }[];
    expect(byCurrency.map((entry) => entry.currency)).toEqual(['JPY', 'USD']);
    expect(byCurrency[1]).toMatchObject({
      currency: 'USD',
      outstanding: String(123456 - 20000),
      overdue: String(123456 - 20000),
      dueIn30Days: '0',
      paidLast12Months: '20000',
    });
    expect(byCurrency[0]?.outstanding).toBe(String(Number(res.json.base.outstanding) - 156601));
  });

  it('reports a foreign invoice without a rate instead of counting it 1:1', async () => {
    const t = await makeTestApp();
    const a = (await signUp(withReceivables(t), { baseCurrency: 'JPY' })).client;
    const customer = await a.post('/api/customers', customerBody('Rate-less Inc.'));
    const id = customer.json.id as string;
    const invoice = await a.post('/api/invoices', {
      customerId: id,
      currency: 'USD',
      issueDate: '2026-11-01',
      lines: [{ name: 'Work', quantity: '1', rate: 5000 }],
    });
    await a.post(`/api/invoices/${invoice.json.id as string}/issue`);
    const res = await a.get(`/api/customers/${id}/receivables`);
    expect(res.json.base.outstanding).toBe('0');
    expect(res.json.unconverted).toEqual([
      expect.objectContaining({ invoiceId: invoice.json.id, currency: 'USD' }),
    ]);
  });

  it('is scoped to the organization: another one’s customer is 404, signed out is 401', async () => {
    const { app, customerId } = await setup();
    const b = (await signUp(app, { baseCurrency: 'USD' })).client;
    const foreign = await b.get(`/api/customers/${customerId}/receivables`);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('NOT_FOUND');
    expect((await b.get('/api/customers/no-such-id/receivables')).status).toBe(404);
    const own = await b.post('/api/customers', customerBody('B customer'));
    const empty = await b.get(`/api/customers/${own.json.id as string}/receivables`);
    expect(empty.status).toBe(200);
    expect(empty.json.base).toMatchObject({ outstanding: '0', paidLast12Months: '0' });
    const anonymous = new Client(app);
    expect((await anonymous.get(`/api/customers/${customerId}/receivables`)).status).toBe(401);
  });
});

describe('receivables at the money bound (10^15 minor units)', () => {
  const MAX = 1_000_000_000_000_000;

  async function customerOf(baseCurrency: string) {
    const t = await makeTestApp();
    const a = (await signUp(withReceivables(t), { baseCurrency })).client;
    const customer = await a.post('/api/customers', customerBody('Bound Co'));
    return { a, customerId: customer.json.id as string };
  }

  const invoiceBody = (customerId: string, fields: Record<string, unknown>, rate: number) => ({
    customerId,
    issueDate: '2026-11-01',
    dueDate: '2026-11-30',
    lines: [{ name: 'Work', quantity: '1', rate }],
    ...fields,
  });

  function refusedAt(res: { status: number; json: Record<string, any> }, path: string) {
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    const fields = res.json.error.details.fields as { path: string; message: string }[];
    expect(fields.map((field) => field.path)).toEqual([path]);
    expect(fields[0]?.message).toMatch(/at most 10\^15 minor units/);
  }

  it('refuses an EUR invoice whose total converts past the bound (10,000,000.00 at 10000000)', async () => {
    const { a, customerId } = await customerOf('USD');
    const body = invoiceBody(customerId, { currency: 'EUR', exchangeRate: '10000000' }, 1e9);
    refusedAt(await a.post('/api/invoices', body), 'exchangeRate');
    // Set afterwards, the rate is refused the same way.
    const draft = await a.post('/api/invoices', { ...body, exchangeRate: '1' });
    expect(draft.status).toBe(201);
    const id = draft.json.id as string;
    refusedAt(await a.patch(`/api/invoices/${id}`, { exchangeRate: '10000000' }), 'exchangeRate');
    expect((await a.post(`/api/invoices/${id}/issue`)).status).toBe(200);
    const res = await a.get(`/api/customers/${customerId}/receivables`);
    expect(res.status).toBe(200);
    expect(res.json.base.outstanding).toBe('1000000000'); // 10,000,000.00 EUR at 1 = 10,000,000.00 USD
  });

  it('refuses a USD invoice of 2^52 cents and a payment past the bound', async () => {
    const { a, customerId } = await customerOf('USD');
    const body = invoiceBody(customerId, { currency: 'USD' }, 2 ** 52);
    refusedAt(await a.post('/api/invoices', body), 'lines.0.rate');
    const doubled = invoiceBody(customerId, {}, MAX / 2 + 1);
    refusedAt(
      await a.post('/api/invoices', {
        ...doubled,
        lines: [{ ...doubled.lines[0], quantity: '2' }],
      }),
      'lines.0.rate',
    );
    const ok = await a.post('/api/invoices', invoiceBody(customerId, {}, MAX));
    await a.post(`/api/invoices/${ok.json.id as string}/issue`);
    const payment = { invoiceId: ok.json.id, amount: MAX + 1, date: '2026-11-02' };
    refusedAt(await a.post('/api/payments', payment), 'amount');
  });

  it('sums many invoices at the bound exactly, past Number.MAX_SAFE_INTEGER', async () => {
    const { a, customerId } = await customerOf('JPY');
    const count = 12;
    for (let i = 0; i < count; i += 1) {
      const created = await a.post('/api/invoices', invoiceBody(customerId, {}, MAX));
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      expect((await a.post(`/api/invoices/${created.json.id as string}/issue`)).status).toBe(200);
    }
    const usd = await a.post(
      '/api/invoices',
      invoiceBody(customerId, { currency: 'USD', exchangeRate: '151.37' }, 600_000_000_000_000),
    );
    expect(usd.status, JSON.stringify(usd.json)).toBe(201);
    expect((await a.post(`/api/invoices/${usd.json.id as string}/issue`)).status).toBe(200);
    const res = await a.get(`/api/customers/${customerId}/receivables`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    // 12 × 10^15 yen + $6,000,000,000,000.00 × 151.37 = 908,220,000,000,000 yen.
    const expected = (12n * 10n ** 15n + 908_220_000_000_000n).toString();
    expect(res.json.base.outstanding).toBe(expected);
    expect(res.json.base.overdue).toBe('0');
    expect(res.json.base.dueIn30Days).toBe(expected);
    expect(res.json.byCurrency[0]).toMatchObject({
      currency: 'JPY',
      outstanding: '12000000000000000',
    });
    expect(res.json.byCurrency[1]).toMatchObject({
      currency: 'USD',
      outstanding: '600000000000000',
    });
  });
});
