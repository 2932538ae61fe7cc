import { describe, expect, test } from 'vitest';
import { ApiError } from '$lib/http/client';
import {
  checkNewField,
  crmFieldOptions,
  deriveFieldKey,
  emptyNewField,
  kanjoFieldOptions,
  newFieldDefinition,
  newFieldServerErrors,
} from './sync-settings-fields';

describe('deriveFieldKey', () => {
  test.each([
    { label: 'Sales region', taken: [], key: 'sales_region' },
    { label: '  Région de vente! ', taken: [], key: 'region_de_vente' },
    { label: '2nd phone', taken: [], key: 'field_2nd_phone' },
    { label: 'Region', taken: ['region'], key: 'region_2' },
    { label: 'Region', taken: ['region', 'region_2'], key: 'region_3' },
    { label: '地域', taken: [], key: 'field_1' },
    { label: '担当者メモ', taken: ['field_1'], key: 'field_2' },
    { label: '売上 ID', taken: [], key: 'id' },
    { label: '', taken: [], key: 'field_1' },
    { label: 'a'.repeat(50), taken: [], key: 'a'.repeat(40) },
    { label: 'a'.repeat(50), taken: ['a'.repeat(40)], key: `${'a'.repeat(38)}_2` },
  ])('"$label" (taken $taken) → $key', ({ label, taken, key }) => {
    expect(deriveFieldKey({ label, taken })).toBe(key);
  });
});

describe('the new custom field', () => {
  const existing = [{ key: 'region', label: 'Region', type: 'text' as const }];

  test('a complete field has no errors and becomes a definition', () => {
    const field = {
      ...emptyNewField(),
      label: ' Tier ',
      key: 'tier',
      type: 'select' as const,
      options: 'Gold\n\n Silver \n',
    };
    expect(checkNewField({ field, existing })).toEqual({});
    expect(newFieldDefinition(field)).toEqual({
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['Gold', 'Silver'],
    });
  });

  test.each([
    { field: { label: '', key: 'x' }, errors: { label: { key: 'validation.required' } } },
    { field: { label: 'X', key: 'Bad Key' }, errors: { key: { key: 'crmSync.custom.keyShape' } } },
    { field: { label: 'X', key: 'region' }, errors: { key: { key: 'crmSync.custom.keyTaken' } } },
    {
      field: { label: 'X', key: 'x', type: 'select' as const },
      errors: { options: { key: 'crmSync.custom.optionsRequired' } },
    },
  ])('$errors', ({ field, errors }) => {
    expect(checkNewField({ field: { ...emptyNewField(), ...field }, existing })).toEqual(errors);
  });

  test('server field errors for the new definition land on its inputs', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
      fields: [
        { path: 'customerFields.0.key', message: 'not mine' },
        { path: 'customerFields.1.key', message: 'Key must be lower_snake_case' },
        { path: 'customerFields', message: 'At most 10 customer fields' },
      ],
    });
    expect(newFieldServerErrors({ error, index: 1 })).toEqual({
      key: { text: 'Key must be lower_snake_case' },
    });
  });
});

describe('select choices', () => {
  test('Kanjo customer fields: translated built-ins, custom fields marked, unknown chosen kept', () => {
    const options = kanjoFieldOptions({
      entity: 'customer',
      server: [
        { path: 'displayName', type: 'text' },
        { path: 'email', type: 'email' },
      ],
      customerFields: [{ key: 'region', label: 'Region', type: 'text' }],
      current: ['customFields.old', ''],
    });
    expect(options).toEqual([
      { value: 'displayName', label: { key: 'crmSync.kanjoField.displayName' }, custom: false },
      { value: 'email', label: { key: 'crmSync.kanjoField.email' }, custom: false },
      { value: 'customFields.region', label: { text: 'Region' }, custom: true },
      { value: 'customFields.old', label: { text: 'customFields.old' }, custom: true },
    ]);
  });

  test('without the server list, the built-in contact person fields are offered', () => {
    const options = kanjoFieldOptions({
      entity: 'contactPerson',
      server: undefined,
      customerFields: [],
      current: [],
    });
    expect(options.map((o) => o.value)).toEqual([
      'contact.firstName',
      'contact.lastName',
      'contact.email',
      'contact.phone',
      'contact.mobile',
    ]);
  });

  test('CRM fields: read-only ones hidden unless chosen, chosen unknown names kept', () => {
    const field = { dataType: 'text', mandatory: false, length: 255 };
    const options = crmFieldOptions({
      fields: [
        {
          ...field,
          apiName: 'Account_Name',
          label: 'Account Name',
          custom: false,
          readOnly: false,
        },
        { ...field, apiName: 'Region__c', label: 'Region', custom: true, readOnly: false },
        { ...field, apiName: 'Created_Time', label: 'Created Time', custom: false, readOnly: true },
      ],
      current: ['Gone_Field'],
    });
    expect(options).toEqual([
      { value: 'Account_Name', label: { text: 'Account Name (Account_Name)' }, custom: false },
      { value: 'Region__c', label: { text: 'Region (Region__c)' }, custom: true },
      { value: 'Gone_Field', label: { text: 'Gone_Field' }, custom: false },
    ]);
  });
});
