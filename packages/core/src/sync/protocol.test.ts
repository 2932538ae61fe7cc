import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { pullResponseSchema, pushRequestSchema } from './protocol';

const STAMPS = {
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const customer = (fields: Record<string, unknown>) => ({
  id: '0190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f60',
  kind: 'business',
  displayName: 'Acme',
  contactPersons: [],
  customFields: {},
  ...STAMPS,
  ...fields,
});

const page = (row: unknown) => ({
  changes: [{ entity: 'customer', id: 'c', op: 'put', row, version: 3 }],
  cursor: 3,
  hasMore: false,
  lastSeq: 0,
  rejections: [],
});

describe('pull: rows stored under older rules still reach the device', () => {
  it.each([
    ['a tab inside a name', { displayName: 'Ac\tme' }],
    ['a name with a bidi override', { displayName: 'Acme\u202e' }],
    ['an id of the old, looser form', { id: 'legacy id' }],
    ['a payment term past today’s rules', { paymentTermsDays: 99999 }],
  ])('%s', (_label, fields) => {
    const parsed = v.parse(pullResponseSchema, page(customer(fields)));
    expect(parsed.changes[0]?.row).toMatchObject(fields);
  });

  it('still normalises a row today’s rules accept', () => {
    const parsed = v.parse(pullResponseSchema, page(customer({ displayName: ' Cafe\u0301 ' })));
    expect(parsed.changes[0]?.row).toMatchObject({ displayName: 'Caf\u00e9' });
  });

  it.each([null, 'text', { name: 'no id' }])('refuses a row that is no row at all: %j', (row) => {
    expect(v.is(pullResponseSchema, page(row))).toBe(false);
  });
});

describe('push: the client id', () => {
  it.each([
    ['0190d6e4-7b1c-7c3e-9f2a-1b2c3d4e5f60', true],
    ['', false],
    ['a\ud800', false],
    ['a b', false],
  ])('%j → %s', (clientId, expected) => {
    expect(v.is(pushRequestSchema, { clientId, mutations: [] })).toBe(expected);
  });
});
