import { describe, expect, it } from 'vitest';
import { MAX_MONEY } from '../money/bounds';
import { DomainError } from './errors';
import { makeContext, seedCustomer, seedIssuedInvoice } from './test-context';

/** The path and message of the first field refused, or 'OK'. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details as { fields?: { path: string; message: string }[] } | undefined;
    const first = details?.fields?.[0];
    return first ? `${first.path}: ${first.message}` : error.code;
  }
  return 'OK';
}

const line = (quantity: string, rate: number, taxRate?: string) => ({
  name: 'Work',
  quantity,
  rate,
  ...(taxRate ? { taxRate } : {}),
});

const HALF = MAX_MONEY / 2;
/** 909,090,909,090,909 + 10 % tax rounded up = exactly 10^15. */
const TAXED_EDGE = 909_090_909_090_909;

describe('the money bound on a document (10^15 minor units)', () => {
  it.each([
    ['a rate of exactly 10^15', { lines: [line('1', MAX_MONEY)] }, 'OK'],
    [
      'a rate of 10^15 + 1',
      { lines: [line('1', MAX_MONEY + 1)] },
      'lines.0.rate: Amount must be at most 10^15',
    ],
    ['quantity × rate at 10^15', { lines: [line('2', HALF)] }, 'OK'],
    [
      'quantity × rate past 10^15',
      { lines: [line('2', HALF + 1)] },
      'lines.0.rate: Line amount (quantity × rate) must be at most 10^15',
    ],
    [
      'a fractional quantity past it',
      { lines: [line('1.000001', MAX_MONEY)] },
      'lines.0.rate: Line amount',
    ],
    [
      'the largest quantity × the largest rate',
      { lines: [line('999999999.999999', MAX_MONEY)] },
      'lines.0.rate: Line amount',
    ],
    ['two lines summing to 10^15', { lines: [line('1', HALF), line('1', HALF)] }, 'OK'],
    [
      'two lines summing past it',
      { lines: [line('1', HALF), line('1', HALF + 1)] },
      'lines: Document total',
    ],
    ['tax bringing the total to 10^15', { lines: [line('1', TAXED_EDGE, '10')] }, 'OK'],
    [
      'tax bringing the total past it',
      { lines: [line('1', TAXED_EDGE + 1, '10')] },
      'lines: Document total',
    ],
    [
      'a discount amount past it',
      { lines: [line('1', 1)], discount: { type: 'amount', value: MAX_MONEY + 1 } },
      'discount.value: Amount must be at most 10^15',
    ],
    // USD base: 10,000,000.00 EUR at 10,000,000 = 10^16 cents.
    [
      'EUR 10,000,000.00 at rate 10000000',
      { currency: 'EUR', exchangeRate: '10000000', lines: [line('1', 1_000_000_000)] },
      'exchangeRate: The total converted into the base currency at this exchange rate must be at most 10^15',
    ],
    [
      'EUR 10,000,000.00 at rate 1000000',
      { currency: 'EUR', exchangeRate: '1000000', lines: [line('1', 1_000_000_000)] },
      'OK',
    ],
    [
      'a rate in the base currency is never applied',
      { currency: 'USD', exchangeRate: '999999999', lines: [line('1', MAX_MONEY)] },
      'OK',
    ],
    ['2^52 cents', { lines: [line('1', 2 ** 52)] }, 'lines.0.rate: Amount must be at most 10^15'],
  ] as const)('%s', async (_label, body, expected) => {
    const ctx = makeContext({ organization: { baseCurrency: 'USD' } });
    await seedCustomer(ctx, 'cust-1', { currency: 'USD' });
    const result = await refusal(
      ctx.run('invoice.create', 'inv-1', { customerId: 'cust-1', ...body }),
    );
    expect(result.startsWith(expected), result).toBe(true);
  });

  it('a patch that multiplies a line past the bound is refused the same way', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('quote.create', 'q-1', { customerId: 'cust-1', lines: [line('1', MAX_MONEY)] });
    const patched = ctx.run('quote.patch', 'q-1', { lines: [line('2', MAX_MONEY)] });
    expect(await refusal(patched)).toMatch(/^lines\.0\.rate: Line amount/);
  });

  it.each([
    [MAX_MONEY, 'OVERPAYMENT'],
    [MAX_MONEY + 1, 'amount: Amount must be at most 10^15'],
  ])('a payment of %i → %s', async (amount, expected) => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    const result = await refusal(
      ctx.run('payment.record', 'pay-1', { invoiceId: 'inv-1', amount, date: '2024-02-01' }),
    );
    expect(result.startsWith(expected) || result === expected, result).toBe(true);
  });
});
