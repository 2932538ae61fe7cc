import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@kanjo/core';
import { documentEmailRoutes } from '../src/http/document-email';
import type { AppEnv } from '../src/http/env';
import { ApiError, errorBody, sendError } from '../src/http/errors';
import { emailDocument } from '../src/mail/send-document';
import { mailTransportFrom, type MailTransport } from '../src/mail/transport';
import type { Db } from '../src/db/database';
import { BASE, Client, makeTestApp, signUp, type RequestTarget, type TestApp } from './helpers';
import { startSmtpSink } from './smtp-sink';

/**
 * The app with the email routes: app.ts's own once it mounts them, else the
 * sub-app in front of it (with app.ts's error answers).
 */
async function appWithEmail(t: TestApp): Promise<TestApp['app']> {
  // Without the routes, no session check runs and the API's catch-all answers 404.
  const probe = await t.app.request(`${BASE}/api/mail/outbox`);
  if (probe.status !== 404) return t.app;
  const outer = new Hono<AppEnv>();
  outer.use('*', async (c, next) => {
    c.set('deps', t.deps);
    await next();
  });
  outer.route('/api', documentEmailRoutes());
  outer.route('/', t.app);
  outer.onError((err, c) => {
    if (err instanceof ApiError) return sendError(c, err);
    if (err instanceof DomainError) {
      return sendError(c, new ApiError(err.status as 400, err.code, err.message, err.details));
    }
    return c.json(errorBody('INTERNAL', String(err)), 500);
  });
  return outer;
}

async function setup(overrides: { locale?: 'en' | 'ja'; organizationName?: string } = {}) {
  const t = await makeTestApp();
  const app = await appWithEmail(t);
  const owner = await signUp(app, { baseCurrency: 'JPY', ...overrides });
  const customer = await owner.client.post('/api/customers', {
    kind: 'business',
    displayName: 'Buyer KK',
    email: 'buyer@example.com',
    contactPersons: [],
    customFields: {},
  });
  return { ...t, app, owner: owner.client, customerId: customer.json.id as string };
}

const lines = [{ name: 'Consulting', quantity: '2', rate: 5000, taxRate: '10' }];

async function invite(app: TestApp['app'], owner: Client, role: 'sales' | 'accountant') {
  const invitation = await owner.post('/api/users', { email: `${role}@example.com`, role });
  const member = new Client(app);
  await member.post('/api/auth/accept-invite', {
    token: invitation.json.invitation.token,
    password: 'a long enough password',
  });
  return member;
}

/** The attachment parts of a raw multipart message, headers and body each. */
function mimeParts(raw: string): { headers: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [headers = '', ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      return { headers, body: body.join('\r\n\r\n').trim() };
    });
}

async function rawMail(app: RequestTarget, client: Client, id: string) {
  const res = await app.request(`${BASE}/api/mail/outbox/${id}/raw`, {
    headers: { cookie: client.cookie },
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('emailing a document', () => {
  it('captures an issued invoice’s mail with its PDF, marks it sent and lists it', async () => {
    const { app, owner, customerId } = await setup({ organizationName: 'Acme' });
    const created = await owner.post('/api/invoices', {
      customerId,
      issueDate: '2026-11-20',
      dueDate: '2026-12-20',
      lines,
    });
    const issued = await owner.post(`/api/invoices/${created.json.id}/issue`);
    expect(issued.json.status).toBe('issued');

    const sent = await owner.post(`/api/invoices/${created.json.id}/email`, {
      to: ['buyer@example.com'],
      cc: ['boss@example.com'],
    });
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({ mailId: expect.any(String), seq: expect.any(Number) });

    const invoice = await owner.get(`/api/invoices/${created.json.id}`);
    expect(invoice.json.sentAt).toBe('2026-11-20T01:00:00.000Z');

    const outbox = await owner.get('/api/mail/outbox');
    expect(outbox.json.items).toHaveLength(1);
    expect(outbox.json.items[0]).toMatchObject({
      id: sent.json.mailId,
      to: ['buyer@example.com'],
      cc: ['boss@example.com'],
      subject: `Invoice ${issued.json.number} from Acme`,
      document: { kind: 'invoice', id: created.json.id },
      transport: 'captured',
      sentBy: { kind: 'user' },
    });
    const one = await owner.get(`/api/mail/outbox/${sent.json.mailId}`);
    expect(one.json.body).toContain('Amount due: ¥11,000');
    expect(one.json.body).toContain('Due date: December 20, 2026');

    const raw = await rawMail(app, owner, sent.json.mailId);
    expect(raw.status).toBe(200);
    expect(raw.type).toBe('message/rfc822');
    expect(raw.text).toMatch(/^To: buyer@example\.com$/m);
    const pdf = mimeParts(raw.text).find((p) => /Content-Type: application\/pdf/i.test(p.headers));
    expect(pdf?.headers).toMatch(new RegExp(`filename="?${issued.json.number as string}\\.pdf`));
    expect(pdf?.headers).toMatch(/Content-Transfer-Encoding: base64/i);
    expect(
      Buffer.from(pdf?.body ?? '', 'base64')
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
  });

  it('sends a draft quote (numbered, in Japanese) and leaves a sent quote sent', async () => {
    const { owner, customerId } = await setup({
      locale: 'ja',
      organizationName: '株式会社カンジョ',
    });
    const quote = await owner.post('/api/quotes', { customerId, issueDate: '2026-11-20', lines });
    expect(quote.json.status).toBe('draft');

    const first = await owner.post(`/api/quotes/${quote.json.id}/email`, { to: ['a@example.com'] });
    expect(first.status).toBe(200);
    const after = await owner.get(`/api/quotes/${quote.json.id}`);
    expect(after.json).toMatchObject({ status: 'sent', number: 'QT-000001' });

    const again = await owner.post(`/api/quotes/${quote.json.id}/email`, {
      to: ['a@example.com'],
      subject: 'Reminder',
      message: 'As promised.',
    });
    expect(again.status).toBe(200);
    expect((await owner.get(`/api/quotes/${quote.json.id}`)).json.status).toBe('sent');
    const { items } = (await owner.get('/api/mail/outbox')).json;
    expect(items.map((m: { subject: string }) => m.subject)).toEqual([
      'Reminder',
      '見積書 QT-000001（株式会社カンジョ）',
    ]);
  });

  it('issues a draft invoice it sends, and confirms a draft sales order', async () => {
    const { owner, customerId } = await setup();
    const invoice = await owner.post('/api/invoices', {
      customerId,
      issueDate: '2026-11-20',
      lines,
    });
    await owner.post(`/api/invoices/${invoice.json.id}/email`, { to: ['a@example.com'] });
    expect((await owner.get(`/api/invoices/${invoice.json.id}`)).json).toMatchObject({
      status: 'issued',
      number: 'INV-000001',
      sentAt: expect.any(String),
    });
    const order = await owner.post('/api/sales-orders', {
      customerId,
      issueDate: '2026-11-20',
      lines,
    });
    await owner.post(`/api/sales-orders/${order.json.id}/email`, { to: ['a@example.com'] });
    expect((await owner.get(`/api/sales-orders/${order.json.id}`)).json.status).toBe('confirmed');
  });

  it('refuses bad addresses with 400 naming the field, and sends nothing', async () => {
    const { owner, customerId } = await setup();
    const invoice = await owner.post('/api/invoices', {
      customerId,
      issueDate: '2026-11-20',
      lines,
    });
    const path = `/api/invoices/${invoice.json.id}/email`;
    const bad = await owner.post(path, { to: ['not an address'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    expect(bad.json.error.details.fields[0].path).toBe('to.0');
    expect((await owner.post(path, { to: [] })).status).toBe(400);
    const eleven = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`);
    expect((await owner.post(path, { to: eleven })).status).toBe(400);
    expect((await owner.post(path, { to: ['a@example.com'], bcc: ['x@example.com'] })).status).toBe(
      400,
    );
    expect((await owner.get('/api/mail/outbox')).json.items).toEqual([]);
    expect((await owner.get(`/api/invoices/${invoice.json.id}`)).json.status).toBe('draft');
  });

  it('answers 404 for another organization’s document and its mail', async () => {
    const { app, owner, customerId } = await setup();
    const invoice = await owner.post('/api/invoices', {
      customerId,
      issueDate: '2026-11-20',
      lines,
    });
    const sent = await owner.post(`/api/invoices/${invoice.json.id}/email`, {
      to: ['a@example.com'],
    });
    const other = (await signUp(app)).client;
    const res = await other.post(`/api/invoices/${invoice.json.id}/email`, {
      to: ['a@example.com'],
    });
    expect(res.status).toBe(404);
    expect((await other.get(`/api/mail/outbox/${sent.json.mailId}`)).status).toBe(404);
    expect((await rawMail(app, other, sent.json.mailId)).status).toBe(404);
    expect((await other.get('/api/mail/outbox')).json.items).toEqual([]);
  });

  it('lets sales email a document but not read the outbox (403 FORBIDDEN)', async () => {
    const { app, owner, customerId } = await setup();
    const sales = await invite(app, owner, 'sales');
    const quote = await sales.post('/api/quotes', { customerId, issueDate: '2026-11-20', lines });
    const sent = await sales.post(`/api/quotes/${quote.json.id}/email`, { to: ['a@example.com'] });
    expect(sent.status).toBe(200);
    const list = await sales.get('/api/mail/outbox');
    expect(list.status).toBe(403);
    expect(list.json.error.code).toBe('FORBIDDEN');
    expect((await sales.get(`/api/mail/outbox/${sent.json.mailId}`)).status).toBe(403);
    const accountant = await invite(app, owner, 'accountant');
    expect((await accountant.get('/api/mail/outbox')).json.items).toHaveLength(1);
  });

  it('refuses a void invoice with 409 and pages the outbox newest first', async () => {
    const { owner, customerId, clock } = await setup();
    const voided = await owner.post('/api/invoices', {
      customerId,
      issueDate: '2026-11-20',
      lines,
    });
    await owner.post(`/api/invoices/${voided.json.id}/void`);
    const refused = await owner.post(`/api/invoices/${voided.json.id}/email`, {
      to: ['a@example.com'],
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('INVALID_TRANSITION');

    const quote = await owner.post('/api/quotes', { customerId, issueDate: '2026-11-20', lines });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1000);
      const sent = await owner.post(`/api/quotes/${quote.json.id}/email`, {
        to: ['a@example.com'],
      });
      ids.push(sent.json.mailId as string);
    }
    const first = await owner.get('/api/mail/outbox?limit=2');
    expect(first.json.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const second = await owner.get(`/api/mail/outbox?limit=2&before=${first.json.nextBefore}`);
    expect(second.json).toEqual({
      items: [expect.objectContaining({ id: ids[0] })],
      nextBefore: null,
    });
  });
});

describe('emailDocument', () => {
  async function draftInvoice() {
    const t = await setup({ organizationName: 'Acme' });
    const me = await t.owner.get('/api/me');
    const invoice = await t.owner.post('/api/invoices', {
      customerId: t.customerId,
      issueDate: '2026-11-20',
      lines,
    });
    const user = me.json.user as { id: string; organizationId: string; role: 'owner' };
    return { ...t, user, invoiceId: invoice.json.id as string };
  }

  it('delivers through SMTP the very bytes the outbox keeps', async () => {
    const { deps, owner, user, invoiceId } = await draftInvoice();
    const sink = await startSmtpSink();
    try {
      const { mailId } = await emailDocument({
        deps,
        organizationId: user.organizationId,
        sender: { kind: 'user', userId: user.id, role: user.role },
        kind: 'invoice',
        id: invoiceId,
        to: ['buyer@example.com'],
        cc: ['boss@example.com'],
        transport: mailTransportFrom({ SMTP_URL: sink.url, MAIL_FROM: 'billing@acme.test' }),
      });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]).toMatchObject({
        from: 'billing@acme.test',
        to: ['buyer@example.com', 'boss@example.com'],
      });
      const kept = await rawMail(owner.app, owner, mailId);
      expect(sink.received[0]?.data).toBe(kept.text);
      expect((await owner.get(`/api/mail/outbox/${mailId}`)).json.transport).toBe('smtp');
    } finally {
      await sink.close();
    }
  });

  it('leaves the document unsent and records nothing when delivery fails', async () => {
    const { deps, owner, user, invoiceId } = await draftInvoice();
    const failing: MailTransport = {
      kind: 'smtp',
      from: 'billing@acme.test',
      deliver: () => Promise.reject(new Error('550 relay denied')),
    };
    await expect(
      emailDocument({
        deps,
        organizationId: user.organizationId,
        sender: { kind: 'user', userId: user.id, role: user.role },
        kind: 'invoice',
        id: invoiceId,
        to: ['buyer@example.com'],
        transport: failing,
      }),
    ).rejects.toThrow('550 relay denied');
    expect((await owner.get(`/api/invoices/${invoiceId}`)).json).toMatchObject({
      status: 'draft',
      number: null,
    });
    expect((await owner.get('/api/mail/outbox')).json.items).toEqual([]);
  });

  it('sends for a CRM user in the panel as the connection’s Kanjo user', async () => {
    const { deps, owner, user, invoiceId } = await draftInvoice();
    await connectCrm(deps.db, { organizationId: user.organizationId, connectedBy: user.id });
    const { mailId } = await emailDocument({
      deps,
      organizationId: user.organizationId,
      sender: { kind: 'crmPanel', crmUserId: '4150868000000225013', crmUserEmail: 'rep@crm.test' },
      kind: 'invoice',
      id: invoiceId,
      to: ['buyer@example.com'],
    });
    const mail = await owner.get(`/api/mail/outbox/${mailId}`);
    expect(mail.json.sentBy).toEqual({ kind: 'crmPanel', crmUserId: '4150868000000225013' });
    const raw = await rawMail(owner.app, owner, mailId);
    expect(raw.text).toMatch(/^Reply-To: rep@crm\.test$/m);
    expect((await owner.get(`/api/invoices/${invoiceId}`)).json.status).toBe('issued');
  });
});

/** The least of a CRM connection row: who connected it is who the panel acts as. */
async function connectCrm(db: Db, input: { organizationId: string; connectedBy: string }) {
  const now = '2026-11-20T00:00:00.000Z';
  await db
    .insertInto('crm_connections')
    .values({
      organization_id: input.organizationId,
      provider: 'zoho',
      status: 'connected',
      email: 'admin@crm.test',
      api_domain: 'http://127.0.0.1:1',
      accounts_url: 'http://127.0.0.1:1',
      client_id: 'id',
      client_secret_enc: 'x',
      refresh_token_enc: 'x',
      access_token_enc: null,
      access_token_expires_at: null,
      crm_org_id: '1',
      crm_org_name: 'CRM',
      crm_currency: 'JPY',
      crm_multi_currency: 0,
      crm_time_zone: 'Asia/Tokyo',
      crm_user_id: '1',
      crm_user_email: 'admin@crm.test',
      crm_user_name: 'Admin',
      connected_by: input.connectedBy,
      created_at: now,
      updated_at: now,
      verified_at: now,
      disabled_at: null,
    })
    .execute();
}
