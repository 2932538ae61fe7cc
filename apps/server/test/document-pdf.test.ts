import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatMoney, MAX_DOCUMENT_LINES } from '@kanjo/core';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPdfRoutes } from '../src/http/document-pdf';
import type { AppEnv } from '../src/http/env';
import { ApiError, sendError } from '../src/http/errors';
import { BASE, makeTestApp, signUp, testPdf, type Client, type TestApp } from './helpers';

const run = promisify(execFile);
const REGISTRATION_NUMBER = 'T7123456789012';
const yen = (minor: number) => formatMoney(minor, 'JPY', 'ja');

/**
 * The app under test. Until app.ts mounts the PDF routes, they are mounted
 * here on an app in front of it (the real app's catch-all would answer first).
 */
async function makePdfApp(): Promise<TestApp> {
  const test = await makeTestApp();
  if (test.app.routes.some((route) => route.path === '/api/invoices/:id/pdf')) return test;
  const outer = new Hono<AppEnv>();
  outer.use('*', async (c, next) => {
    c.set('deps', test.deps);
    await next();
  });
  outer.route('/api', documentPdfRoutes);
  outer.route('/', test.app);
  outer.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    throw error;
  });
  return { ...test, app: outer };
}

async function fetchPdf(client: Client, path: string) {
  const res = await client.app.request(`${BASE}${path}`, { headers: { cookie: client.cookie } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kanjo-pdf-'));
  const file = join(dir, 'document.pdf');
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  return stdout;
}

describe('document PDFs', () => {
  let test: TestApp;
  let owner: Client;
  let invoiceId: string;

  beforeAll(async () => {
    test = await makePdfApp();
    ({ client: owner } = await signUp(test.app, { locale: 'ja', baseCurrency: 'JPY' }));
    const profile = await owner.patch('/api/organization', {
      profile: {
        legalName: '株式会社かんじょう',
        address: { postalCode: '100-0001', state: '東京都', city: '千代田区', street: '千代田1-1' },
        phone: '03-1234-5678',
        registrationNumber: REGISTRATION_NUMBER,
      },
    });
    expect(profile.status).toBe(200);
    expect(profile.json.country).toBe('JP');
    const customer = await owner.post('/api/customers', {
      kind: 'business',
      displayName: '山田商事',
      companyName: '山田商事株式会社',
      billingAddress: {
        postalCode: '530-0001',
        state: '大阪府',
        city: '大阪市北区',
        street: '梅田1-1-1',
      },
    });
    expect(customer.status).toBe(201);
    const invoice = await owner.post('/api/invoices', {
      customerId: customer.json.id,
      issueDate: '2026-11-20',
      dueDate: '2026-12-31',
      notes: 'お振込手数料はご負担ください。',
      lines: [
        { name: 'コンサルティング', quantity: '1', rate: 12345, taxRate: '10' },
        { name: '緑茶', quantity: '3', rate: 333, taxRate: '8' },
      ],
    });
    expect(invoice.status).toBe(201);
    invoiceId = invoice.json.id;
  });

  afterAll(() => testPdf.close());

  it('prints a Japanese qualified invoice: customer, registration number, per-rate tax', async () => {
    const { res, bytes } = await fetchPdf(owner, `/api/invoices/${invoiceId}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="[\w.-]+\.pdf"$/);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(bytes);
    expect(text).toContain('山田商事株式会社 御中');
    expect(text).toContain(`登録番号 ${REGISTRATION_NUMBER}`);
    // 12,345 × 10 % = 1,234.5 → 1,235 and 999 × 8 % = 79.92 → 80: rounded once per rate.
    const rows = text.split('\n').map((row) => row.trim().split(/\s+/).join(' '));
    expect(rows).toContainEqual(
      expect.stringContaining(`10%対象 ${yen(12345)} 消費税 ${yen(1235)}`),
    );
    expect(rows).toContainEqual(expect.stringContaining(`8%対象 ${yen(999)} 消費税 ${yen(80)}`));
    expect(text).toContain('緑茶 ※');
    expect(text).toContain('※は軽減税率（8%）対象');
    expect(text).toContain(yen(14659));
  });

  it('gives the same bytes for the same document', async () => {
    const first = await fetchPdf(owner, `/api/invoices/${invoiceId}/pdf`);
    const second = await fetchPdf(owner, `/api/invoices/${invoiceId}/pdf`);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it('prints quotes and sales orders', async () => {
    const invoice = await owner.get(`/api/invoices/${invoiceId}`);
    for (const [path, title] of [
      ['quotes', '見積書'],
      ['sales-orders', '受注書'],
    ] as const) {
      const created = await owner.post(`/api/${path}`, {
        customerId: invoice.json.customerId,
        lines: [{ name: '作業', quantity: '2', rate: 5000, taxRate: '10' }],
      });
      expect(created.status).toBe(201);
      const { res, bytes } = await fetchPdf(owner, `/api/${path}/${created.json.id}/pdf`);
      expect(res.status).toBe(200);
      expect(await pdfText(bytes)).toContain(title);
    }
  });

  it("answers 404 for another organization's document, a bad id and a deleted one", async () => {
    const { client: other } = await signUp(test.app);
    const foreign = await fetchPdf(other, `/api/invoices/${invoiceId}/pdf`);
    expect(foreign.res.status).toBe(404);
    expect(JSON.parse(foreign.bytes.toString())).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await fetchPdf(owner, '/api/invoices/no-such-id/pdf')).res.status).toBe(404);
    expect((await fetchPdf(owner, `/api/quotes/${invoiceId}/pdf`)).res.status).toBe(404);

    const draft = await owner.post('/api/invoices', {
      customerId: (await owner.get(`/api/invoices/${invoiceId}`)).json.customerId,
      lines: [],
    });
    expect((await owner.delete(`/api/invoices/${draft.json.id}`)).status).toBeLessThan(300);
    expect((await fetchPdf(owner, `/api/invoices/${draft.json.id}/pdf`)).res.status).toBe(404);
  });

  it('refuses a stored document longer than a document may be with 422, rendering nothing', async () => {
    // Writes keep documents to MAX_DOCUMENT_LINES; a row stored some other way is not rendered at any length.
    const created = await owner.post('/api/invoices', {
      customerId: (await owner.get(`/api/invoices/${invoiceId}`)).json.customerId,
      lines: [{ name: 'Work', quantity: '1', rate: 100, taxRate: '10' }],
    });
    const row = (await test.sql.one('select data from invoices where id = ?', created.json.id)) as {
      data: string;
    };
    const data = JSON.parse(row.data) as { lines: { id: string }[] };
    const [line] = data.lines;
    data.lines = Array.from({ length: MAX_DOCUMENT_LINES + 1 }, (_, i) => ({
      ...line,
      id: `l${i}`,
    }));
    await test.sql.run(
      'update invoices set data = ? where id = ?',
      JSON.stringify(data),
      created.json.id,
    );
    const { res, bytes } = await fetchPdf(owner, `/api/invoices/${created.json.id}/pdf`);
    expect(res.status).toBe(422);
    expect(JSON.parse(bytes.toString())).toMatchObject({
      error: { code: 'PDF_TOO_LONG', details: { maxLines: MAX_DOCUMENT_LINES } },
    });
  });

  it('needs a signed-in member', async () => {
    const res = await test.app.request(`${BASE}/api/invoices/${invoiceId}/pdf`);
    expect(res.status).toBe(401);
  });
});
