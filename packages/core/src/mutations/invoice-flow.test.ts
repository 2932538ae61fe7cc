import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { JAPAN_LINES, makeContext, seedCustomer, seedIssuedInvoice } from './test-context';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('invoice.issue and invoice.markSent', () => {
  it('issues with the next number from the server', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx, 'inv-1');
    await seedIssuedInvoice(ctx, 'inv-2');
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ status: 'issued', number: 'INV-000001' });
    expect(ctx.get('invoice', 'inv-2')).toMatchObject({ status: 'issued', number: 'INV-000002' });
  });

  it('leaves the number pending on a client', async () => {
    const ctx = makeContext({ numbering: 'client' });
    await seedIssuedInvoice(ctx);
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ status: 'issued', number: null });
  });

  it('refuses to issue an invoice without lines, and consumes no number', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('invoice.create', 'inv-1', { customerId: 'cust-1' });
    await expect(ctx.run('invoice.issue', 'inv-1')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'lines', message: expect.any(String) }] },
    });
    await ctx.run('invoice.patch', 'inv-1', { lines: JAPAN_LINES });
    const [write] = await ctx.run('invoice.issue', 'inv-1');
    expect(write?.row).toMatchObject({ number: 'INV-000001' });
  });

  it('markSent issues a draft and records sentAt', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('invoice.create', 'inv-1', { customerId: 'cust-1', lines: JAPAN_LINES });
    const [write] = await ctx.run('invoice.markSent', 'inv-1');
    expect(write?.row).toMatchObject({
      status: 'issued',
      number: 'INV-000001',
      sentAt: '2024-02-01T09:00:00.000Z',
    });
  });

  it('markSent on an issued invoice keeps its number', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    ctx.now = '2024-02-03T00:00:00.000Z';
    const [write] = await ctx.run('invoice.markSent', 'inv-1');
    expect(write?.row).toMatchObject({ number: 'INV-000001', sentAt: '2024-02-03T00:00:00.000Z' });
  });

  it('refuses to issue twice', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    expect(await codeOf(ctx.run('invoice.issue', 'inv-1'))).toBe('INVALID_TRANSITION');
  });

  it('is NOT_FOUND for an unknown invoice', async () => {
    expect(await codeOf(makeContext().run('invoice.issue', 'nope'))).toBe('NOT_FOUND');
  });
});

describe('payments', () => {
  it('moves an invoice issued → partially_paid → paid and back', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx); // total ¥4,160
    const first = await ctx.run('payment.record', 'pay-1', {
      invoiceId: 'inv-1',
      amount: 1000,
      date: '2024-02-01',
      method: 'bank',
    });
    expect(first).toMatchObject([
      { entity: 'payment', op: 'put', row: { id: 'pay-1', amount: 1000, version: 0 } },
      { entity: 'invoice', op: 'put', row: { amountPaid: 1000, status: 'partially_paid' } },
    ]);
    await ctx.run('payment.record', 'pay-2', {
      invoiceId: 'inv-1',
      amount: 3160,
      date: '2024-02-02',
    });
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ amountPaid: 4160, status: 'paid' });

    const reversed = await ctx.run('payment.delete', 'pay-2');
    expect(reversed).toMatchObject([
      { entity: 'payment', op: 'delete', row: { id: 'pay-2' } },
      { entity: 'invoice', op: 'put', row: { amountPaid: 1000, status: 'partially_paid' } },
    ]);
    await ctx.run('payment.delete', 'pay-1');
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ amountPaid: 0, status: 'issued' });
  });

  it('pays in full in one payment', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    await ctx.run('payment.record', 'pay-1', {
      invoiceId: 'inv-1',
      amount: 4160,
      date: '2024-02-01',
    });
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ status: 'paid' });
    await ctx.run('payment.delete', 'pay-1');
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({ amountPaid: 0, status: 'issued' });
  });

  it.each([
    [4161, 'OVERPAYMENT'],
    [4160, 'OK'],
    [0, 'VALIDATION_FAILED'],
    [-5, 'VALIDATION_FAILED'],
  ])('an amount of %i → %s', async (amount, expected) => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    const body = { invoiceId: 'inv-1', amount, date: '2024-02-01' };
    expect(await codeOf(ctx.run('payment.record', 'pay-1', body))).toBe(expected);
  });

  it('refuses overpaying the remaining balance and reports it', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    await ctx.run('payment.record', 'pay-1', {
      invoiceId: 'inv-1',
      amount: 4000,
      date: '2024-02-01',
    });
    const body = { invoiceId: 'inv-1', amount: 161, date: '2024-02-01' };
    await expect(ctx.run('payment.record', 'pay-2', body)).rejects.toMatchObject({
      code: 'OVERPAYMENT',
      status: 409,
      details: { balance: 160 },
    });
  });

  it('uses the organization rounding mode for the balance', async () => {
    const ctx = makeContext({ organization: { roundingMode: 'down' } });
    await seedIssuedInvoice(ctx); // ¥63.68 → ¥63: total ¥4,159
    expect(
      await codeOf(
        ctx.run('payment.record', 'p', { invoiceId: 'inv-1', amount: 4160, date: '2024-02-01' }),
      ),
    ).toBe('OVERPAYMENT');
    await ctx.run('payment.record', 'p', { invoiceId: 'inv-1', amount: 4159, date: '2024-02-01' });
    expect(ctx.get('invoice', 'inv-1')?.status).toBe('paid');
  });

  it('refuses payments on drafts, void and paid invoices', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('invoice.create', 'draft-1', { customerId: 'cust-1', lines: JAPAN_LINES });
    const body = (invoiceId: string) => ({ invoiceId, amount: 1, date: '2024-02-01' });
    expect(await codeOf(ctx.run('payment.record', 'p1', body('draft-1')))).toBe(
      'INVALID_TRANSITION',
    );
    await ctx.run('invoice.void', 'draft-1');
    expect(await codeOf(ctx.run('payment.record', 'p1', body('draft-1')))).toBe(
      'INVALID_TRANSITION',
    );
    expect(await codeOf(ctx.run('payment.record', 'p1', body('ghost')))).toBe('VALIDATION_FAILED');
  });

  it('refuses to void once a payment is recorded, allows it after the payment is deleted', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    await ctx.run('payment.record', 'pay-1', {
      invoiceId: 'inv-1',
      amount: 10,
      date: '2024-02-01',
    });
    expect(await codeOf(ctx.run('invoice.void', 'inv-1'))).toBe('INVALID_TRANSITION');
    await ctx.run('payment.delete', 'pay-1');
    expect(await codeOf(ctx.run('invoice.void', 'inv-1'))).toBe('OK');
    expect(ctx.get('invoice', 'inv-1')?.status).toBe('void');
  });

  it('is forbidden to sales', async () => {
    const ctx = makeContext({ role: 'sales' });
    await seedIssuedInvoice(ctx);
    const body = { invoiceId: 'inv-1', amount: 10, date: '2024-02-01' };
    expect(await codeOf(ctx.run('payment.record', 'pay-1', body))).toBe('FORBIDDEN');
    expect(await codeOf(ctx.run('invoice.void', 'inv-1'))).toBe('FORBIDDEN');
  });
});

describe('conversions', () => {
  it('converts an accepted quote to a draft invoice', async () => {
    const ctx = makeContext({ today: '2024-02-10' });
    await seedCustomer(ctx, 'cust-1', { paymentTermsDays: 14 });
    await ctx.run('quote.create', 'q-1', {
      customerId: 'cust-1',
      lines: JAPAN_LINES,
      discount: { type: 'percent', value: '5' },
      taxInclusive: false,
      notes: 'n',
      terms: 't',
      dealId: 'deal-1',
      expiryDate: '2024-03-01',
    });
    await ctx.run('quote.send', 'q-1');
    await ctx.run('quote.accept', 'q-1');
    const writes = await ctx.run('quote.convert', 'q-1', { to: 'invoice', targetId: 'inv-9' });
    expect(writes).toMatchObject([
      {
        entity: 'quote',
        row: {
          status: 'invoiced',
          number: 'QT-000001',
          convertedTo: { type: 'invoice', id: 'inv-9' },
        },
      },
      { entity: 'invoice', id: 'inv-9', op: 'put' },
    ]);
    expect(ctx.get('invoice', 'inv-9')).toEqual({
      id: 'inv-9',
      number: null,
      status: 'draft',
      customerId: 'cust-1',
      currency: 'JPY',
      issueDate: '2024-02-10',
      dueDate: '2024-02-24',
      lines: JAPAN_LINES,
      discount: { type: 'percent', value: '5' },
      taxInclusive: false,
      notes: 'n',
      terms: 't',
      dealId: 'deal-1',
      amountPaid: 0,
      sourceId: 'q-1',
      sourceType: 'quote',
      version: 1,
      createdAt: '2024-02-01T09:00:00.000Z',
      updatedAt: '2024-02-01T09:00:00.000Z',
    });
  });

  it('converts a sent quote to a sales order, then the order to an invoice', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('quote.create', 'q-1', { customerId: 'cust-1', lines: JAPAN_LINES });
    await ctx.run('quote.send', 'q-1');
    await ctx.run('quote.convert', 'q-1', { to: 'salesOrder' });
    expect(ctx.get('quote', 'q-1')).toMatchObject({
      status: 'invoiced',
      convertedTo: { type: 'salesOrder', id: 'id-1' },
    });
    expect(ctx.get('salesOrder', 'id-1')).toMatchObject({ sourceType: 'quote', sourceId: 'q-1' });

    expect(await codeOf(ctx.run('salesOrder.convert', 'id-1'))).toBe('INVALID_TRANSITION');
    await ctx.run('salesOrder.confirm', 'id-1');
    await ctx.run('salesOrder.convert', 'id-1', { targetId: 'inv-1' });
    expect(ctx.get('salesOrder', 'id-1')?.status).toBe('closed');
    expect(ctx.get('invoice', 'inv-1')).toMatchObject({
      status: 'draft',
      sourceType: 'salesOrder',
      sourceId: 'id-1',
      lines: JAPAN_LINES,
    });
  });

  it.each([
    ['draft', [], 'INVALID_TRANSITION'],
    ['declined', ['quote.send', 'quote.decline'], 'INVALID_TRANSITION'],
  ] as const)('refuses to convert a %s quote', async (_status, steps, expected) => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('quote.create', 'q-1', { customerId: 'cust-1' });
    for (const step of steps) await ctx.run(step, 'q-1');
    expect(await codeOf(ctx.run('quote.convert', 'q-1', { to: 'invoice' }))).toBe(expected);
  });

  it('refuses a target id that already exists', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx, 'inv-1');
    await ctx.run('quote.create', 'q-1', { customerId: 'cust-1' });
    await ctx.run('quote.send', 'q-1');
    const result = ctx.run('quote.convert', 'q-1', { to: 'invoice', targetId: 'inv-1' });
    expect(await codeOf(result)).toBe('CONFLICT');
    expect(ctx.get('quote', 'q-1')?.status).toBe('sent');
  });

  it('refuses an unknown target kind', async () => {
    const ctx = makeContext();
    expect(await codeOf(ctx.run('quote.convert', 'q-1', { to: 'payment' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
