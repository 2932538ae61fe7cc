import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { makeContext, seedCustomer } from './test-context';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('customer.create', () => {
  it('writes a full row with stamps, defaults and contact ids', async () => {
    const ctx = makeContext();
    const writes = await ctx.run('customer.create', 'cust-1', {
      kind: 'business',
      displayName: '  Acme KK  ',
      email: 'billing@acme.example',
      contactPersons: [{ lastName: 'Tanaka', primary: true }],
    });
    expect(writes).toEqual([
      {
        entity: 'customer',
        id: 'cust-1',
        op: 'put',
        row: {
          id: 'cust-1',
          kind: 'business',
          displayName: 'Acme KK',
          email: 'billing@acme.example',
          contactPersons: [{ id: 'id-1', lastName: 'Tanaka', primary: true }],
          customFields: {},
          version: 0,
          createdAt: '2024-02-01T09:00:00.000Z',
          updatedAt: '2024-02-01T09:00:00.000Z',
        },
      },
    ]);
  });

  it.each([
    [{ id: 'other' }, 'VALIDATION_FAILED'],
    [{ id: 'cust-1' }, 'OK'],
    [
      {
        customFields: {
          segment: 'smb',
          employees: 12,
          since: '2020-04-01',
          vip: true,
          crm_ref: 'Z-1',
        },
      },
      'OK',
    ],
    [{ customFields: { segment: 'huge' } }, 'VALIDATION_FAILED'],
    [{ customFields: { employees: '12' } }, 'VALIDATION_FAILED'],
    [{ customFields: { since: '2020-02-30' } }, 'VALIDATION_FAILED'],
    [{ customFields: { vip: 'yes' } }, 'VALIDATION_FAILED'],
    [{ customFields: { unknown_key: 'x' } }, 'VALIDATION_FAILED'],
    [
      {
        contactPersons: [
          { lastName: 'A', primary: true },
          { lastName: 'B', primary: true },
        ],
      },
      'VALIDATION_FAILED',
    ],
  ])('with %j → %s', async (extra, expected) => {
    const ctx = makeContext();
    const body = { kind: 'individual', displayName: 'Ann', ...extra };
    expect(await codeOf(ctx.run('customer.create', 'cust-1', body))).toBe(expected);
  });

  it('reports custom field errors at customFields.<key>', async () => {
    const ctx = makeContext();
    const body = { kind: 'business', displayName: 'A', customFields: { vip: 1, nope: 'x' } };
    await expect(ctx.run('customer.create', 'c', body)).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'customFields.vip', message: 'Must be a boolean' },
          { path: 'customFields.nope', message: 'Unknown custom field' },
        ],
      },
    });
  });

  it('refuses more than 10 custom fields', async () => {
    const ctx = makeContext();
    const customFields = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x']));
    const body = { kind: 'business', displayName: 'A', customFields };
    expect(await codeOf(ctx.run('customer.create', 'c', body))).toBe('VALIDATION_FAILED');
  });

  it('refuses to overwrite an existing customer', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    expect(await codeOf(seedCustomer(ctx))).toBe('CONFLICT');
  });
});

describe('customer.patch', () => {
  it('changes given fields, clears nulls, keeps the rest and bumps updatedAt', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx, 'cust-1', {
      email: 'a@b.example',
      phone: '03-1234',
      paymentTermsDays: 30,
    });
    ctx.now = '2024-02-02T10:00:00.000Z';
    const [write] = await ctx.run('customer.patch', 'cust-1', {
      phone: null,
      displayName: 'Acme 2',
    });
    expect(write?.row).toMatchObject({
      displayName: 'Acme 2',
      email: 'a@b.example',
      paymentTermsDays: 30,
      version: 1,
      createdAt: '2024-02-01T09:00:00.000Z',
      updatedAt: '2024-02-02T10:00:00.000Z',
    });
    expect(write?.row).not.toHaveProperty('phone');
  });

  it('refuses to clear a required field', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    expect(await codeOf(ctx.run('customer.patch', 'cust-1', { displayName: null }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('is NOT_FOUND for a missing or deleted customer', async () => {
    const ctx = makeContext();
    expect(await codeOf(ctx.run('customer.patch', 'nope', {}))).toBe('NOT_FOUND');
    await seedCustomer(ctx);
    await ctx.run('customer.delete', 'cust-1');
    expect(await codeOf(ctx.run('customer.patch', 'cust-1', {}))).toBe('NOT_FOUND');
  });
});

describe('customer.delete', () => {
  it('soft-deletes with the last state', async () => {
    const ctx = makeContext();
    await seedCustomer(ctx);
    const writes = await ctx.run('customer.delete', 'cust-1');
    expect(writes).toMatchObject([
      { entity: 'customer', id: 'cust-1', op: 'delete', row: { displayName: 'Acme' } },
    ]);
    expect(ctx.get('customer', 'cust-1')).toBeUndefined();
  });
});

describe('item mutations', () => {
  it('creates active by default, patches and deletes', async () => {
    const ctx = makeContext({ role: 'sales' });
    const [created] = await ctx.run('item.create', 'item-1', {
      name: 'Widget',
      rate: 1500,
      taxRate: '10',
    });
    expect(created?.row).toMatchObject({
      id: 'item-1',
      name: 'Widget',
      rate: 1500,
      active: true,
      version: 0,
    });
    const [patched] = await ctx.run('item.patch', 'item-1', { taxRate: null, active: false });
    expect(patched?.row).toMatchObject({ active: false, version: 1 });
    expect(patched?.row).not.toHaveProperty('taxRate');
    expect(await codeOf(ctx.run('item.delete', 'item-1'))).toBe('FORBIDDEN');
  });

  it.each([
    [{ rate: -1 }, 'VALIDATION_FAILED'],
    [{ rate: 1.5 }, 'VALIDATION_FAILED'],
    [{ taxRate: '8.12345' }, 'VALIDATION_FAILED'],
    [{ taxRate: '8' }, 'OK'],
  ])('with %j → %s', async (extra, expected) => {
    const ctx = makeContext();
    expect(await codeOf(ctx.run('item.create', 'i', { name: 'W', rate: 1, ...extra }))).toBe(
      expected,
    );
  });
});
