import { describe, expect, test } from 'vitest';
import { joinWords, reachNotice } from './reach';
import type { CrmReach } from './types';

const reach: CrmReach = {
  checkedAt: '2026-11-20T01:00:00.000Z',
  profile: { id: '9', name: 'Standard' },
  outOfReach: [
    { module: 'Deals', missing: ['view'] },
    { module: 'Sales_Orders', missing: ['view', 'create', 'edit'] },
  ],
  unreadable: null,
  warning: 'x',
};

describe('the CRM user’s reach on Settings → CRM', () => {
  test('names each module out of reach and what the user lacks, and the profile to fix', () => {
    expect(reachNotice(reach)).toEqual({
      kind: 'outOfReach',
      lines: [
        { module: 'crmReach.module.Deals', actions: ['crmReach.action.view'] },
        {
          module: 'crmReach.module.Sales_Orders',
          actions: ['crmReach.action.view', 'crmReach.action.create', 'crmReach.action.edit'],
        },
      ],
      profile: 'Standard',
    });
  });

  test('says when the permissions could not be read, and nothing when all is reachable', () => {
    const unreadable = { ...reach, outOfReach: [], unreadable: 'no scope', warning: null };
    expect(reachNotice(unreadable)).toEqual({ kind: 'unreadable', reason: 'no scope' });
    expect(reachNotice({ ...unreadable, unreadable: null })).toBeUndefined();
    expect(reachNotice(null)).toBeUndefined();
    expect(reachNotice(undefined)).toBeUndefined();
  });

  test('joins the missing actions as a sentence does', () => {
    expect(joinWords(['view'], ', ', ' or ')).toBe('view');
    expect(joinWords(['create', 'edit'], ', ', ' or ')).toBe('create or edit');
    expect(joinWords(['view', 'create', 'edit'], ', ', ' or ')).toBe('view, create or edit');
    expect(joinWords(['参照', '作成', '編集'], '・', '・')).toBe('参照・作成・編集');
    expect(joinWords([], ', ', ' or ')).toBe('');
  });
});
