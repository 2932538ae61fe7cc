/**
 * `npm run bench -- lists`: a page of invoices against a page of customers
 * over real HTTP, 10 connections each. Both pages are 50 rows of one seeded
 * organization; an invoice row also carries computed totals and `overdue`,
 * so it may cost more, but not several times more.
 */
import { requestsPerSecond } from './http-load';
import { servedBenchApp } from './app';
import { ratio, report } from './report';

const ROWS = 60;
const PAGE = 50;
const CONNECTIONS = 10;
const DURATION_MS = Number(process.env.LISTS_DURATION_MS ?? 5_000);
/** Invoice list throughput goal (requests per second, 10 connections, 50 rows a page). */
const INVOICES_GOAL = 500;

export async function benchLists(): Promise<void> {
  const kanjo = await servedBenchApp();
  try {
    await seed(kanjo);
    const base = kanjo.deps.publicUrl ?? '';
    const { cookie } = kanjo.headers;
    const load = (list: 'invoices' | 'customers', durationMs: number) =>
      requestsPerSecond(
        `${base}/api/${list}?limit=${PAGE}`,
        { cookie },
        { connections: CONNECTIONS, durationMs },
      );
    // Warm-up: the first requests compile the paths.
    await load('invoices', 1000);
    await load('customers', 1000);
    const invoices = await load('invoices', DURATION_MS);
    const customers = await load('customers', DURATION_MS);
    report({
      name: `GET /api/invoices, ${PAGE} rows, ${CONNECTIONS} connections`,
      value: invoices,
      unit: 'req/s',
      goal: INVOICES_GOAL,
      lowerIsBetter: false,
    });
    report({
      name: `GET /api/customers, ${PAGE} rows, ${CONNECTIONS} connections`,
      value: customers,
      unit: 'req/s',
      lowerIsBetter: false,
    });
    ratio(
      'customers / invoices throughput',
      customers / invoices,
      'how much slower an invoice page is',
    );
  } finally {
    await kanjo.close();
  }
}

/** ROWS customers, each with one three-line invoice in JPY, issued and due in the past (overdue). */
async function seed(kanjo: Awaited<ReturnType<typeof servedBenchApp>>): Promise<void> {
  const post = (path: string, body: unknown) => kanjo.api<{ id: string }>('POST', path, body);
  for (let i = 0; i < ROWS; i += 1) {
    const customer = await post('/api/customers', {
      kind: 'business',
      displayName: `Customer ${i}`,
    });
    const invoice = await post('/api/invoices', {
      customerId: customer.id,
      issueDate: '2026-01-10',
      dueDate: '2026-02-10',
      lines: [
        { name: 'Consulting', quantity: '3', rate: 12_000, taxRate: '10' },
        { name: 'Green tea', quantity: '12', rate: 450, taxRate: '8' },
        { name: 'Travel', quantity: '1.5', rate: 9_800, taxRate: '10', discountPercent: '5' },
      ],
    });
    await post(`/api/invoices/${invoice.id}/issue`, {});
  }
}
