import { DEFAULT_CRM_SYNC_SETTINGS } from '@kanjo/core';
import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { addRow, draftFromSettings, type SyncDraft } from './sync-settings';
import { checkDraft, describeSaveFailure, hasIssues } from './sync-settings-issues';

const allowed = { twoWayAllowed: true };
const refused = { twoWayAllowed: false, message: 'CRM base currency USD differs from JPY.' };

function makeDraft(edit: (draft: SyncDraft) => void = () => {}): SyncDraft {
  const draft = draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS);
  edit(draft);
  return draft;
}

describe('checkDraft', () => {
  test('the defaults have no issues', () => {
    expect(hasIssues(checkDraft({ draft: makeDraft(), currency: allowed }))).toBe(false);
  });

  test.each([
    { value: '', key: 'validation.required' },
    { value: '4', key: 'crmSync.auto.intervalRange' },
    { value: '1441', key: 'crmSync.auto.intervalRange' },
    { value: '7.5', key: 'crmSync.auto.intervalRange' },
    { value: 'ten', key: 'crmSync.auto.intervalRange' },
  ])('interval "$value" → $key', ({ value, key }) => {
    const draft = makeDraft((d) => (d.automatic.intervalMinutes = value));
    expect(
      checkDraft({ draft, currency: allowed }).fields['automatic.intervalMinutes'],
    ).toMatchObject({ key });
  });

  test('different currencies refuse both ways and item sync', () => {
    const draft = makeDraft((d) => {
      d.extent = 'both';
      d.items.mode = 'fetch';
    });
    const { fields } = checkDraft({ draft, currency: refused });
    expect(fields['customers.extent']).toEqual({ key: 'crmSync.currency.choiceRefused' });
    expect(fields['items.mode']).toEqual({ key: 'crmSync.currency.choiceRefused' });
    draft.extent = 'fetch';
    draft.items.mode = 'off';
    expect(hasIssues(checkDraft({ draft, currency: refused }))).toBe(false);
  });

  test('rows: half-filled, repeated on either side, not a contact field', () => {
    let draft = makeDraft((d) => (d.module = 'accountsAndContacts'));
    for (let i = 0; i < 4; i++) draft = addRow({ draft, list: 'accounts' });
    draft = addRow({ draft, list: 'linkedContacts' });
    const [half, sameKanjo, sameCrm, blank] = draft.mapping.accounts.slice(-4);
    const wrong = draft.mapping.linkedContacts.at(-1);
    if (!half || !sameKanjo || !sameCrm || !blank || !wrong) throw new Error('rows expected');
    half.crm = 'Rating';
    Object.assign(sameKanjo, { kanjo: 'displayName', crm: 'Industry' });
    Object.assign(sameCrm, { kanjo: 'email', crm: 'Phone' });
    Object.assign(wrong, { kanjo: 'displayName', crm: 'Title' });
    const { rows } = checkDraft({ draft, currency: allowed });
    expect(rows).toEqual({
      [half.key]: { key: 'crmSync.mapping.incomplete' },
      [sameKanjo.key]: { key: 'crmSync.mapping.duplicateKanjo' },
      [sameCrm.key]: { key: 'crmSync.mapping.duplicateCrm' },
      [wrong.key]: { key: 'crmSync.mapping.notContactField' },
    });
  });

  test('tables the module hides are not checked', () => {
    let draft = makeDraft((d) => (d.module = 'accounts'));
    draft = addRow({ draft, list: 'unlinkedContacts' });
    const row = draft.mapping.unlinkedContacts.at(-1);
    if (row) row.crm = 'Email';
    expect(checkDraft({ draft, currency: allowed }).rows).toEqual({});
  });
});

describe('describeSaveFailure', () => {
  const sentKeys = { accounts: [11, 12, 13], linkedContacts: [21], unlinkedContacts: [] };

  test('MAPPING_INVALID puts each reason on its row', () => {
    const error = new ApiError(400, 'MAPPING_INVALID', 'Some pairs cannot be mapped', {
      problems: [
        {
          list: 'accounts',
          index: 2,
          kanjo: 'phone',
          crm: 'Owner',
          code: 'LOOKUP',
          reason: 'Owner points at another record',
        },
        {
          list: 'linkedContacts',
          index: 0,
          kanjo: 'contact.email',
          crm: 'Nope',
          code: 'UNKNOWN_CRM_FIELD',
          reason: 'No such field',
        },
        { list: 'accounts', index: 9, kanjo: 'x', crm: 'y', code: 'X', reason: 'not sent' },
      ],
    });
    const failure = describeSaveFailure({ error, sentKeys, currency: allowed });
    expect(failure.alert).toEqual({ key: 'crmSync.error.mappingInvalid' });
    expect(failure.rows).toEqual({
      13: { text: 'Owner points at another record' },
      21: { text: 'No such field' },
    });
  });

  test('CRM_VIEW_NOT_FOUND names the module whose view is gone', () => {
    const error = new ApiError(400, 'CRM_VIEW_NOT_FOUND', 'No such view', {
      module: 'Accounts',
      view: '9',
    });
    expect(describeSaveFailure({ error, sentKeys, currency: undefined }).alert).toEqual({
      key: 'crmSync.error.viewNotFound',
      params: { module: 'Accounts' },
    });
  });

  test('CRM_CURRENCY_MISMATCH shows the server message and refuses the choices from now on', () => {
    const error = new ApiError(409, 'CRM_CURRENCY_MISMATCH', 'CRM uses USD, Kanjo uses JPY.');
    const failure = describeSaveFailure({ error, sentKeys, currency: allowed });
    expect(failure.alert).toEqual({ text: 'CRM uses USD, Kanjo uses JPY.' });
    expect(failure.currencyRefusal).toBe('CRM uses USD, Kanjo uses JPY.');
  });

  test('VALIDATION_FAILED: shown fields, rows by index, and the rest for the alert', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
      fields: [
        { path: 'settings.automatic.intervalMinutes', message: 'Too small', code: 'INVALID' },
        { path: 'customers.mapping.accounts.1.crm', message: 'Bad API name', code: 'INVALID' },
        { path: 'customers.views.contacts', message: 'x', code: 'REQUIRED' },
        { path: 'customers.somethingNew', message: 'Unknown', code: 'UNKNOWN_FIELD' },
      ],
    });
    const failure = describeSaveFailure({ error, sentKeys, currency: allowed });
    expect(failure.alert).toEqual({ key: 'crmSync.error.validation' });
    expect(failure.fields).toEqual({
      'automatic.intervalMinutes': { text: 'Too small' },
      'customers.views.contacts': { key: 'validation.required' },
    });
    expect(failure.rows).toEqual({ 12: { text: 'Bad API name' } });
    expect(failure.others).toEqual([{ text: 'customers.somethingNew: Unknown' }]);
  });

  test.each([
    { error: new NetworkError(new TypeError('offline')), alert: { key: 'crmSync.error.offline' } },
    { error: new ApiError(403, 'FORBIDDEN', 'No'), alert: { key: 'crmSync.readOnly' } },
    {
      error: new ApiError(404, 'CRM_NOT_CONNECTED', 'No'),
      alert: { key: 'crm.error.notConnected' },
    },
    { error: new ApiError(502, 'CRM_UNAVAILABLE', 'Down'), alert: undefined },
  ])('$error.message → generic or own alert', ({ error, alert }) => {
    expect(describeSaveFailure({ error, sentKeys, currency: allowed }).alert).toEqual(alert);
  });
});
