import type { ContactMapping, CrmSyncSettings, FieldMapping } from './settings';

/**
 * What a newly connected organization starts with ("defaults pre-filled").
 * Frozen: a caller that wants to edit takes a copy (`structuredClone`).
 */

const address = (crmPrefix: string, postalCode: string, kanjo: string): FieldMapping[] => [
  { kanjo: `${kanjo}.street`, crm: `${crmPrefix}_Street` },
  { kanjo: `${kanjo}.city`, crm: `${crmPrefix}_City` },
  { kanjo: `${kanjo}.state`, crm: `${crmPrefix}_State` },
  { kanjo: `${kanjo}.postalCode`, crm: `${crmPrefix}_${postalCode}` },
  { kanjo: `${kanjo}.country`, crm: `${crmPrefix}_Country` },
];

/**
 * Account ↔ business customer. Account_Name goes to displayName only: a CRM
 * field may be mapped once, and displayName is what duplicate detection matches on.
 */
export const DEFAULT_ACCOUNT_MAPPING: readonly FieldMapping[] = deepFreeze([
  { kanjo: 'displayName', crm: 'Account_Name' },
  ...address('Billing', 'Code', 'billingAddress'),
  ...address('Shipping', 'Code', 'shippingAddress'),
  { kanjo: 'phone', crm: 'Phone' },
  { kanjo: 'fax', crm: 'Fax' },
  { kanjo: 'website', crm: 'Website' },
  { kanjo: 'notes', crm: 'Description' },
]);

/** Contact linked to an Account ↔ a contact person of that customer. */
export const DEFAULT_LINKED_CONTACT_MAPPING: readonly ContactMapping[] = deepFreeze([
  { kanjo: 'contact.firstName', crm: 'First_Name' },
  { kanjo: 'contact.lastName', crm: 'Last_Name' },
  { kanjo: 'contact.email', crm: 'Email' },
  { kanjo: 'contact.phone', crm: 'Phone' },
  { kanjo: 'contact.mobile', crm: 'Mobile' },
]);

/**
 * Contact without an Account ↔ individual customer. displayName is absent on
 * purpose: the mapper composes it from First_Name and Last_Name by a fixed
 * rule (see `names.ts`), so those three fields are not in any editable list.
 */
export const DEFAULT_UNLINKED_CONTACT_MAPPING: readonly FieldMapping[] = deepFreeze([
  { kanjo: 'email', crm: 'Email' },
  { kanjo: 'phone', crm: 'Phone' },
  { kanjo: 'mobile', crm: 'Mobile' },
  { kanjo: 'fax', crm: 'Fax' },
  ...address('Mailing', 'Zip', 'billingAddress'),
  { kanjo: 'notes', crm: 'Description' },
]);

export const DEFAULT_CRM_SYNC_SETTINGS: CrmSyncSettings = deepFreeze({
  customers: {
    module: 'accounts',
    includeUnlinkedContacts: false,
    importOnDemand: true,
    extent: 'both',
    duplicates: 'overwrite',
    views: { accounts: null, contacts: null },
    mapping: {
      accounts: [...DEFAULT_ACCOUNT_MAPPING],
      linkedContacts: [...DEFAULT_LINKED_CONTACT_MAPPING],
      unlinkedContacts: [...DEFAULT_UNLINKED_CONTACT_MAPPING],
    },
  },
  items: { mode: 'off', duplicates: 'overwrite', view: null },
  conflictRule: 'crmWins',
  automatic: { enabled: true, intervalMinutes: 15 },
});

/** Kanjo's side of the item ↔ Product mapping (fixed, not editable). */
export const ITEM_FIELD_PATHS = ['name', 'sku', 'rate', 'description', 'unit', 'active'] as const;
export type ItemFieldPath = (typeof ITEM_FIELD_PATHS)[number];

export interface ItemMappingEntry {
  kanjo: ItemFieldPath;
  crm: string;
  /** How the value crosses: `money` = integer minor units ↔ decimal Unit_Price. */
  kind: 'text' | 'money' | 'boolean';
}

/**
 * The item ↔ Product mapping, as data so the settings page can show it before
 * the first sync. Zoho's Usage_Unit is a picklist: a Kanjo unit outside
 * it is refused by the CRM on that record.
 */
export const ITEM_MAPPING: readonly ItemMappingEntry[] = deepFreeze([
  { kanjo: 'name', crm: 'Product_Name', kind: 'text' },
  { kanjo: 'sku', crm: 'Product_Code', kind: 'text' },
  { kanjo: 'rate', crm: 'Unit_Price', kind: 'money' },
  { kanjo: 'description', crm: 'Description', kind: 'text' },
  { kanjo: 'unit', crm: 'Usage_Unit', kind: 'text' },
  { kanjo: 'active', crm: 'Product_Active', kind: 'boolean' },
]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
