import {
  ITEM_MAPPING,
  applyCustomerFields,
  applyItemFields,
  crmToCustomerPatch,
  crmToItem,
  customerFields,
  itemFields,
  itemFieldsToCrm,
  kanjoFieldsToCrm,
  type CrmRecord,
  type CrmSyncSettings,
  type EntityRowMap,
  type FieldValue,
  type FlatFields,
  type MatchEntry,
  type MatchKeys,
  type MutationName,
  type SyncExtent,
} from '@kanjo/core';
import { matchKey } from './match-key';

/**
 * One Kanjo entity ↔ one CRM module, as the engine sees it: flat mapped values
 * on both sides (Kanjo paths), the write bodies, and the matching keys. The
 * engine is written once against this; customers ↔ Accounts and items ↔
 * Products are two values of it.
 */
export interface SyncAdapter {
  entity: 'customer' | 'item';
  module: 'Accounts' | 'Contacts' | 'Products';
  /** Zoho's system duplicate-check field: upserts match on it. */
  duplicateField: 'Account_Name' | 'Email' | 'Product_Name';
  /** What `duplicateField` is to a person, in run reasons. */
  duplicateLabel: 'name' | 'email';
  extent: SyncExtent;
  /** The CRM fields a list asks for. */
  listFields: string[];
  /** cvid of the chosen view, or undefined for "All". */
  view: string | undefined;
  /** Whether this module syncs the row (Accounts take business customers, Contacts individuals). */
  owns(row: LocalRow): boolean;
  /**
   * The normalised value of `duplicateField` in mapped values, or null when
   * absent: a new record without one is inserted, not upserted.
   */
  duplicateKey(flat: FlatFields): string | null;
  local(row: LocalRow): FlatFields;
  /** The CRM's side, and notes on values that did not cross exactly (a rounded price). */
  remote(record: CrmRecord): { fields: FlatFields; notes: string[] };
  toCrm(flat: FlatFields): Record<string, FieldValue>;
  patch(row: LocalRow, flat: FlatFields): { name: MutationName; args: unknown };
  create(flat: FlatFields): { name: MutationName; args: unknown } | undefined;
  localKeys(row: LocalRow): MatchEntry;
  remoteKeys(remote: FlatFields): MatchKeys;
  /** How a record is named in run reasons. */
  label(flat: FlatFields): string;
}

export type LocalRow = EntityRowMap['customer'] | EntityRowMap['item'];

/** Top-level nulls dropped: a create takes absent, not null, for "nothing". */
function withoutNulls(patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
}

const text = (value: FieldValue | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

const asCustomer = (row: LocalRow) => row as EntityRowMap['customer'];

/** Names and emails as Zoho's duplicate check compares them: width-folded, trimmed, any case. */
const keyOf = matchKey;

/** How a customer of this kind is patched and created from mapped values (one without a name is not). */
function customerWrites(kind: 'business' | 'individual'): Pick<SyncAdapter, 'patch' | 'create'> {
  return {
    patch: (row, flat) => ({
      name: 'customer.patch',
      args: applyCustomerFields(asCustomer(row), flat),
    }),
    create: (flat) =>
      text(flat.displayName) === null
        ? undefined
        : {
            name: 'customer.create',
            args: { kind, ...withoutNulls(applyCustomerFields(undefined, flat)) },
          },
  };
}

export function customerAdapter(settings: CrmSyncSettings): SyncAdapter {
  const mappings = settings.customers.mapping.accounts;
  // With Accounts and their Contacts, individual customers belong to Contacts.
  const all = settings.customers.module === 'accounts';
  return {
    entity: 'customer',
    module: 'Accounts',
    duplicateField: 'Account_Name',
    duplicateLabel: 'name',
    extent: settings.customers.extent,
    listFields: [...new Set([...mappings.map((m) => m.crm), 'Modified_Time'])],
    view: settings.customers.views.accounts ?? undefined,
    owns: (row) => all || asCustomer(row).kind === 'business',
    duplicateKey: (flat) => keyOf(flat.displayName),
    local: (row) => customerFields(asCustomer(row), mappings),
    remote: (record) => ({ fields: crmToCustomerPatch(record, mappings), notes: [] }),
    toCrm: (flat) => kanjoFieldsToCrm(flat, mappings),
    ...customerWrites('business'),
    localKeys: (row) => ({ id: row.id, name: asCustomer(row).displayName }),
    // Duplicate detection: Accounts match by name only.
    remoteKeys: (remote) => ({ name: text(remote.displayName) }),
    label: (flat) => text(flat.displayName) ?? '(no name)',
  };
}

/**
 * Contacts ↔ individual customers (module `contacts`, or the Contacts without
 * an Account of `accountsAndContacts`): displayName ↔ First_Name + Last_Name
 * by core's name rule; duplicates by email, then name. A new record goes by
 * upsert on Email when it has one and by plain insert otherwise (Zoho needs
 * only Last_Name).
 */
export function individualAdapter(settings: CrmSyncSettings): SyncAdapter {
  const mappings = settings.customers.mapping.unlinkedContacts;
  const individual = { individual: true };
  const listed = [...mappings.map((m) => m.crm), 'First_Name', 'Last_Name', 'Account_Name'];
  return {
    entity: 'customer',
    module: 'Contacts',
    duplicateField: 'Email',
    duplicateLabel: 'email',
    extent: settings.customers.extent,
    listFields: [...new Set([...listed, 'Modified_Time'])],
    view: settings.customers.views.contacts ?? undefined,
    owns: (row) => asCustomer(row).kind === 'individual',
    duplicateKey: (flat) => keyOf(flat.email),
    local: (row) => customerFields(asCustomer(row), mappings, individual),
    remote: (record) => ({ fields: crmToCustomerPatch(record, mappings, individual), notes: [] }),
    toCrm: (flat) => kanjoFieldsToCrm(flat, mappings, individual),
    ...customerWrites('individual'),
    localKeys: (row) => ({
      id: row.id,
      name: asCustomer(row).displayName,
      email: asCustomer(row).email ?? null,
      phone: asCustomer(row).phone ?? null,
    }),
    remoteKeys: (remote) => ({
      name: text(remote.displayName),
      email: text(remote.email),
      phone: text(remote.phone),
    }),
    label: (flat) => text(flat.displayName) ?? '(no name)',
  };
}

/**
 * The customer modules of the chosen customer-module option, Accounts before Contacts so
 * that a Contact's Account lookup resolves. With Accounts and their Contacts,
 * the Contacts adapter reads every Contact (contact persons go elsewhere) but
 * sends Kanjo's individuals only when unlinked contacts are included.
 */
export function customerAdapters(settings: CrmSyncSettings): SyncAdapter[] {
  const { module, includeUnlinkedContacts } = settings.customers;
  if (module === 'accounts') return [customerAdapter(settings)];
  if (module === 'contacts') return [individualAdapter(settings)];
  const individuals = individualAdapter(settings);
  return [
    customerAdapter(settings),
    includeUnlinkedContacts ? individuals : { ...individuals, extent: 'fetch' },
  ];
}

export function itemAdapter(settings: CrmSyncSettings, currency: string): SyncAdapter {
  const asItem = (row: LocalRow) => row as EntityRowMap['item'];
  return {
    entity: 'item',
    module: 'Products',
    duplicateField: 'Product_Name',
    duplicateLabel: 'name',
    extent: settings.items.mode === 'both' ? 'both' : 'fetch',
    listFields: [...ITEM_MAPPING.map((m) => m.crm), 'Modified_Time'],
    view: settings.items.view ?? undefined,
    owns: () => true,
    duplicateKey: (flat) => keyOf(flat.name),
    local: (row) => itemFields(asItem(row)),
    remote: (record) => {
      const { fields, notes } = crmToItem(record, currency);
      return { fields, notes: notes.map((note) => `${note.code}: ${note.message}`) };
    },
    toCrm: (flat) => itemFieldsToCrm(flat, currency),
    patch: (_row, flat) => ({ name: 'item.patch', args: applyItemFields(flat) }),
    create: (flat) => {
      const args = withoutNulls(applyItemFields(flat));
      if (typeof args.name !== 'string') return undefined;
      return { name: 'item.create', args: { rate: 0, ...args } };
    },
    localKeys: (row) => ({ id: row.id, name: asItem(row).name, sku: asItem(row).sku ?? null }),
    remoteKeys: (remote) => ({ name: text(remote.name), sku: text(remote.sku) }),
    label: (flat) => text(flat.name) ?? '(no name)',
  };
}
