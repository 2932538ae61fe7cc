import { describe, expect, it } from 'vitest';
import type { CrmField, KanjoField } from './fields';
import { compatibility, kanjoCustomerFields } from './fields';
import type { SyncExtent } from './settings';

const k = (type: KanjoField['type'], extra: Partial<KanjoField> = {}): KanjoField => ({
  path: `customFields.${type}`,
  type,
  ...extra,
});
const c = (dataType: string, extra: Partial<CrmField> = {}): CrmField => ({
  apiName: 'Field',
  dataType,
  ...extra,
});

describe('kanjoCustomerFields', () => {
  it('lists the standard fields, fax included, then the custom fields with their types', () => {
    const fields = kanjoCustomerFields([
      { key: 'region', label: 'Region', type: 'text' },
      { key: 'tier', label: 'Tier', type: 'select', options: ['A', 'B'] },
      { key: 'since', label: 'Since', type: 'date' },
    ]);
    expect(fields.find((field) => field.path === 'fax')).toEqual({
      path: 'fax',
      type: 'phone',
      maxLength: 50,
    });
    expect(fields.slice(-3)).toEqual([
      { path: 'customFields.region', type: 'text', maxLength: 1000 },
      { path: 'customFields.tier', type: 'select', options: ['A', 'B'] },
      { path: 'customFields.since', type: 'date' },
    ]);
    expect(fields).toHaveLength(18 + 3);
  });
});

type Row = [string, KanjoField, CrmField, SyncExtent, true | string];
const TABLE: Row[] = [
  ['text → text', k('text'), c('text'), 'both', true],
  ['text → textarea', k('text'), c('textarea'), 'both', true],
  ['phone → phone', k('phone'), c('phone'), 'both', true],
  ['email → email', k('email'), c('email'), 'both', true],
  ['url → website', k('url'), c('website'), 'both', true],
  ['text → email (warned)', k('text'), c('email'), 'both', true],
  ['text → picklist (warned)', k('text'), c('picklist', { pickList: ['x'] }), 'both', true],
  ['text → integer', k('text'), c('integer'), 'both', 'TYPE_MISMATCH'],
  ['text → date', k('text'), c('date'), 'both', 'TYPE_MISMATCH'],
  ['number → integer', k('number'), c('integer'), 'both', true],
  ['number → double', k('number'), c('double'), 'both', true],
  ['number → currency', k('number'), c('currency'), 'both', true],
  ['number → bigint', k('number'), c('bigint'), 'both', true],
  ['number → text', k('number'), c('text'), 'both', 'TYPE_MISMATCH'],
  ['date → date', k('date'), c('date'), 'both', true],
  ['date → datetime', k('date'), c('datetime'), 'both', 'TYPE_MISMATCH'],
  ['boolean → boolean', k('boolean'), c('boolean'), 'both', true],
  ['boolean → text', k('boolean'), c('text'), 'both', 'TYPE_MISMATCH'],
  [
    'select ⊆ picklist',
    k('select', { options: ['A'] }),
    c('picklist', { pickList: ['A', 'B'] }),
    'both',
    true,
  ],
  [
    'select ⊄ picklist, both',
    k('select', { options: ['A', 'C'] }),
    c('picklist', { pickList: ['A'] }),
    'both',
    'PICKLIST',
  ],
  [
    'select ⊄ picklist, fetch',
    k('select', { options: ['A', 'C'] }),
    c('picklist', { pickList: ['A'] }),
    'fetch',
    true,
  ],
  ['select → text', k('select', { options: ['A'] }), c('text', { length: 255 }), 'both', true],
  [
    'select → short text',
    k('select', { options: ['Enterprise'] }),
    c('text', { length: 5 }),
    'both',
    'TOO_SHORT',
  ],
  ['select → integer', k('select', { options: ['1'] }), c('integer'), 'both', 'TYPE_MISMATCH'],
  ['text → lookup', k('text'), c('lookup'), 'fetch', 'LOOKUP'],
  ['text → ownerlookup', k('text'), c('ownerlookup'), 'fetch', 'LOOKUP'],
  ['text → multiselectlookup', k('text'), c('multiselectlookup'), 'fetch', 'LOOKUP'],
  ['text → multiselectpicklist', k('text'), c('multiselectpicklist'), 'fetch', 'UNSUPPORTED'],
  ['text → read-only, both', k('text'), c('text', { readOnly: true }), 'both', 'READ_ONLY'],
  ['text → read-only, fetch', k('text'), c('text', { readOnly: true }), 'fetch', true],
];

describe('compatibility', () => {
  it.each(TABLE)('%s', (_, kanjo, crm, extent, expected) => {
    const verdict = compatibility(kanjo, crm, extent);
    if (expected === true) expect(verdict.ok).toBe(true);
    else expect(verdict).toMatchObject({ ok: false, code: expected });
  });

  it('explains a refusal in words', () => {
    expect(compatibility(k('number'), { apiName: 'Region', dataType: 'text' })).toEqual({
      ok: false,
      code: 'TYPE_MISMATCH',
      reason: "Region is a text field; Kanjo's customFields.number is number",
    });
  });

  it.each([
    [
      k('phone', { maxLength: 50 }),
      c('phone', { apiName: 'Phone', length: 30 }),
      /holds 30 characters/,
    ],
    [k('text'), c('email', { apiName: 'Email' }), /accepts only email values/],
    [k('email'), c('text', { apiName: 'Note' }), /customFields.email accepts only email/],
    [k('number'), c('integer', { apiName: 'Count' }), /whole numbers/],
    [k('select', { options: ['A'] }), c('picklist', { pickList: ['A', 'B'] }), /has no option "B"/],
  ])('warns when only some values can fail: %j → %j', (kanjo, crm, warning) => {
    const verdict = compatibility(kanjo, crm);
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.warning).toMatch(warning);
  });
});
