import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_SYNC_SETTINGS, ITEM_FIELD_PATHS, ITEM_MAPPING } from './defaults';
import { crmSyncSettingsSchema } from './settings';

describe('DEFAULT_CRM_SYNC_SETTINGS', () => {
  it('is valid settings', () => {
    expect(v.parse(crmSyncSettingsSchema, DEFAULT_CRM_SYNC_SETTINGS)).toEqual(
      DEFAULT_CRM_SYNC_SETTINGS,
    );
  });

  it('starts with Accounts, both ways, overwrite, CRM wins, every 15 minutes, items off', () => {
    const { customers, items, conflictRule, automatic } = DEFAULT_CRM_SYNC_SETTINGS;
    expect([customers.module, customers.extent, customers.duplicates]).toEqual([
      'accounts',
      'both',
      'overwrite',
    ]);
    expect([conflictRule, automatic, items.mode]).toEqual([
      'crmWins',
      { enabled: true, intervalMinutes: 15 },
      'off',
    ]);
    expect(customers.mapping.accounts).toContainEqual({ kanjo: 'fax', crm: 'Fax' });
    expect(customers.mapping.unlinkedContacts).toContainEqual({
      kanjo: 'billingAddress.postalCode',
      crm: 'Mailing_Zip',
    });
  });

  it('is frozen, so no caller can change the defaults of another', () => {
    expect(() => {
      DEFAULT_CRM_SYNC_SETTINGS.customers.mapping.accounts.push({ kanjo: 'email', crm: 'Email' });
    }).toThrow(TypeError);
    expect(structuredClone(DEFAULT_CRM_SYNC_SETTINGS).customers.mapping.accounts).toHaveLength(15);
  });
});

describe('ITEM_MAPPING', () => {
  it('maps every item path once, to the standard Products fields', () => {
    expect(ITEM_MAPPING.map((entry) => entry.kanjo)).toEqual([...ITEM_FIELD_PATHS]);
    expect(ITEM_MAPPING.map((entry) => entry.crm)).toEqual([
      'Product_Name',
      'Product_Code',
      'Unit_Price',
      'Description',
      'Usage_Unit',
      'Product_Active',
    ]);
  });
});
