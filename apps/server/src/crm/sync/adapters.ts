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
import type { CrmSyncEntity } from '../../db/schema';

/**
 * One Kanjo entity ↔ one CRM module, as the engine sees it: flat mapped values
 * on both sides (Kanjo paths), the write bodies, and the matching keys. The
 * engine is written once against this; customers ↔ Accounts and items ↔
 * Products are two values of it.
 */
export interface SyncAdapter {
  entity: CrmSyncEntity;
  module: 'Accounts' | 'Products';
  /** Zoho's system duplicate-check field: upserts match on it (R7). */
  duplicateField: 'Account_Name' | 'Product_Name';
  extent: SyncExtent;
  /** The CRM fields a list asks for. */
  listFields: string[];
  /** cvid of the chosen view (F6), or undefined for "All". */
  view: string | undefined;
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

export function customerAdapter(settings: CrmSyncSettings): SyncAdapter {
  const mappings = settings.customers.mapping.accounts;
  const asCustomer = (row: LocalRow) => row as EntityRowMap['customer'];
  return {
    entity: 'customer',
    module: 'Accounts',
    duplicateField: 'Account_Name',
    extent: settings.customers.extent,
    listFields: [...new Set([...mappings.map((m) => m.crm), 'Modified_Time'])],
    view: settings.customers.views.accounts ?? undefined,
    local: (row) => customerFields(asCustomer(row), mappings),
    remote: (record) => ({ fields: crmToCustomerPatch(record, mappings), notes: [] }),
    toCrm: (flat) => kanjoFieldsToCrm(flat, mappings),
    patch: (row, flat) => ({
      name: 'customer.patch',
      args: applyCustomerFields(asCustomer(row), flat),
    }),
    create: (flat) =>
      text(flat.displayName) === null
        ? undefined
        : {
            name: 'customer.create',
            args: { kind: 'business', ...withoutNulls(applyCustomerFields(undefined, flat)) },
          },
    localKeys: (row) => ({ id: row.id, name: asCustomer(row).displayName }),
    // F5: Accounts match by name only.
    remoteKeys: (remote) => ({ name: text(remote.displayName) }),
    label: (flat) => text(flat.displayName) ?? '(no name)',
  };
}

export function itemAdapter(settings: CrmSyncSettings, currency: string): SyncAdapter {
  const asItem = (row: LocalRow) => row as EntityRowMap['item'];
  return {
    entity: 'item',
    module: 'Products',
    duplicateField: 'Product_Name',
    extent: settings.items.mode === 'both' ? 'both' : 'fetch',
    listFields: [...ITEM_MAPPING.map((m) => m.crm), 'Modified_Time'],
    view: settings.items.view ?? undefined,
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
