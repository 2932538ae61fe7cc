import { describe, expect, it } from 'vitest';
import { toCoqlRows, toFields, toProfiles, toTaxes, toUsers, toViews } from './answers.js';

describe("Zoho's settings answers", () => {
  it.each([
    ['no content', undefined, []],
    [
      'org_taxes',
      { org_taxes: { taxes: [{ name: 'GST', value: 18 }] } },
      [{ name: 'GST', percentage: '18' }],
    ],
    [
      'taxes',
      { taxes: [{ name: 'VAT', percentage: 20.5 }] },
      [{ name: 'VAT', percentage: '20.5' }],
    ],
    [
      'a deleted tax and one without a rate are left out',
      {
        taxes: [
          { name: 'Old', value: 5, deleted: true },
          { name: 'None', value: null },
          { name: 'Zero', value: 0 },
        ],
      },
      [{ name: 'Zero', percentage: '0' }],
    ],
  ])('taxes: %s', (_, body, expected) => {
    expect(toTaxes(body)).toEqual(expected);
  });

  it.each([
    ['no content', undefined, []],
    ['no users key', {}, []],
    [
      'name and email only when present',
      {
        users: [
          { id: '1', full_name: 'A', email: 'a@x.jp' },
          { id: '2', full_name: null, email: '' },
        ],
      },
      [{ id: '1', name: 'A', email: 'a@x.jp' }, { id: '2' }],
    ],
  ])('users: %s', (_, body, expected) => {
    expect(toUsers(body)).toEqual(expected);
  });

  it.each([
    ['views: no content', () => toViews(undefined, 'Accounts'), []],
    [
      'views: the display name first',
      () =>
        toViews(
          { custom_views: [{ id: '7', name: 'all', display_value: 'All', default: true }] },
          'Accounts',
        ),
      [{ id: '7', name: 'All', systemDefined: false, default: true }],
    ],
    [
      'fields: the label falls back to the API name; a picklist keeps its values',
      () =>
        toFields(
          {
            fields: [
              {
                api_name: 'Rating',
                data_type: 'picklist',
                pick_list_values: [{ actual_value: 'Hot', display_value: null }],
              },
            ],
          },
          'Accounts',
        ),
      [
        {
          apiName: 'Rating',
          label: 'Rating',
          dataType: 'picklist',
          custom: false,
          readOnly: false,
          mandatory: false,
          length: null,
          pickList: [{ value: 'Hot', label: 'Hot' }],
        },
      ],
    ],
  ])('%s', (_, read, expected) => {
    expect(read()).toEqual(expected);
  });

  it.each([
    ['no content', undefined, { records: [], more: false }],
    ['no info', { data: [{ id: '1' }] }, { records: [{ id: '1' }], more: false }],
    ['more', { data: [], info: { more_records: true } }, { records: [], more: true }],
  ])('COQL rows: %s', (_, body, expected) => {
    expect(toCoqlRows(body)).toEqual(expected);
  });

  it.each([
    ['profiles', () => toProfiles({ data: [] }), 'unexpected profiles answer'],
    ['profiles without content', () => toProfiles(undefined), 'unexpected profiles answer'],
    ['users', () => toUsers({ users: [{ name: 'no id' }] }), 'unexpected users answer'],
    ['taxes', () => toTaxes({ taxes: 'none' }), 'unexpected taxes answer'],
    ['fields', () => toFields({}, 'Deals'), 'unexpected Deals fields answer'],
    ['views', () => toViews({ views: [] }, 'Deals'), 'unexpected Deals views answer'],
    ['COQL', () => toCoqlRows({ rows: [] }), 'unexpected COQL answer'],
  ])('a %s answer of another shape is CRM_BAD_RESPONSE', (_, read, message) => {
    expect(read).toThrow(expect.objectContaining({ code: 'CRM_BAD_RESPONSE', message }));
  });
});
