import { afterEach, describe, expect, test, vi } from 'vitest';
import { answerFetch } from '../../../test/answer-fetch';
import { ApiError, NetworkError } from '$lib/http/client';
import {
  describeConflictFailure,
  heldFieldLabel,
  heldValueText,
  listHeldFields,
  resolveHeldField,
} from './held-conflicts';

const region = { key: 'region', label: 'Sales region', type: 'text' as const };

describe('heldFieldLabel', () => {
  test.each([
    { entity: 'customer', field: 'phone', label: { key: 'crmSync.kanjoField.phone' } },
    {
      entity: 'customer',
      field: 'billingAddress.city',
      label: { key: 'crmSync.kanjoField.billingCity' },
    },
    { entity: 'customer', field: 'customFields.region', label: { text: 'Sales region' } },
    { entity: 'customer', field: 'customFields.gone', label: { text: 'customFields.gone' } },
    { entity: 'item', field: 'rate', label: { key: 'crmSync.itemField.rate' } },
    { entity: 'item', field: 'phone', label: { text: 'phone' } },
  ] as const)('$entity $field', ({ entity, field, label }) => {
    expect(heldFieldLabel({ entity, field, customerFields: [region] })).toEqual(label);
  });
});

describe('heldValueText', () => {
  const text = (
    entity: 'customer' | 'item',
    field: string,
    value: string | number | boolean | null,
  ) => heldValueText({ entity, field, value, currency: 'USD', locale: 'en' });

  test('empty is null; booleans are words; an item rate is money in minor units', () => {
    expect(text('customer', 'phone', null)).toBeNull();
    expect(text('customer', 'phone', '')).toBeNull();
    expect(text('customer', 'phone', '03-1111')).toEqual({ text: '03-1111' });
    expect(text('item', 'active', false)).toEqual({ key: 'crmHistory.conflicts.no' });
    expect(text('item', 'rate', 123456)).toEqual({ text: '$1,234.56' });
    expect(text('customer', 'customFields.count', 5)).toEqual({ text: '5' });
  });
});

describe('describeConflictFailure', () => {
  test.each([
    [new ApiError(409, 'CRM_VALUE_UNKNOWN', 'x'), { key: 'crmHistory.conflicts.error.crmUnknown' }],
    [new ApiError(404, 'NOT_FOUND', 'x'), { key: 'crmHistory.conflicts.error.notHeld' }],
    [new ApiError(403, 'FORBIDDEN', 'x'), { key: 'crmHistory.conflicts.error.forbidden' }],
    [
      new ApiError(500, 'INTERNAL', 'Boom'),
      { key: 'crmHistory.conflicts.error.other', params: { message: 'Boom' } },
    ],
    [new NetworkError(new TypeError('offline')), { key: 'crmHistory.conflicts.error.offline' }],
  ])('%s', (error, message) => {
    expect(describeConflictFailure(error)).toEqual(message);
  });
});

describe('the conflicts API', () => {
  afterEach(() => vi.unstubAllGlobals());

  const answer = (payload: unknown) => answerFetch(200, payload);

  test('lists one record’s held fields through the filters', async () => {
    const field = { field: 'phone', base: '1', kanjo: '2', crm: '3', crmKnown: true };
    const calls = answer({ conflicts: [{ entity: 'customer', localId: 'c 1', fields: [field] }] });
    expect(await listHeldFields('customer', 'c 1')).toEqual([field]);
    expect(calls[0]?.url).toBe('/api/crm/conflicts?entity=customer&localId=c+1');
  });

  test('resolves one field', async () => {
    const calls = answer({ ok: true, seq: 7 });
    const choice = { entity: 'item', localId: 'i1', field: 'rate', take: 'crm' } as const;
    expect(await resolveHeldField(choice)).toEqual({ ok: true, seq: 7 });
    expect(calls[0]?.url).toBe('/api/crm/conflicts/resolve');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.body).toEqual(choice);
  });
});
