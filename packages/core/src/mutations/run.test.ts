import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, isMutationName, mutationArgs } from './args';
import { DomainError } from './errors';
import { canRun } from './permissions';
import { makeContext, seedCustomer } from './test-context';
import type { Role } from './types';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('runMutation validation', () => {
  it.each([
    [
      'a bad line quantity and a missing customer id',
      'invoice.create',
      { lines: [{ name: 'A', quantity: '0', rate: 100 }] },
      ['customerId', 'lines.0.quantity'],
    ],
    [
      'an invalid email',
      'customer.create',
      { kind: 'business', displayName: 'A', email: 'nope' },
      ['email'],
    ],
    [
      'an unknown key',
      'customer.create',
      { kind: 'business', displayName: 'A', colour: 'red' },
      ['colour'],
    ],
    [
      'an unknown nested key',
      'invoice.create',
      { customerId: 'c', lines: [{ name: 'A', quantity: '1', rate: 1, price: 2 }] },
      ['lines.0.price'],
    ],
    [
      'a float amount',
      'payment.record',
      { invoiceId: 'i', amount: 10.5, date: '2024-02-01' },
      ['amount'],
    ],
    [
      'a date that does not exist',
      'payment.record',
      { invoiceId: 'i', amount: 1, date: '2024-02-30' },
      ['date'],
    ],
    ['a body that is not an object', 'customer.create', 'hello', ['']],
    ['args on a bodiless action', 'invoice.issue', { force: true }, ['force']],
    [
      'a blank display name after trimming',
      'customer.create',
      { kind: 'business', displayName: '   ' },
      ['displayName'],
    ],
    [
      'a percentage above 100',
      'quote.create',
      { customerId: 'c', discount: { type: 'percent', value: '101' } },
      ['discount.value'],
    ],
  ] as const)('lists the failing fields for %s', async (_label, name, args, paths) => {
    const ctx = makeContext();
    const error = await failure(ctx.run(name, 'x-1', args));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    const fields = (error.details as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect([...new Set(fields)].sort()).toEqual([...paths].sort());
  });

  it('refuses an empty entity id', async () => {
    const error = await failure(makeContext().run('customer.delete', '', {}));
    expect(error.details).toEqual({ fields: [{ path: 'entityId', message: expect.any(String) }] });
  });

  it('accepts a missing body on bodiless actions', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    await expect(ctx.run('customer.delete', 'cust-1', undefined)).resolves.toHaveLength(1);
  });

  it('validates before checking permissions', async () => {
    const ctx = makeContext({ role: 'sales' });
    const error = await failure(ctx.run('payment.record', 'p-1', {}));
    expect(error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a role that may not run the mutation', async () => {
    const ctx = makeContext({ role: 'sales' });
    await seedCustomer(ctx);
    const error = await failure(ctx.run('customer.delete', 'cust-1'));
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(ctx.get('customer', 'cust-1')).toBeDefined();
  });
});

describe('isMutationName', () => {
  it.each([
    ['invoice.issue', true],
    ['payment.record', true],
    ['invoice.hack', false],
    ['toString', false],
  ])('%s → %s', (name, expected) => {
    expect(isMutationName(name)).toBe(expected);
  });

  it('has an args schema for every mutation', () => {
    expect(MUTATION_NAMES).toHaveLength(29);
    for (const name of MUTATION_NAMES) expect(mutationArgs[name]).toBeDefined();
  });
});

describe('canRun', () => {
  const salesAllowed = new Set([
    'customer.create',
    'customer.patch',
    'item.create',
    'item.patch',
    'quote.create',
    'quote.patch',
    'quote.send',
    'quote.accept',
    'quote.decline',
    'quote.expire',
    'quote.convert',
    'salesOrder.create',
    'salesOrder.patch',
    'salesOrder.confirm',
    'salesOrder.close',
    'salesOrder.void',
    'salesOrder.convert',
    'invoice.create',
    'invoice.patch',
    'invoice.issue',
    'invoice.markSent',
  ]);
  const roles: Role[] = ['owner', 'admin', 'accountant', 'sales'];
  const table = roles.flatMap((role) =>
    MUTATION_NAMES.map((name) => {
      const expected = role === 'sales' ? salesAllowed.has(name) : true;
      return [role, name, expected] as const;
    }),
  );

  it.each(table)('%s may run %s: %s', (role, name, expected) => {
    expect(canRun(role, name)).toBe(expected);
  });

  it.each([
    'invoice.void',
    'invoice.delete',
    'payment.record',
    'payment.delete',
    'quote.delete',
  ] as const)('sales may not run %s', (name) => {
    expect(canRun('sales', name)).toBe(false);
  });
});
