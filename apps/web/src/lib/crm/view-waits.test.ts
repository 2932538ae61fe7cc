import { DEFAULT_CRM_SYNC_SETTINGS } from '@kanjo/core';
import { describe, expect, test } from 'vitest';
import { draftFromSettings } from './sync-settings';
import type { ViewWait } from './sync-settings-api';
import { VIEW_FIELD, stillWaiting } from './view-waits';

const wait = (module: ViewWait['module'], viewId: string): ViewWait => ({
  module,
  viewId,
  since: '2026-11-20T01:00:00.000Z',
  runId: 'r1',
});

function draftWith(views: { accounts?: string; contacts?: string; products?: string }) {
  const settings = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  settings.customers.views = { accounts: views.accounts ?? null, contacts: views.contacts ?? null };
  settings.items.view = views.products ?? null;
  return draftFromSettings(settings);
}

describe('modules waiting for a gone CRM view', () => {
  test.each([
    { name: 'still set to the gone view', views: { accounts: '9' }, waiting: ['Accounts'] },
    { name: 'another view chosen', views: { accounts: '7' }, waiting: [] },
    { name: 'all records chosen', views: {}, waiting: [] },
    { name: 'products still set', views: { products: '5' }, waiting: [] },
  ])('$name', ({ views, waiting }) => {
    const waits = [wait('Accounts', '9'), wait('Products', '4')];
    expect(stillWaiting(waits, draftWith(views)).map((w) => w.module)).toEqual(waiting);
  });

  test('each module names the field of its view select', () => {
    expect(VIEW_FIELD).toEqual({
      Accounts: 'customers.views.accounts',
      Contacts: 'customers.views.contacts',
      Products: 'items.view',
    });
  });
});
