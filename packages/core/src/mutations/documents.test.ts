import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { JAPAN_LINES, makeContext, seedCustomer, seedIssuedInvoice } from './test-context';
import type { TestContext } from './test-context';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('document create', () => {
  it('makes a numberless draft with defaults from the customer', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx, 'cust-1', { currency: 'USD', paymentTermsDays: 30 });
    const [write] = await ctx.run('invoice.create', 'inv-1', {
      customerId: 'cust-1',
      issueDate: '2024-01-25',
      lines: [{ name: 'Work', quantity: '2.5', rate: 10000, taxRate: '10' }],
    });
    expect(write).toEqual({
      entity: 'invoice',
      id: 'inv-1',
      op: 'put',
      row: {
        id: 'inv-1',
        number: null,
        status: 'draft',
        customerId: 'cust-1',
        currency: 'USD',
        issueDate: '2024-01-25',
        dueDate: '2024-02-24',
        lines: [{ id: 'id-1', name: 'Work', quantity: '2.5', rate: 10000, taxRate: '10' }],
        amountPaid: 0,
        version: 0,
        createdAt: '2024-02-01T09:00:00.000Z',
        updatedAt: '2024-02-01T09:00:00.000Z',
      },
    });
  });

  it.each([
    ['quote.create', 'quote'],
    ['salesOrder.create', 'salesOrder'],
  ] as const)('%s falls back to the base currency and today', async (name, entity) => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    const [write] = await ctx.run(name, 'doc-1', { customerId: 'cust-1', dealId: null });
    expect(write).toMatchObject({
      entity,
      row: { currency: 'JPY', issueDate: '2024-02-01', lines: [], status: 'draft', dealId: null },
    });
    expect(write?.row).not.toHaveProperty('amountPaid');
  });

  it.each([
    ['a missing customer', { customerId: 'nope' }, 'customerId'],
    [
      'a due date before the issue date',
      { customerId: 'cust-1', issueDate: '2024-02-01', dueDate: '2024-01-31' },
      'dueDate',
    ],
    [
      'duplicate line ids',
      {
        customerId: 'cust-1',
        lines: [
          { id: 'a', name: 'A', quantity: '1', rate: 1 },
          { id: 'a', name: 'B', quantity: '1', rate: 1 },
        ],
      },
      'lines.1.id',
    ],
    [
      'amounts beyond the safe range',
      {
        customerId: 'cust-1',
        lines: [{ name: 'A', quantity: '999999999', rate: 9007199254740991 }],
      },
      'lines.0.rate',
    ],
  ])('refuses %s', async (_label, body, path) => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await expect(ctx.run('invoice.create', 'inv-1', body)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path, message: expect.any(String) }] },
    });
  });

  it('refuses a deleted customer', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('customer.delete', 'cust-1');
    expect(await codeOf(ctx.run('quote.create', 'q-1', { customerId: 'cust-1' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

async function quoteIn(ctx: TestContext, status: string): Promise<void> {
  await seedCustomer(ctx);
  await ctx.run('quote.create', 'q-1', { customerId: 'cust-1', lines: JAPAN_LINES });
  const path: Record<string, string[]> = {
    draft: [],
    sent: ['quote.send'],
    accepted: ['quote.send', 'quote.accept'],
    declined: ['quote.send', 'quote.decline'],
    expired: ['quote.send', 'quote.expire'],
    invoiced: ['quote.send', 'quote.accept'],
  };
  for (const name of path[status] ?? []) {
    await ctx.run(name as 'quote.send', 'q-1');
  }
  if (status === 'invoiced') await ctx.run('quote.convert', 'q-1', { to: 'invoice' });
}

describe('quote patch and delete locks', () => {
  it.each([
    ['draft', 'OK', 'OK'],
    ['sent', 'OK', 'OK'],
    ['accepted', 'DOCUMENT_LOCKED', 'OK'],
    ['declined', 'DOCUMENT_LOCKED', 'OK'],
    ['expired', 'DOCUMENT_LOCKED', 'OK'],
    ['invoiced', 'DOCUMENT_LOCKED', 'DOCUMENT_LOCKED'],
  ])('a %s quote: patch → %s, delete → %s', async (status, patch, del) => {
    const ctx = makeContext();
    await quoteIn(ctx, status);
    expect(ctx.get('quote', 'q-1')?.status).toBe(status);
    expect(await codeOf(ctx.run('quote.patch', 'q-1', { notes: 'n' }))).toBe(patch);
    expect(await codeOf(ctx.run('quote.delete', 'q-1'))).toBe(del);
  });

  it('replaces lines whole and clears nullable fields', async () => {
    const ctx = makeContext();
    await quoteIn(ctx, 'draft');
    await ctx.run('quote.patch', 'q-1', { expiryDate: '2024-03-01', notes: 'hi' });
    const [write] = await ctx.run('quote.patch', 'q-1', {
      lines: [{ name: 'Only', quantity: '1', rate: 5 }],
      expiryDate: null,
    });
    expect(write?.row).toMatchObject({ notes: 'hi', lines: [{ id: 'id-1', name: 'Only' }] });
    expect(write?.row).not.toHaveProperty('expiryDate');
  });

  it('checks a changed customer exists', async () => {
    const ctx = makeContext();
    await quoteIn(ctx, 'draft');
    expect(await codeOf(ctx.run('quote.patch', 'q-1', { customerId: 'ghost' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('sales order patch and delete locks', () => {
  it.each([
    [[], 'OK', 'OK'],
    [['salesOrder.confirm'], 'OK', 'OK'],
    [['salesOrder.confirm', 'salesOrder.close'], 'DOCUMENT_LOCKED', 'DOCUMENT_LOCKED'],
    [['salesOrder.void'], 'DOCUMENT_LOCKED', 'OK'],
  ] as const)('after %j: patch → %s, delete → %s', async (steps, patch, del) => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('salesOrder.create', 'so-1', { customerId: 'cust-1' });
    for (const step of steps) await ctx.run(step, 'so-1');
    expect(await codeOf(ctx.run('salesOrder.patch', 'so-1', { terms: 't' }))).toBe(patch);
    expect(await codeOf(ctx.run('salesOrder.delete', 'so-1'))).toBe(del);
  });

  it('numbers a sales order when confirmed', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('salesOrder.create', 'so-1', { customerId: 'cust-1' });
    const [write] = await ctx.run('salesOrder.confirm', 'so-1');
    expect(write?.row).toMatchObject({ status: 'confirmed', number: 'SO-000001' });
  });
});

describe('invoice patch and delete locks', () => {
  it.each([
    [{ notes: 'thanks' }, 'OK'],
    [{ dealId: 'deal-9' }, 'OK'],
    [{ dealId: null, notes: null }, 'OK'],
    [{ terms: 'net 10' }, 'INVOICE_LOCKED'],
    [{ notes: 'x', lines: [] }, 'INVOICE_LOCKED'],
    [{ dueDate: '2024-03-01' }, 'INVOICE_LOCKED'],
  ])('an issued invoice patched with %j → %s', async (patch, expected) => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    expect(await codeOf(ctx.run('invoice.patch', 'inv-1', patch))).toBe(expected);
  });

  it('lets a draft change anything', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await ctx.run('invoice.create', 'inv-1', { customerId: 'cust-1' });
    const [write] = await ctx.run('invoice.patch', 'inv-1', {
      lines: JAPAN_LINES,
      discount: { type: 'amount', value: 100 },
      taxInclusive: true,
    });
    expect(write?.row).toMatchObject({ lines: JAPAN_LINES, taxInclusive: true });
  });

  it('deletes drafts only: issued invoices must be voided', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    expect(await codeOf(ctx.run('invoice.delete', 'inv-1'))).toBe('INVOICE_LOCKED');
    await ctx.run('invoice.create', 'inv-2', { customerId: 'cust-1' });
    expect(await codeOf(ctx.run('invoice.delete', 'inv-2'))).toBe('OK');
    expect(ctx.get('invoice', 'inv-2')).toBeUndefined();
    expect(ctx.deleted.has('invoice:inv-2')).toBe(true);
  });
});

describe('documents made by deal automation', () => {
  const automation = { dealId: 'deal-1', trigger: 'won' as const, at: '2024-02-01T08:00:00.000Z' };

  async function automatedInvoice(ctx: TestContext) {
    await seedIssuedInvoice(ctx);
    const invoice = ctx.get('invoice', 'inv-1');
    if (!invoice) throw new Error('no invoice');
    ctx.put('invoice', { ...invoice, dealId: 'deal-1', automation });
  }

  it('keeps the deal link: changing or clearing it is DEAL_LINK_LOCKED', async () => {
    const ctx = makeContext();
    await automatedInvoice(ctx);
    expect(await codeOf(ctx.run('invoice.patch', 'inv-1', { dealId: null }))).toBe(
      'DEAL_LINK_LOCKED',
    );
    expect(await codeOf(ctx.run('invoice.patch', 'inv-1', { dealId: 'deal-2' }))).toBe(
      'DEAL_LINK_LOCKED',
    );
    expect(await codeOf(ctx.run('invoice.patch', 'inv-1', { dealId: 'deal-1', notes: 'ok' }))).toBe(
      'OK',
    );
  });

  it('is released by the first write of a person, not by automation', async () => {
    const ctx = makeContext();
    await automatedInvoice(ctx);
    ctx.automated = true;
    await ctx.run('invoice.markSent', 'inv-1');
    expect(ctx.get('invoice', 'inv-1')?.automation).toEqual(automation);
    ctx.automated = false;
    await ctx.run('invoice.patch', 'inv-1', { notes: 'Thanks' });
    expect(ctx.get('invoice', 'inv-1')?.automation).toEqual({
      ...automation,
      releasedAt: '2024-02-01T09:00:00.000Z',
      releasedBy: 'user-1',
    });
  });

  it('leaves a plain document plain', async () => {
    const ctx = makeContext();
    await seedIssuedInvoice(ctx);
    await ctx.run('invoice.patch', 'inv-1', { dealId: 'deal-9' });
    expect(ctx.get('invoice', 'inv-1')).not.toHaveProperty('automation');
    expect(ctx.get('invoice', 'inv-1')?.dealId).toBe('deal-9');
  });
});

describe('a document’s deal belongs to its customer (checked where deals are kept, offline too)', () => {
  const deals = new Map<string, { customerId: string | null }>([
    ['deal-a', { customerId: 'cust-1' }],
    ['deal-b', { customerId: 'cust-2' }],
    ['deal-unsynced', { customerId: null }],
  ]);
  async function withDeals(): Promise<TestContext> {
    const ctx = makeContext();
    ctx.readDeal = (id) => Promise.resolve(deals.get(id));
    await seedCustomer(ctx, 'cust-1');
    await seedCustomer(ctx, 'cust-2', { displayName: 'Globex' });
    return ctx;
  }
  const create = (ctx: TestContext, dealId: string | null, id = 'q-1') =>
    codeOf(ctx.run('quote.create', id, { customerId: 'cust-1', dealId, lines: JAPAN_LINES }));

  it.each([
    ['its own customer’s deal', 'deal-a', 'OK'],
    ['no deal', null, 'OK'],
    ['another customer’s deal', 'deal-b', 'DEAL_NOT_OF_CUSTOMER'],
    ['a deal whose account is not a synced customer', 'deal-unsynced', 'DEAL_NOT_OF_CUSTOMER'],
    ['a deal it does not know', 'deal-x', 'DEAL_NOT_OF_CUSTOMER'],
  ])('a new document with %s: %s', async (_what, dealId, code) => {
    expect(await create(await withDeals(), dealId)).toBe(code);
  });

  it('checks a relink and a customer change under the deal, not an untouched link', async () => {
    const ctx = await withDeals();
    expect(await create(ctx, 'deal-a')).toBe('OK');
    const patch = (args: Record<string, unknown>) => codeOf(ctx.run('quote.patch', 'q-1', args));
    expect(await patch({ dealId: 'deal-b' })).toBe('DEAL_NOT_OF_CUSTOMER');
    expect(await patch({ customerId: 'cust-2' })).toBe('DEAL_NOT_OF_CUSTOMER');
    expect(await patch({ customerId: 'cust-2', dealId: 'deal-b' })).toBe('OK');
    // The deal is later deleted in the CRM: other edits of the document still go through.
    deals.delete('deal-b');
    expect(await patch({ notes: 'still editable' })).toBe('OK');
    expect(await patch({ dealId: null })).toBe('OK');
  });
});
