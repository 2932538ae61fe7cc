import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { MAX_DOCUMENT_LINES } from '@kanjo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_LIMIT } from '../src/documents/pdf';
import { makeTestApp, signUp, testPdf, type Client, type TestApp } from './helpers';

const CONCURRENT = PDF_LIMIT.running + PDF_LIMIT.waiting;

/** A document as long as a document may be, every line with a description. */
async function longInvoice(client: Client): Promise<string> {
  const customer = await client.post('/api/customers', {
    kind: 'business',
    displayName: '山田商事',
  });
  expect(customer.status).toBe(201);
  const invoice = await client.post('/api/invoices', {
    customerId: customer.json.id,
    issueDate: '2026-11-20',
    lines: Array.from({ length: MAX_DOCUMENT_LINES }, (_, i) => ({
      name: i % 2 ? `作業 ${i + 1}` : `Consulting, part ${i + 1}`,
      description: `Analysis, design and review on site. 現地作業を含みます。 ${i + 1}`,
      quantity: String((i % 7) + 1),
      rate: 1_000 + i * 37,
      taxRate: i % 3 === 0 ? '8' : '10',
    })),
  });
  expect(invoice.status).toBe(201);
  return invoice.json.id as string;
}

describe('document PDFs rendered at once, over a real socket', { timeout: 90_000 }, () => {
  let test: TestApp;
  let server: ServerType;
  let base: string;
  let owner: Client;
  let invoiceId: string;
  let serial: Buffer;

  const pdf = async (client: Client, id: string) => {
    const res = await fetch(`${base}/api/invoices/${id}/pdf`, {
      headers: { cookie: client.cookie },
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    test = await makeTestApp();
    server = serve({ fetch: test.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => {
      if (server.listening) resolve();
      else server.once('listening', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ client: owner } = await signUp(test.app));
    invoiceId = await longInvoice(owner);
    const first = await pdf(owner, invoiceId);
    expect(first.res.status).toBe(200);
    serial = first.bytes;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testPdf.close();
  });

  it('keeps answering other requests while six long PDFs render; each is the serial bytes', async () => {
    let rendering = true;
    const renders = Promise.all(
      Array.from({ length: CONCURRENT }, () => pdf(owner, invoiceId)),
    ).finally(() => {
      rendering = false;
    });
    // One health request after another for as long as the PDFs render. Were
    // the layout on the event loop, each would wait for a whole render (a
    // handful of answers in all); off it, they answer at once (hundreds).
    let answered = 0;
    while (rendering) {
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      answered += 1;
    }
    const results = await renders;
    expect(answered).toBeGreaterThan(4 * CONCURRENT);
    for (const { res, bytes } of results) {
      expect(res.status).toBe(200);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.equals(serial)).toBe(true);
    }
  });

  it("refuses one organization's seventh PDF at once with 429 and Retry-After, not another's", async () => {
    const { client: other } = await signUp(test.app);
    const customer = await other.post('/api/customers', { kind: 'business', displayName: 'Acme' });
    const small = await other.post('/api/invoices', {
      customerId: customer.json.id,
      lines: [{ name: 'Work', quantity: '1', rate: 5000, taxRate: '10' }],
    });
    const [others, ...ours] = await Promise.all([
      pdf(other, small.json.id as string),
      ...Array.from({ length: CONCURRENT + 1 }, () => pdf(owner, invoiceId)),
    ]);
    expect(others?.res.status).toBe(200);
    const refused = ours.filter(({ res }) => res.status === 429);
    expect(refused).toHaveLength(1);
    expect(ours.filter(({ res }) => res.status === 200)).toHaveLength(CONCURRENT);
    const [busy] = refused;
    expect(busy?.res.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(busy?.bytes.toString() ?? '')).toMatchObject({
      error: { code: 'PDF_BUSY', details: { retryAfterSeconds: 5 } },
    });
  });
});
