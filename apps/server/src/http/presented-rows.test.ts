import { presentDocument, type PresentOptions } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { PresentedRows, type StoredRow } from './presented-rows';

const invoice = (overrides: Record<string, unknown> = {}) => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  customerId: '0190a1b2-0000-7000-8000-0000000000c1',
  number: 'INV-000001',
  status: 'issued',
  currency: 'JPY',
  issueDate: '2026-01-10',
  dueDate: '2026-02-10',
  amountPaid: 1000,
  lines: [
    { id: 'l1', name: 'Consulting', quantity: '3', rate: 12_000, taxRate: '10' },
    { id: 'l2', name: 'Green tea', quantity: '12', rate: 450, taxRate: '8' },
    { id: 'l3', name: 'Travel', quantity: '1.5', rate: 9_800, taxRate: '10', discountPercent: '5' },
  ],
  createdAt: '2026-01-10T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
  ...overrides,
});

/** A row as the database keeps it: its JSON (with the version it was written at) and the version column. */
const stored = (row: object, version: number): StoredRow => ({
  data: JSON.stringify({ ...row, version }),
  version,
});

/** What the list sent before pages were cached: each row parsed, presented and serialized. */
function uncached(entity: 'invoice' | 'quote', rows: StoredRow[], options: PresentOptions) {
  return rows.map((r) =>
    presentDocument(
      entity,
      { ...JSON.parse(r.data), version: r.version } as Parameters<typeof presentDocument>[1],
      options,
    ),
  );
}

describe('PresentedRows.listJson', () => {
  const before = { roundingMode: 'halfUp', today: '2026-02-01' } as const;
  const after = { roundingMode: 'halfUp', today: '2026-03-01' } as const;

  it('writes the same page as presenting every row anew, whatever is cached', () => {
    const pages = new PresentedRows();
    const rows = [
      stored(invoice(), 7),
      stored(invoice({ id: 'x2', status: 'paid', amountPaid: 47_000 }), 9),
    ];
    for (const options of [before, after, before]) {
      const page = JSON.parse(pages.listJson('invoice', rows, options, 'next')) as unknown;
      expect(page).toEqual({ items: uncached('invoice', rows, options), nextCursor: 'next' });
    }
    // `overdue` follows today for the same cached row.
    const overdue = (options: PresentOptions) =>
      (
        JSON.parse(pages.listJson('invoice', rows, options, null)) as {
          items: { overdue: boolean }[];
        }
      ).items.map((i) => i.overdue);
    expect(overdue(before)).toEqual([false, false]);
    expect(overdue(after)).toEqual([true, false]);
  });

  it('keys on the stored text and the rounding mode, never on the id alone', () => {
    const pages = new PresentedRows();
    const first = stored(invoice(), 3);
    const edited = stored(
      invoice({ lines: [{ id: 'l1', name: 'Other', quantity: '1', rate: 5, taxRate: '10' }] }),
      3,
    );
    const totalOf = (row: StoredRow, roundingMode: PresentOptions['roundingMode']) =>
      (
        JSON.parse(
          pages.listJson('invoice', [row], { roundingMode, today: '2026-01-01' }, null),
        ) as {
          items: { totals: { total: number; tax: number } }[];
        }
      ).items[0]?.totals;
    expect(totalOf(first, 'halfUp')).toMatchObject({ total: 60_794, tax: 5_429 });
    expect(totalOf(edited, 'halfUp')).toMatchObject({ total: 6 });
    expect(totalOf(edited, 'down')).toMatchObject({ total: 5 });
  });

  it('keeps at most its capacity, and non-documents pass through with their version', () => {
    const pages = new PresentedRows(10);
    const quote = ({ amountPaid: _paid, dueDate: _due, ...rest }: ReturnType<typeof invoice>) => ({
      ...rest,
      status: 'draft',
      number: null,
    });
    const rows = Array.from({ length: 25 }, (_, i) =>
      stored(quote(invoice({ id: `q${i}` })), i + 1),
    );
    const page = JSON.parse(pages.listJson('quote', rows, before, null)) as { items: unknown[] };
    expect(page.items).toEqual(uncached('quote', rows, before));
    expect(pages.size).toBeLessThanOrEqual(10);
    expect(JSON.parse(pages.listJson('quote', rows, before, null))).toEqual(page);
    const customer = {
      data: JSON.stringify({ id: 'c1', displayName: 'Acme', version: 2 }),
      version: 2,
    };
    expect(JSON.parse(pages.listJson('customer', [customer], before, null))).toEqual({
      items: [{ id: 'c1', displayName: 'Acme', version: 2 }],
      nextCursor: null,
    });
  });
});
