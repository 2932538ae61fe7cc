/**
 * `npm run bench -- pdf`: PDF rendering against the rest of the server, over
 * real HTTP. Six 500-line invoice PDFs are asked for at once while
 * `/api/health` is polled; the health latency shows whether rendering holds
 * the event loop. Also one PDF alone and the six's throughput.
 */
import { performance } from 'node:perf_hooks';
import { MAX_DOCUMENT_LINES } from '@kanjo/core';
import { quantile } from './http-load';
import { servedBenchApp } from './app';
import { report } from './report';

const CONCURRENT = 6;
/** `/api/health` while PDFs render: p99 goal in milliseconds. */
const HEALTH_P99_GOAL_MS = 100;
const HEALTH_GAP_MS = 10;

export async function benchPdf(): Promise<void> {
  const kanjo = await servedBenchApp();
  try {
    const base = kanjo.deps.publicUrl ?? '';
    const { cookie } = kanjo.headers;
    const invoiceId = await seedInvoice(kanjo);
    const pdfUrl = `${base}/api/invoices/${invoiceId}/pdf`;
    const render = async () => {
      const res = await fetch(pdfUrl, { headers: { cookie } });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`PDF: ${res.status} ${bytes.toString()}`);
      return bytes;
    };
    await render(); // warm-up: worker start, fonts read
    let start = performance.now();
    await render();
    report({
      name: `one ${MAX_DOCUMENT_LINES}-line invoice PDF, alone`,
      value: performance.now() - start,
      unit: 'ms',
      lowerIsBetter: true,
    });

    let rendering = true;
    const health: number[] = [];
    const poll = (async () => {
      while (rendering) {
        const sent = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        health.push(performance.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, HEALTH_GAP_MS));
      }
    })();
    start = performance.now();
    const pdfs = await Promise.all(Array.from({ length: CONCURRENT }, render)).finally(() => {
      rendering = false;
    });
    const seconds = (performance.now() - start) / 1000;
    await poll;
    if (pdfs.some((pdf) => !pdf.equals(pdfs[0] ?? Buffer.alloc(0)))) {
      throw new Error('concurrent renders of one invoice gave different bytes');
    }
    console.log(`(${health.length} health requests while ${CONCURRENT} PDFs rendered)`);
    report({
      name: `/api/health p50 during ${CONCURRENT} PDFs`,
      value: quantile(health, 0.5),
      unit: 'ms',
      lowerIsBetter: true,
    });
    report({
      name: `/api/health p99 during ${CONCURRENT} PDFs`,
      value: quantile(health, 0.99),
      unit: 'ms',
      goal: HEALTH_P99_GOAL_MS,
      lowerIsBetter: true,
    });
    report({
      name: `/api/health max during ${CONCURRENT} PDFs`,
      value: Math.max(...health),
      unit: 'ms',
      lowerIsBetter: true,
    });
    report({
      name: `${CONCURRENT} concurrent PDFs, wall time`,
      value: seconds * 1000,
      unit: 'ms',
      lowerIsBetter: true,
    });
    report({
      name: 'PDF throughput',
      value: CONCURRENT / seconds,
      unit: 'PDF/s',
      lowerIsBetter: false,
    });
  } finally {
    await kanjo.close();
  }
}

/** One invoice with the most lines a document may hold. */
async function seedInvoice(kanjo: Awaited<ReturnType<typeof servedBenchApp>>): Promise<string> {
  const post = (path: string, body: unknown) => kanjo.api<{ id: string }>('POST', path, body);
  const customer = await post('/api/customers', { kind: 'business', displayName: '山田商事' });
  const invoice = await post('/api/invoices', {
    customerId: customer.id,
    issueDate: '2026-11-20',
    dueDate: '2026-12-31',
    lines: Array.from({ length: MAX_DOCUMENT_LINES }, (_, i) => ({
      name: i % 2 ? `作業 ${i + 1}` : `Consulting, part ${i + 1}`,
      // A full line: item, a few lines of description, a discount, as a long estimate has.
      description:
        `Work package ${i + 1}: analysis, design and review on site with two people. 現地作業（二名）を含みます。`.repeat(
          2,
        ),
      discountPercent: i % 4 === 0 ? '5' : undefined,
      quantity: String((i % 7) + 1),
      rate: 1_000 + i * 37,
      taxRate: i % 3 === 0 ? '8' : '10',
    })),
  });
  return invoice.id;
}
