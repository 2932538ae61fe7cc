import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { makeOrganization } from '../mutations/test-context';
import {
  addressSchema,
  exchangeRateSchema,
  idSchema,
  percentSchema,
  quantitySchema,
  uuidSchema,
} from './common';
import { customerCreateSchema, customerSchema } from './customer';
import { invoicePatchSchema, invoiceSchema, quoteCreateSchema } from './documents';
import { organizationSchema, userSchema } from './organization';
import { paymentSchema } from './payment';

describe('decimal strings', () => {
  it.each([
    [quantitySchema, '2.5', true],
    [quantitySchema, '0.333', true],
    [quantitySchema, '999999999.999999', true],
    [quantitySchema, '0', false],
    [quantitySchema, '0.000000', false],
    [quantitySchema, '1.1234567', false],
    [quantitySchema, '1000000000', false],
    [quantitySchema, '-1', false],
    [quantitySchema, '1e3', false],
    [quantitySchema, 2.5, false],
    [percentSchema, '0', true],
    [percentSchema, '100', true],
    [percentSchema, '12.5', true],
    [percentSchema, '100.0001', false],
    [percentSchema, '8.12345', false],
    [exchangeRateSchema, '1.0', true],
    [exchangeRateSchema, '0.0067', true],
    [exchangeRateSchema, '0', false],
  ])('%#: %j → %s', (schema, input, expected) => {
    expect(v.is(schema, input)).toBe(expected);
  });
});

describe('ids', () => {
  it.each([
    ['0190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f60', true],
    ['', false],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['4181000000123456789', true], // a CRM record id
    ['cust_1-A', true],
    ['\ud800abc', false], // an unpaired surrogate
    ['a\u0000b', false],
    ['a/b', false],
    ['a b', false],
    ['..', false],
    ['é', false],
  ])('%j → %s', (id, expected) => {
    expect(v.is(idSchema, id)).toBe(expected);
  });

  it.each([
    ['0190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f60', true],
    ['0190D6E4-7B1C-7C3E-9F2A-1B2C3D4E5F60', false], // one id, one spelling
    ['0190d6e47b1c7c3e9f2a1b2c3d4e5f60', false],
    ['0190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f6', false],
    ['cust-1', false],
    ['\ud800190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f60', false],
  ])('uuid %j → %s', (id, expected) => {
    expect(v.is(uuidSchema, id)).toBe(expected);
  });
});

describe('strict objects', () => {
  it('refuses unknown keys in an address', () => {
    expect(v.is(addressSchema, { city: 'Tokyo', planet: 'Earth' })).toBe(false);
  });

  it('trims strings', () => {
    expect(v.parse(addressSchema, { city: '  Tokyo ' })).toEqual({ city: 'Tokyo' });
  });
});

describe('organizationSchema', () => {
  const base = makeOrganization();

  it('defaults the time zone to UTC', () => {
    const { timezone: _timezone, ...rest } = base;
    expect(v.parse(organizationSchema, rest).timezone).toBe('UTC');
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['an unknown currency', { baseCurrency: 'XXX' }],
    ['an unknown locale', { locale: 'fr' }],
    ['a bad rounding mode', { roundingMode: 'bankers' }],
    [
      '11 customer fields',
      {
        customerFields: Array.from({ length: 11 }, (_, i) => ({
          key: `f${i}`,
          label: 'F',
          type: 'text',
        })),
      },
    ],
    ['a bad field key', { customerFields: [{ key: 'Bad-Key', label: 'F', type: 'text' }] }],
    [
      'duplicate field keys',
      {
        customerFields: [
          { key: 'a', label: 'A', type: 'text' },
          { key: 'a', label: 'B', type: 'number' },
        ],
      },
    ],
    ['a select without options', { customerFields: [{ key: 'a', label: 'A', type: 'select' }] }],
  ])('refuses %s', (_label, change) => {
    expect(v.is(organizationSchema, { ...base, ...change })).toBe(false);
  });

  it('accepts the test organization', () => {
    expect(v.is(organizationSchema, base)).toBe(true);
  });
});

describe('userSchema', () => {
  it.each([
    [{ role: 'sales' }, true],
    [{ role: 'root' }, false],
    [{ email: 'not-an-email' }, false],
    [{ locale: 'ja', name: 'Hanako' }, true],
  ])('%j → %s', (change, expected) => {
    const user = { id: 'u', organizationId: 'o', email: 'a@b.example', role: 'owner', ...change };
    expect(v.is(userSchema, user)).toBe(expected);
  });
});

describe('create and patch shapes', () => {
  it('create bodies refuse server-made fields', () => {
    const body = { kind: 'business', displayName: 'A', version: 3 };
    expect(v.is(customerCreateSchema, body)).toBe(false);
    expect(v.is(quoteCreateSchema, { customerId: 'c', status: 'sent' })).toBe(false);
    expect(v.is(quoteCreateSchema, { customerId: 'c', number: 'QT-1' })).toBe(false);
  });

  it.each([
    [{ dueDate: null, notes: null, dealId: null }, true],
    [{ customerId: null }, false],
    [{ lines: null }, false],
    [{ amountPaid: 0 }, false],
    [{}, true],
  ])('invoice patch %j → %s', (patch, expected) => {
    expect(v.is(invoicePatchSchema, patch)).toBe(expected);
  });

  it('full rows require the server-made fields', () => {
    const row = {
      id: 'c',
      kind: 'business',
      displayName: 'A',
      contactPersons: [],
      customFields: {},
      version: 0,
      createdAt: '2024-02-01T09:00:00.000Z',
      updatedAt: '2024-02-01T09:00:00.000Z',
    };
    expect(v.is(customerSchema, row)).toBe(true);
    const { version: _version, ...withoutVersion } = row;
    expect(v.is(customerSchema, withoutVersion)).toBe(false);
  });

  it('invoices store integer money and decimal-string quantities', () => {
    const row = {
      id: 'i',
      number: null,
      customerId: 'c',
      currency: 'USD',
      issueDate: '2024-02-01',
      lines: [{ id: 'l', name: 'A', quantity: '1.5', rate: 1999 }],
      status: 'draft',
      amountPaid: 0,
      version: 0,
      createdAt: '2024-02-01T09:00:00.000Z',
      updatedAt: '2024-02-01T09:00:00.000Z',
    };
    expect(v.is(invoiceSchema, row)).toBe(true);
    expect(v.is(invoiceSchema, { ...row, amountPaid: 0.5 })).toBe(false);
    expect(v.is(invoiceSchema, { ...row, status: 'overdue' })).toBe(false);
    expect(
      v.is(invoiceSchema, { ...row, lines: [{ id: 'l', name: 'A', quantity: 1.5, rate: 1 }] }),
    ).toBe(false);
  });

  it('payments are positive integers on real dates', () => {
    const payment = {
      id: 'p',
      invoiceId: 'i',
      amount: 100,
      date: '2024-02-29',
      version: 0,
      createdAt: '2024-02-01T09:00:00.000Z',
      updatedAt: '2024-02-01T09:00:00.000Z',
    };
    expect(v.is(paymentSchema, payment)).toBe(true);
    expect(v.is(paymentSchema, { ...payment, date: '2023-02-29' })).toBe(false);
    expect(v.is(paymentSchema, { ...payment, amount: 0 })).toBe(false);
  });
});

describe('malformed decimals', () => {
  it.each([
    ['quantity', quantitySchema, '1.2.3'],
    ['quantity', quantitySchema, '-1'],
    ['percent', percentSchema, '1e3'],
    ['exchange rate', exchangeRateSchema, '1..0'],
  ])('reports a malformed %s as one issue instead of throwing', (_name, schema, text) => {
    const result = v.safeParse(schema, text);
    expect(result.success).toBe(false);
    expect(result.issues).toHaveLength(1);
  });
});
