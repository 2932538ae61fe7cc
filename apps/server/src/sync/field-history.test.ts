import { describe, expect, it } from 'vitest';
import {
  leavesOf,
  patchForLeaf,
  recordLeafWrites,
  settleEdit,
  type FieldHistory,
} from './field-history';

const crmWrite = { crm: true, userId: 'sync', clientId: null };
const deviceWrite = { crm: false, userId: 'rep', clientId: 'phone' };

/** The history after the CRM changed `before` into `after` at `version`. */
function crmChanged(before: Record<string, unknown>, after: Record<string, unknown>, version = 5) {
  return recordLeafWrites({
    history: {},
    before,
    after,
    fields: Object.keys(after),
    write: { ...crmWrite, version },
  });
}

describe('leavesOf', () => {
  it('splits addresses by key and contact persons by id and key', () => {
    expect([...leavesOf('billingAddress', { city: 'Otaru', street: '1' })]).toEqual([
      ['billingAddress.city', 'Otaru'],
      ['billingAddress.street', '1'],
    ]);
    expect([
      ...leavesOf('contactPersons', [{ id: 'p1', lastName: 'Sato', primary: true }]),
    ]).toEqual([
      ['contactPersons.p1.lastName', 'Sato'],
      ['contactPersons.p1.primary', true],
    ]);
    expect([...leavesOf('phone', '03')]).toEqual([['phone', '03']]);
  });
});

describe('settleEdit', () => {
  const settle = (
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    history: FieldHistory,
    rule: 'crmWins' | 'kanjoWins' | 'ask' | null = 'crmWins',
  ) => settleEdit({ before, after, fields: Object.keys(after), history, baseVersion: 3, rule });

  it('leaves fields the CRM did not write since the base to the generic rule', () => {
    const history = crmChanged({ phone: 'a' }, { phone: 'b' }, 2);
    const result = settle({ phone: 'b' }, { phone: 'c' }, history);
    expect(result.settled.size).toBe(0);
    expect(result.row.phone).toBe('c');
  });

  it('keeps the CRM’s value and reports the device’s as losing under crmWins and ask', () => {
    const history = crmChanged({ phone: 'base' }, { phone: 'crm' });
    for (const rule of ['crmWins', 'ask'] as const) {
      const result = settle({ phone: 'crm' }, { phone: 'offline' }, history, rule);
      expect(result.row.phone).toBe('crm');
      expect(result.conflicts).toEqual([
        {
          field: 'phone',
          winningValue: 'crm',
          losingValue: 'offline',
          winner: { version: 5, userId: 'sync', clientId: null },
          loser: 'device',
          crmRule: rule,
        },
      ]);
    }
  });

  it('takes the device’s value under kanjoWins, and when no CRM is connected any more', () => {
    const history = crmChanged({ phone: 'base' }, { phone: 'crm' });
    expect(settle({ phone: 'crm' }, { phone: 'offline' }, history, 'kanjoWins').row.phone).toBe(
      'offline',
    );
    const unruled = settle({ phone: 'crm' }, { phone: 'offline' }, history, null);
    expect(unruled.row.phone).toBe('offline');
    expect(unruled.conflicts[0]?.crmRule).toBeUndefined();
  });

  it('does not take a stale copy of an untouched leaf for an edit', () => {
    const before = { billingAddress: { city: 'Sapporo', street: '1' } };
    const after = { billingAddress: { city: 'Otaru', street: '1' } };
    const history = crmChanged(before, after);
    const device = { billingAddress: { city: 'Sapporo', street: '2' } };
    const result = settle(after, device, history, 'kanjoWins');
    expect(result.row.billingAddress).toEqual({ city: 'Otaru', street: '2' });
    expect(result.conflicts).toEqual([]);
  });

  it('lets a Kanjo write after the CRM’s be overwritten, kept as a plain conflict', () => {
    let history = crmChanged({ phone: 'base' }, { phone: 'crm' }, 5);
    history = recordLeafWrites({
      history,
      before: { phone: 'crm' },
      after: { phone: 'desk' },
      fields: ['phone'],
      write: { ...deviceWrite, clientId: 'desk', version: 6 },
    });
    const result = settle({ phone: 'desk' }, { phone: 'offline' }, history, 'crmWins');
    expect(result.row.phone).toBe('offline');
    expect(result.conflicts).toMatchObject([
      { field: 'phone', winningValue: 'offline', losingValue: 'desk', winner: 'device' },
    ]);
    expect(result.conflicts[0]?.crmRule).toBeUndefined();
  });

  it('keeps a contact person the CRM removed removed, when the device only carried it along', () => {
    const hanako = { id: 'p1', lastName: 'Sato', email: 'h@a.example', primary: true };
    const history = crmChanged({ contactPersons: [hanako] }, { contactPersons: [] });
    const added = { id: 'p2', lastName: 'Ito', primary: false };
    const result = settle({ contactPersons: [] }, { contactPersons: [hanako, added] }, history);
    expect(result.row.contactPersons).toEqual([added]);
  });
});

describe('recordLeafWrites', () => {
  it('keeps the last eight writes of a leaf, each with the value it replaced', () => {
    let history: FieldHistory = {};
    for (let version = 1; version <= 10; version++) {
      history = recordLeafWrites({
        history,
        before: { phone: `v${version - 1}` },
        after: { phone: `v${version}` },
        fields: ['phone'],
        write: { ...deviceWrite, version },
      });
    }
    expect(history.phone?.map((w) => [w.version, w.previous])).toEqual(
      [3, 4, 5, 6, 7, 8, 9, 10].map((v) => [v, `v${v - 1}`]),
    );
  });
});

describe('patchForLeaf', () => {
  const row = {
    billingAddress: { city: 'Otaru', street: '1' },
    contactPersons: [{ id: 'p1', lastName: 'Sato', phone: '03', primary: true }],
  };
  it('sets one key inside the whole object or person it belongs to', () => {
    expect(patchForLeaf(row, 'billingAddress.city', 'Sapporo')).toEqual({
      billingAddress: { city: 'Sapporo', street: '1' },
    });
    expect(patchForLeaf(row, 'contactPersons.p1.phone', null)).toEqual({
      contactPersons: [{ id: 'p1', lastName: 'Sato', primary: true }],
    });
    expect(patchForLeaf(row, 'phone', '011')).toEqual({ phone: '011' });
  });
});
