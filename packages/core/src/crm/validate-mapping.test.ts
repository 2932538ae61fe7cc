import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_SYNC_SETTINGS } from './defaults';
import type { CrmField } from './fields';
import { kanjoCustomerFields } from './fields';
import type { CrmSyncSettings } from './settings';
import { crmSyncSettingsSchema } from './settings';
import { validateMapping } from './validate-mapping';

const text = (...names: string[]): CrmField[] =>
  names.map((apiName) => ({ apiName, dataType: 'text', length: 255 }));
const address = (prefix: string, code: string) =>
  text(
    `${prefix}_Street`,
    `${prefix}_City`,
    `${prefix}_State`,
    `${prefix}_${code}`,
    `${prefix}_Country`,
  );

/** The standard fields as the CRM emulator describes them. */
const crmFields: { Accounts: CrmField[]; Contacts: CrmField[] } = {
  Accounts: [
    ...text('Account_Name'),
    { apiName: 'Phone', dataType: 'phone', length: 30 },
    { apiName: 'Fax', dataType: 'phone', length: 30 },
    { apiName: 'Website', dataType: 'website', length: 255 },
    ...address('Billing', 'Code'),
    ...address('Shipping', 'Code'),
    { apiName: 'Description', dataType: 'textarea', length: 32000 },
    { apiName: 'Owner', dataType: 'ownerlookup' },
    { apiName: 'Created_Time', dataType: 'datetime', readOnly: true },
    { apiName: 'Employees', dataType: 'integer' },
  ],
  Contacts: [
    ...text('First_Name', 'Last_Name'),
    { apiName: 'Full_Name', dataType: 'text', readOnly: true },
    { apiName: 'Email', dataType: 'email', length: 100 },
    { apiName: 'Phone', dataType: 'phone', length: 30 },
    { apiName: 'Mobile', dataType: 'phone', length: 30 },
    { apiName: 'Fax', dataType: 'phone', length: 30 },
    { apiName: 'Account_Name', dataType: 'lookup' },
    ...address('Mailing', 'Zip'),
    { apiName: 'Description', dataType: 'textarea', length: 32000 },
  ],
};
const kanjoFields = kanjoCustomerFields([{ key: 'region', label: 'Region', type: 'text' }]);

function settingsWith(customers: Partial<CrmSyncSettings['customers']>): CrmSyncSettings {
  const copy = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  return { ...copy, customers: { ...copy.customers, ...customers } };
}

function mapping(overrides: Partial<CrmSyncSettings['customers']['mapping']>) {
  return { ...structuredClone(DEFAULT_CRM_SYNC_SETTINGS.customers.mapping), ...overrides };
}

describe('validateMapping', () => {
  it.each(['accounts', 'contacts', 'accountsAndContacts'] as const)(
    'finds no problem in the default mappings (module %s, unlinked contacts included)',
    (module) => {
      const settings = settingsWith({ module, includeUnlinkedContacts: true });
      expect(v.is(crmSyncSettingsSchema, settings)).toBe(true);
      expect(validateMapping(settings, { crmFields, kanjoFields })).toEqual([]);
    },
  );

  it('reports each bad pair with its list, index, sides, code and reason', () => {
    const accounts = [
      { kanjo: 'displayName', crm: 'Account_Name' },
      { kanjo: 'companyName', crm: 'Acount_Nmae' },
      { kanjo: 'phone', crm: 'Owner' },
      { kanjo: 'notes', crm: 'Created_Time' },
      { kanjo: 'customFields.gone', crm: 'Description' },
      { kanjo: 'customFields.region', crm: 'Employees' },
    ];
    const problems = validateMapping(settingsWith({ mapping: mapping({ accounts }) }), {
      crmFields,
      kanjoFields,
    });
    expect(
      problems.map(({ list, index, kanjo, crm, code }) => [list, index, kanjo, crm, code]),
    ).toEqual([
      ['accounts', 1, 'companyName', 'Acount_Nmae', 'UNKNOWN_CRM_FIELD'],
      ['accounts', 2, 'phone', 'Owner', 'LOOKUP'],
      ['accounts', 3, 'notes', 'Created_Time', 'READ_ONLY'],
      ['accounts', 4, 'customFields.gone', 'Description', 'UNKNOWN_KANJO_FIELD'],
      ['accounts', 5, 'customFields.region', 'Employees', 'TYPE_MISMATCH'],
    ]);
    expect(problems[0]?.reason).toBe('The CRM has no field Acount_Nmae');
  });

  it('allows a read-only CRM field when only fetching', () => {
    const accounts = [{ kanjo: 'notes', crm: 'Created_Time' }];
    const settings = settingsWith({ extent: 'fetch', mapping: mapping({ accounts }) });
    expect(validateMapping(settings, { crmFields, kanjoFields }).map((p) => p.code)).toEqual([
      'TYPE_MISMATCH',
    ]);
  });

  it('keeps the individual-name fields to the fixed rule', () => {
    const unlinkedContacts = [
      { kanjo: 'displayName', crm: 'Description' },
      { kanjo: 'companyName', crm: 'Last_Name' },
      { kanjo: 'email', crm: 'Email' },
    ];
    const settings = settingsWith({ module: 'contacts', mapping: mapping({ unlinkedContacts }) });
    expect(
      validateMapping(settings, { crmFields, kanjoFields }).map((p) => [p.index, p.code]),
    ).toEqual([
      [0, 'RESERVED'],
      [1, 'RESERVED'],
    ]);
  });

  it('checks linked contacts against the contact-person fields', () => {
    const linkedContacts = [
      { kanjo: 'contact.email' as const, crm: 'Email' },
      { kanjo: 'contact.lastName' as const, crm: 'Account_Name' },
    ];
    const settings = settingsWith({
      module: 'accountsAndContacts',
      mapping: mapping({ linkedContacts }),
    });
    expect(validateMapping(settings, { crmFields, kanjoFields })).toEqual([
      expect.objectContaining({ list: 'linkedContacts', index: 1, code: 'LOOKUP' }),
    ]);
  });

  it('checks only the lists the chosen module uses', () => {
    const unlinkedContacts = [{ kanjo: 'email', crm: 'Nope' }];
    const settings = settingsWith({ module: 'accounts', mapping: mapping({ unlinkedContacts }) });
    expect(validateMapping(settings, { crmFields, kanjoFields })).toEqual([]);
  });
});
