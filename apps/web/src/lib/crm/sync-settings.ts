import {
  CONTACT_PERSON_FIELD_PATHS,
  crmSyncSettingsSchema,
  type ConflictRule,
  type CrmSyncSettings,
  type CustomerModule,
  type DuplicateRule,
  type ItemMode,
  type SyncExtent,
} from '@kanjo/core';
import * as v from 'valibot';

/**
 * The sync-rules form's pure logic: stored settings → what the
 * form edits (`SyncDraft`) → the `PUT` body, mapping rows, and which parts of
 * the form apply to the chosen module. Checks and messages live in
 * `sync-settings-issues.ts`.
 */

export type MappingList = 'accounts' | 'linkedContacts' | 'unlinkedContacts';
export const MAPPING_LISTS: readonly MappingList[] = [
  'accounts',
  'linkedContacts',
  'unlinkedContacts',
];

/** A CRM module as the server's lookup endpoints name it. */
export type CrmModule = 'Accounts' | 'Contacts' | 'Products';
/** A Kanjo record kind, as `GET /api/crm/kanjo-fields` names it. */
export type KanjoEntity = 'customer' | 'contactPerson' | 'item';
export type ViewModule = 'accounts' | 'contacts';

/** One row of a mapping table. `key` only tells rows apart while editing; it is never sent. */
export interface MappingRow {
  key: number;
  kanjo: string;
  crm: string;
}

export interface SyncDraft {
  module: CustomerModule;
  includeUnlinkedContacts: boolean;
  extent: SyncExtent;
  duplicates: DuplicateRule;
  /** '' = the module's "All records" view. */
  views: Record<ViewModule, string>;
  /** Records outside the views may be imported one by one from "Search in CRM". */
  importOnDemand: boolean;
  mapping: Record<MappingList, MappingRow[]>;
  items: { mode: ItemMode; duplicates: DuplicateRule; view: string };
  conflictRule: ConflictRule;
  /** As typed, so a half-typed number is not lost; checked before saving. */
  automatic: { enabled: boolean; intervalMinutes: string };
  /** The key the next new row gets. */
  nextKey: number;
}

export const CRM_MODULE_OF: Record<MappingList, CrmModule> = {
  accounts: 'Accounts',
  linkedContacts: 'Contacts',
  unlinkedContacts: 'Contacts',
};

export const KANJO_ENTITY_OF: Record<MappingList, KanjoEntity> = {
  accounts: 'customer',
  linkedContacts: 'contactPerson',
  unlinkedContacts: 'customer',
};

function rowsOf(
  mappings: readonly { kanjo: string; crm: string }[],
  firstKey: number,
): MappingRow[] {
  return mappings.map((m, index) => ({ key: firstKey + index, kanjo: m.kanjo, crm: m.crm }));
}

/** @example const draft = draftFromSettings(answer.settings); */
export function draftFromSettings(settings: CrmSyncSettings): SyncDraft {
  const { customers, items } = settings;
  const accounts = rowsOf(customers.mapping.accounts, 1);
  const linked = rowsOf(customers.mapping.linkedContacts, accounts.length + 1);
  const unlinked = rowsOf(customers.mapping.unlinkedContacts, accounts.length + linked.length + 1);
  return {
    module: customers.module,
    includeUnlinkedContacts: customers.includeUnlinkedContacts,
    extent: customers.extent,
    duplicates: customers.duplicates,
    views: { accounts: customers.views.accounts ?? '', contacts: customers.views.contacts ?? '' },
    importOnDemand: customers.importOnDemand,
    mapping: { accounts, linkedContacts: linked, unlinkedContacts: unlinked },
    items: { mode: items.mode, duplicates: items.duplicates, view: items.view ?? '' },
    conflictRule: settings.conflictRule,
    automatic: {
      enabled: settings.automatic.enabled,
      intervalMinutes: String(settings.automatic.intervalMinutes),
    },
    nextKey: accounts.length + linked.length + unlinked.length + 1,
  };
}

export type SettingsResult =
  | {
      ok: true;
      settings: CrmSyncSettings;
      /** Per list, the row key at each sent index: the server names rows by index. */
      sentKeys: Record<MappingList, number[]>;
    }
  | { ok: false; paths: string[] };

/**
 * The `PUT` body's settings. Blank rows (and half-filled rows of lists the chosen
 * module hides) are left out; everything else goes as typed, for the schema to judge.
 */
export function settingsFromDraft(draft: SyncDraft): SettingsResult {
  const visible = new Set(visibleLists(draft));
  const sentKeys: Record<MappingList, number[]> = {
    accounts: [],
    linkedContacts: [],
    unlinkedContacts: [],
  };
  const mapping: Record<MappingList, { kanjo: string; crm: string }[]> = {
    accounts: [],
    linkedContacts: [],
    unlinkedContacts: [],
  };
  for (const list of MAPPING_LISTS) {
    for (const row of draft.mapping[list]) {
      const kanjo = row.kanjo.trim();
      const crm = row.crm.trim();
      const complete = kanjo !== '' && crm !== '';
      if (!complete && (!visible.has(list) || (kanjo === '' && crm === ''))) continue;
      mapping[list].push({ kanjo, crm });
      sentKeys[list].push(row.key);
    }
  }
  const candidate = {
    customers: {
      module: draft.module,
      includeUnlinkedContacts:
        draft.module === 'accountsAndContacts' && draft.includeUnlinkedContacts,
      extent: draft.extent,
      duplicates: draft.duplicates,
      views: { accounts: draft.views.accounts || null, contacts: draft.views.contacts || null },
      importOnDemand: draft.importOnDemand,
      mapping,
    },
    items: {
      mode: draft.items.mode,
      duplicates: draft.items.duplicates,
      view: draft.items.view || null,
    },
    conflictRule: draft.conflictRule,
    automatic: {
      enabled: draft.automatic.enabled,
      intervalMinutes: Number(draft.automatic.intervalMinutes.trim()),
    },
  };
  const parsed = v.safeParse(crmSyncSettingsSchema, candidate);
  if (!parsed.success) {
    return { ok: false, paths: parsed.issues.map((issue) => v.getDotPath(issue) ?? '') };
  }
  return { ok: true, settings: parsed.output, sentKeys };
}

/** The mapping tables that apply to the chosen module, in the order they are shown. */
export function visibleLists(
  draft: Pick<SyncDraft, 'module' | 'includeUnlinkedContacts'>,
): MappingList[] {
  switch (draft.module) {
    case 'accounts':
      return ['accounts'];
    case 'contacts':
      return ['unlinkedContacts'];
    case 'accountsAndContacts':
      return draft.includeUnlinkedContacts
        ? ['accounts', 'linkedContacts', 'unlinkedContacts']
        : ['accounts', 'linkedContacts'];
  }
}

/** The CRM modules a view is chosen for: one each with Accounts and their Contacts. */
export function viewModules(module: CustomerModule): ViewModule[] {
  if (module === 'accounts') return ['accounts'];
  if (module === 'contacts') return ['contacts'];
  return ['accounts', 'contacts'];
}

/** The CRM modules whose fields and views the form needs now. */
export function neededCrmModules(draft: SyncDraft): CrmModule[] {
  const modules = new Set<CrmModule>(visibleLists(draft).map((list) => CRM_MODULE_OF[list]));
  if (draft.items.mode !== 'off') modules.add('Products');
  return [...modules];
}

export function addRow({ draft, list }: { draft: SyncDraft; list: MappingList }): SyncDraft {
  const row = { key: draft.nextKey, kanjo: '', crm: '' };
  return {
    ...draft,
    mapping: { ...draft.mapping, [list]: [...draft.mapping[list], row] },
    nextKey: draft.nextKey + 1,
  };
}

export function removeRow({
  draft,
  list,
  key,
}: {
  draft: SyncDraft;
  list: MappingList;
  key: number;
}): SyncDraft {
  const rows = draft.mapping[list].filter((row) => row.key !== key);
  return { ...draft, mapping: { ...draft.mapping, [list]: rows } };
}

/** Replaces one table's rows with the default mapping, leaving the other tables alone. */
export function resetRows({
  draft,
  list,
  defaults,
}: {
  draft: SyncDraft;
  list: MappingList;
  defaults: CrmSyncSettings;
}): SyncDraft {
  const rows = rowsOf(defaults.customers.mapping[list], draft.nextKey);
  return {
    ...draft,
    mapping: { ...draft.mapping, [list]: rows },
    nextKey: draft.nextKey + rows.length,
  };
}

/** Whether two drafts would save the same settings (row keys and blank rows do not count). */
export function sameSettings(a: SyncDraft, b: SyncDraft): boolean {
  return signature(a) === signature(b);
}

function signature(draft: SyncDraft): string {
  const { nextKey: _nextKey, mapping, ...rest } = draft;
  const rows = (list: MappingList) =>
    mapping[list]
      .map((row) => [row.kanjo.trim(), row.crm.trim()])
      .filter(([kanjo, crm]) => kanjo !== '' || crm !== '');
  return JSON.stringify({
    ...rest,
    includeUnlinkedContacts:
      draft.module === 'accountsAndContacts' && draft.includeUnlinkedContacts,
    automatic: { ...rest.automatic, intervalMinutes: rest.automatic.intervalMinutes.trim() },
    mapping: MAPPING_LISTS.map(rows),
  });
}

export function isContactPersonPath(path: string): boolean {
  return (CONTACT_PERSON_FIELD_PATHS as readonly string[]).includes(path);
}
