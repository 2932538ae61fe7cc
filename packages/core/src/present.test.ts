import { describe, expect, it } from 'vitest';
import {
  JAPAN_LINES,
  makeContext,
  seedCustomer,
  seedIssuedInvoice,
} from './mutations/test-context';
import { presentDocument } from './present';

describe('presentDocument', () => {
  it('adds invoice totals, paid, balance and overdue', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    await ctx.run('invoice.patch', 'inv-1', { notes: 'thanks' });
    const row = ctx.get('invoice', 'inv-1');
    if (row === undefined) throw new Error('missing invoice');
    const dueRow = {
      ...row,
      dueDate: '2024-02-10',
      amountPaid: 1000,
      status: 'partially_paid' as const,
    };
    const options = { roundingMode: 'halfUp' as const };
    expect(presentDocument('invoice', dueRow, { ...options, today: '2024-02-10' })).toMatchObject({
      id: 'inv-1',
      notes: 'thanks',
      totals: {
        subtotal: 3796,
        discount: 0,
        tax: 364,
        total: 4160,
        paid: 1000,
        balance: 3160,
        taxBreakdown: [
          { rate: '10', taxable: 3000, tax: 300 },
          { rate: '8', taxable: 796, tax: 64 },
        ],
      },
      overdue: false,
    });
    expect(presentDocument('invoice', dueRow, { ...options, today: '2024-02-11' }).overdue).toBe(
      true,
    );
  });

  it('adds quote totals without paid, balance or overdue', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('quote.create', 'q-1', { customerId: 'cust-1', lines: JAPAN_LINES });
    const row = ctx.get('quote', 'q-1');
    if (row === undefined) throw new Error('missing quote');
    const presented = presentDocument('quote', row, { roundingMode: 'down', today: '2024-02-01' });
    expect(presented.totals).toEqual({
      subtotal: 3796,
      discount: 0,
      tax: 363,
      total: 4159,
      taxBreakdown: [
        { rate: '10', taxable: 3000, tax: 300 },
        { rate: '8', taxable: 796, tax: 63 },
      ],
    });
    expect(presented).not.toHaveProperty('overdue');
  });
});
