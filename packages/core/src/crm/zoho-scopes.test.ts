import { describe, expect, it } from 'vitest';
import {
  kanjoScopeFor,
  missingZohoScopes,
  splitZohoScopes,
  ZOHO_CRM_SCOPE_LIST,
  zohoScopeCovers,
} from './zoho-scopes';

describe('zohoScopeCovers', () => {
  it.each([
    ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.quotes.CREATE', true],
    ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.ALL', true],
    ['zohocrm.modules.all', 'ZohoCRM.modules.ALL', true],
    ['ZohoCRM.modules.quotes.ALL', 'ZohoCRM.modules.ALL', false],
    ['ZohoCRM.modules.quotes.WRITE', 'ZohoCRM.modules.quotes.UPDATE', true],
    ['ZohoCRM.modules.quotes.WRITE', 'ZohoCRM.modules.quotes.READ', false],
    ['ZohoCRM.modules.READ', 'ZohoCRM.modules.accounts.READ', true],
    ['ZohoCRM.users.ALL', 'ZohoCRM.users.READ', true],
    ['ZohoCRM.users.READ', 'ZohoCRM.users.ALL', false],
    ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.ALL', false],
    ['ZohoCRM.settings.ALL', 'ZohoCRM.settings.currencies.READ', true],
    ['ZohoCRM.org.READ', 'ZohoCRM.organization.READ', false],
    ['ZohoBooks.settings.ALL', 'ZohoCRM.settings.ALL', false],
    ['nonsense', 'ZohoCRM.org.READ', false],
  ])('%s covers %s: %s', (granted, needed, covers) => {
    expect(zohoScopeCovers(granted, needed)).toBe(covers);
  });
});

describe('missingZohoScopes', () => {
  it('names every scope Kanjo needs that a grant lacks, in order', () => {
    expect(missingZohoScopes(splitZohoScopes(ZOHO_CRM_SCOPE_LIST))).toEqual([]);
    expect(missingZohoScopes(['ZohoCRM.modules.ALL', 'ZohoCRM.users.ALL'])).toEqual([
      'ZohoCRM.settings.ALL',
      'ZohoCRM.org.READ',
      'ZohoCRM.notifications.ALL',
      'ZohoCRM.coql.READ',
    ]);
  });

  it('splits a token answer’s scopes on spaces or commas', () => {
    expect(splitZohoScopes('ZohoCRM.org.READ ZohoCRM.users.ALL,ZohoCRM.coql.READ')).toEqual([
      'ZohoCRM.org.READ',
      'ZohoCRM.users.ALL',
      'ZohoCRM.coql.READ',
    ]);
  });
});

describe('kanjoScopeFor', () => {
  it.each([
    ['ZohoCRM.modules.salesorders.CREATE', 'ZohoCRM.modules.ALL'],
    ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.ALL'],
    ['ZohoCRM.notifications.UPDATE', 'ZohoCRM.notifications.ALL'],
    ['ZohoCRM.org.READ', 'ZohoCRM.org.READ'],
    ['ZohoCRM.bulk.READ', undefined],
  ])('%s is asked for as %s', (needed, kanjo) => {
    expect(kanjoScopeFor(needed)).toBe(kanjo);
  });
});
