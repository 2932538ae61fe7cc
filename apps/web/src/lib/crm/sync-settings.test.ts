import { DEFAULT_CRM_SYNC_SETTINGS, type CrmSyncSettings } from '@kanjo/core';
import { describe, expect, test } from 'vitest';
import {
  addRow,
  draftFromSettings,
  neededCrmModules,
  removeRow,
  resetRows,
  sameSettings,
  settingsFromDraft,
  viewModules,
  visibleLists,
  type SyncDraft,
} from './sync-settings';

function makeSettings(overrides: Partial<CrmSyncSettings['customers']> = {}): CrmSyncSettings {
  const settings = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  return { ...settings, customers: { ...settings.customers, ...overrides } };
}

function saved(draft: SyncDraft): CrmSyncSettings {
  const result = settingsFromDraft(draft);
  if (!result.ok) throw new Error(`not valid: ${result.paths.join(', ')}`);
  return result.settings;
}

describe('draft ↔ settings', () => {
  test('the defaults survive a round trip unchanged', () => {
    expect(saved(draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS))).toEqual(DEFAULT_CRM_SYNC_SETTINGS);
  });

  test('views: null is "All records" (empty) in the draft and back', () => {
    const draft = draftFromSettings(
      makeSettings({ views: { accounts: '4000001', contacts: null } }),
    );
    expect(draft.views).toEqual({ accounts: '4000001', contacts: '' });
    expect(saved(draft).customers.views).toEqual({ accounts: '4000001', contacts: null });
  });

  test('import on demand is on by default and round-trips when turned off', () => {
    const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    expect(draft.importOnDemand).toBe(true);
    draft.importOnDemand = false;
    expect(saved(draft).customers.importOnDemand).toBe(false);
    expect(sameSettings(draft, draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS))).toBe(false);
  });

  test('the interval is edited as text and saved as a number', () => {
    const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    expect(draft.automatic.intervalMinutes).toBe('15');
    draft.automatic.intervalMinutes = ' 60 ';
    expect(saved(draft).automatic.intervalMinutes).toBe(60);
  });

  test('row keys are unique across all tables', () => {
    const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    const keys = Object.values(draft.mapping).flatMap((rows) => rows.map((row) => row.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(draft.nextKey).toBe(Math.max(...keys) + 1);
  });

  test('blank rows are left out, and sent indexes point back at row keys', () => {
    let draft = draftFromSettings(
      makeSettings({
        mapping: {
          ...DEFAULT_CRM_SYNC_SETTINGS.customers.mapping,
          accounts: [{ kanjo: 'displayName', crm: 'Account_Name' }],
        },
      }),
    );
    draft = addRow({ draft, list: 'accounts' });
    draft = addRow({ draft, list: 'accounts' });
    const [first, blank, last] = draft.mapping.accounts;
    if (!first || !blank || !last) throw new Error('three rows expected');
    last.kanjo = 'phone';
    last.crm = 'Phone';
    const result = settingsFromDraft(draft);
    if (!result.ok) throw new Error('valid expected');
    expect(result.settings.customers.mapping.accounts).toEqual([
      { kanjo: 'displayName', crm: 'Account_Name' },
      { kanjo: 'phone', crm: 'Phone' },
    ]);
    expect(result.sentKeys.accounts).toEqual([first.key, last.key]);
  });

  test('a half-filled row of a hidden table is dropped; of a shown one it is sent', () => {
    let draft = draftFromSettings(makeSettings({ module: 'accounts' }));
    draft = addRow({ draft, list: 'linkedContacts' });
    draft = addRow({ draft, list: 'accounts' });
    const hidden = draft.mapping.linkedContacts.at(-1);
    const shown = draft.mapping.accounts.at(-1);
    if (!hidden || !shown) throw new Error('rows expected');
    hidden.crm = 'Email';
    shown.crm = 'Rating';
    const result = settingsFromDraft(draft);
    expect(result.ok).toBe(false);
    draft = removeRow({ draft, list: 'accounts', key: shown.key });
    expect(saved(draft).customers.mapping.linkedContacts).toEqual(
      DEFAULT_CRM_SYNC_SETTINGS.customers.mapping.linkedContacts,
    );
  });

  test('"also unlinked Contacts" is only kept with Accounts and their Contacts', () => {
    const draft = draftFromSettings(makeSettings({ module: 'accounts' }));
    draft.includeUnlinkedContacts = true;
    expect(saved(draft).customers.includeUnlinkedContacts).toBe(false);
    draft.module = 'accountsAndContacts';
    expect(saved(draft).customers.includeUnlinkedContacts).toBe(true);
  });

  test('an invalid draft names the paths the schema refused', () => {
    const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    draft.automatic.intervalMinutes = '3';
    expect(settingsFromDraft(draft)).toEqual({ ok: false, paths: ['automatic.intervalMinutes'] });
  });
});

describe('which parts of the form apply', () => {
  test.each([
    { module: 'accounts', unlinked: false, lists: ['accounts'], views: ['accounts'] },
    { module: 'contacts', unlinked: false, lists: ['unlinkedContacts'], views: ['contacts'] },
    {
      module: 'accountsAndContacts',
      unlinked: false,
      lists: ['accounts', 'linkedContacts'],
      views: ['accounts', 'contacts'],
    },
    {
      module: 'accountsAndContacts',
      unlinked: true,
      lists: ['accounts', 'linkedContacts', 'unlinkedContacts'],
      views: ['accounts', 'contacts'],
    },
  ] as const)('$module (unlinked: $unlinked)', ({ module, unlinked, lists, views }) => {
    expect(visibleLists({ module, includeUnlinkedContacts: unlinked })).toEqual(lists);
    expect(viewModules(module)).toEqual(views);
  });

  test('CRM lookups follow the tables shown, plus Products when items sync', () => {
    const draft = draftFromSettings(makeSettings({ module: 'accounts' }));
    expect(neededCrmModules(draft)).toEqual(['Accounts']);
    draft.module = 'accountsAndContacts';
    draft.items.mode = 'fetch';
    expect(neededCrmModules(draft)).toEqual(['Accounts', 'Contacts', 'Products']);
  });
});

describe('rows', () => {
  test('add gives a blank row with a fresh key; remove takes only that row', () => {
    const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    const added = addRow({ draft, list: 'linkedContacts' });
    expect(added.mapping.linkedContacts.at(-1)).toEqual({ key: draft.nextKey, kanjo: '', crm: '' });
    expect(added.nextKey).toBe(draft.nextKey + 1);
    expect(draft.mapping.linkedContacts).toHaveLength(added.mapping.linkedContacts.length - 1);
    const removed = removeRow({ draft: added, list: 'linkedContacts', key: draft.nextKey });
    expect(removed.mapping.linkedContacts).toEqual(draft.mapping.linkedContacts);
  });

  test('reset brings one table back to the defaults and leaves the others', () => {
    const draft = draftFromSettings(
      makeSettings({
        mapping: {
          accounts: [{ kanjo: 'notes', crm: 'Rating' }],
          linkedContacts: [],
          unlinkedContacts: [{ kanjo: 'email', crm: 'Email' }],
        },
      }),
    );
    const reset = resetRows({ draft, list: 'accounts', defaults: DEFAULT_CRM_SYNC_SETTINGS });
    const sent = saved(reset).customers.mapping;
    expect(sent.accounts).toEqual(DEFAULT_CRM_SYNC_SETTINGS.customers.mapping.accounts);
    expect(sent.linkedContacts).toEqual([]);
    expect(sent.unlinkedContacts).toEqual([{ kanjo: 'email', crm: 'Email' }]);
  });
});

describe('unsaved changes', () => {
  test('row keys, blank rows and surrounding spaces are not changes', () => {
    const stored = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    const edited = addRow({
      draft: draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS),
      list: 'accounts',
    });
    edited.automatic.intervalMinutes = '15 ';
    expect(sameSettings(stored, edited)).toBe(true);
  });

  test('a changed choice or row is a change', () => {
    const stored = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    const edited = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
    edited.conflictRule = 'ask';
    expect(sameSettings(stored, edited)).toBe(false);
    const row = removeRow({ draft: stored, list: 'accounts', key: 1 });
    expect(sameSettings(stored, row)).toBe(false);
  });
});
