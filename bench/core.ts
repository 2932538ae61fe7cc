/** Core and REST benchmarks: totals arithmetic, writes and lists through the API. */
import { performance } from 'node:perf_hooks';
import { computeTotals } from '@kanjo/core';
import { benchApp } from './app';
import { report } from './report';

function benchTotals(): void {
  const lines = Array.from({ length: 100 }, (_, i) => ({
    id: `l${i}`,
    name: `Line ${i}`,
    quantity: `${(i % 7) + 1}.25`,
    rate: 1000 + i * 37,
    discountPercent: i % 5 === 0 ? '5' : undefined,
    taxRate: i % 3 === 0 ? '8' : '10',
  }));
  const doc = {
    currency: 'JPY',
    lines,
    discount: { type: 'percent' as const, value: '3' },
    taxInclusive: false,
  };
  const runs = 2000;
  for (let i = 0; i < 200; i++) computeTotals(doc, { roundingMode: 'halfUp' });
  const start = performance.now();
  for (let i = 0; i < runs; i++) computeTotals(doc, { roundingMode: 'halfUp' });
  const perDoc = (performance.now() - start) / runs;
  report({
    name: 'totals of a 100-line invoice (per document)',
    value: perDoc * 1000,
    unit: 'µs',
    goal: 1000,
    lowerIsBetter: true,
  });
}

async function benchApiWrites(): Promise<void> {
  const { app, sqlite, headers } = await benchApp();
  const customer = (await (
    await app.request('http://127.0.0.1/api/customers', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'business',
        displayName: 'Bench Co',
        contactPersons: [],
        customFields: {},
      }),
    })
  ).json()) as { id: string };

  const n = 500;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await app.request('http://127.0.0.1/api/invoices', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        customerId: customer.id,
        issueDate: '2026-11-29',
        lines: [
          { name: 'A', quantity: '2', rate: 1200, taxRate: '10' },
          { name: 'B', quantity: '1.5', rate: 800, taxRate: '8' },
        ],
      }),
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  }
  const seconds = (performance.now() - start) / 1000;
  report({
    name: 'invoice creates through HTTP + SQLite (fsync each)',
    value: n / seconds,
    unit: 'writes/s',
    goal: 200,
    lowerIsBetter: false,
  });

  const listStart = performance.now();
  for (let i = 0; i < 50; i++) {
    await app.request('http://127.0.0.1/api/invoices?limit=50', { headers });
  }
  report({
    name: 'list 50 invoices with totals (per request)',
    value: (performance.now() - listStart) / 50,
    unit: 'ms',
    goal: 50,
    lowerIsBetter: true,
  });
  sqlite.close();
}

export async function benchCore(): Promise<void> {
  benchTotals();
  await benchApiWrites();
}
