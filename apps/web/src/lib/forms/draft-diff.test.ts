import { describe, expect, test } from 'vitest';
import { changedFields, rebaseDraft } from './draft-diff';

describe('rebaseDraft', () => {
  const start = {
    phone: '03-1111-2222',
    notes: '',
    billing: { city: 'Tokyo', country: 'JP' },
    contacts: [{ key: 'p1', lastName: 'Sato' }],
  };

  test('keeps what the person typed and takes the rest from the newer copy', () => {
    const current = { ...start, notes: 'call after 3pm' };
    const fresh = { ...start, phone: '06-9876-5432' };
    expect(rebaseDraft({ start, current, fresh })).toEqual({
      ...start,
      phone: '06-9876-5432',
      notes: 'call after 3pm',
    });
  });

  test('a field changed on both sides keeps the person’s value', () => {
    const current = { ...start, phone: '090-0000-0000' };
    const fresh = { ...start, phone: '06-9876-5432' };
    expect(rebaseDraft({ start, current, fresh }).phone).toBe('090-0000-0000');
  });

  test('compares nested values, so an untouched address takes the newer one', () => {
    const current = { ...start, contacts: [{ key: 'p1', lastName: 'Satō' }] };
    const fresh = { ...start, billing: { city: 'Osaka', country: 'JP' } };
    expect(rebaseDraft({ start, current, fresh })).toEqual({
      ...start,
      billing: { city: 'Osaka', country: 'JP' },
      contacts: [{ key: 'p1', lastName: 'Satō' }],
    });
  });

  test('without edits it is the newer copy', () => {
    const fresh = { ...start, phone: '06-9876-5432' };
    expect(rebaseDraft({ start, current: start, fresh })).toEqual(fresh);
  });
});

describe('changedFields', () => {
  test('gives the changed fields, null for a cleared one', () => {
    expect(changedFields({ before: { a: 1, b: 'x' }, after: { a: 2 } })).toEqual({ a: 2, b: null });
  });
});
