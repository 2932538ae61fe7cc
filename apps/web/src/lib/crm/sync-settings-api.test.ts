import { DEFAULT_CRM_SYNC_SETTINGS } from '@kanjo/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { answerFetch } from '../../../test/answer-fetch';
import { ApiError } from '$lib/http/client';
import {
  getCrmFields,
  getCrmViews,
  getKanjoFields,
  getSyncSettings,
  pauseSync,
  resumeSync,
  saveCustomerFields,
  saveSyncSettings,
} from './sync-settings-api';

const answer = (status: number, payload: unknown) => answerFetch(status, payload);

const stored = {
  settings: DEFAULT_CRM_SYNC_SETTINGS,
  paused: false,
  pausedAt: null,
  updatedAt: null,
  currency: { organization: 'JPY', crm: 'JPY', multiCurrency: false, twoWayAllowed: true },
  budget: { usedToday: 12, limit: 5000 },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sync settings client', () => {
  test('reads the settings', async () => {
    const calls = answer(200, stored);
    await expect(getSyncSettings()).resolves.toEqual(stored);
    expect(calls).toEqual([{ url: '/api/crm/settings', method: 'GET', body: undefined }]);
  });

  test('saves with PUT { settings }', async () => {
    const calls = answer(200, stored);
    await saveSyncSettings(DEFAULT_CRM_SYNC_SETTINGS);
    expect(calls).toEqual([
      { url: '/api/crm/settings', method: 'PUT', body: { settings: DEFAULT_CRM_SYNC_SETTINGS } },
    ]);
  });

  test('a mapping refusal keeps its problems in details', async () => {
    const problems = [
      { list: 'accounts', index: 0, kanjo: 'phone', crm: 'Owner', code: 'LOOKUP', reason: 'r' },
    ];
    answer(400, { error: { code: 'MAPPING_INVALID', message: 'm', details: { problems } } });
    const error: unknown = await saveSyncSettings(DEFAULT_CRM_SYNC_SETTINGS).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'MAPPING_INVALID', details: { problems } });
  });

  test.each([
    {
      name: 'CRM fields',
      call: () => getCrmFields('Accounts'),
      url: '/api/crm/fields?module=Accounts',
      payload: { fields: [] },
    },
    {
      name: 'Kanjo fields',
      call: () => getKanjoFields('contactPerson'),
      url: '/api/crm/kanjo-fields?entity=contactPerson',
      payload: { fields: [] },
    },
    {
      name: 'views',
      call: () => getCrmViews('Products'),
      url: '/api/crm/views?module=Products',
      payload: { views: [] },
    },
  ])('$name are read from $url', async ({ call, url, payload }) => {
    const calls = answer(200, payload);
    await expect(call()).resolves.toEqual([]);
    expect(calls).toEqual([{ url, method: 'GET', body: undefined }]);
  });

  test.each([
    { call: pauseSync, url: '/api/crm/pause' },
    { call: resumeSync, url: '/api/crm/resume' },
  ])('POST $url', async ({ call, url }) => {
    const calls = answer(200, { paused: true, pausedAt: '2026-01-01T00:00:00.000Z' });
    await expect(call()).resolves.toEqual({ paused: true, pausedAt: '2026-01-01T00:00:00.000Z' });
    expect(calls).toEqual([{ url, method: 'POST', body: undefined }]);
  });

  test('custom fields are saved whole with PATCH /api/organization', async () => {
    const customerFields = [{ key: 'region', label: 'Region', type: 'text' as const }];
    const calls = answer(200, { id: 'org', customerFields });
    await saveCustomerFields(customerFields);
    expect(calls).toEqual([
      { url: '/api/organization', method: 'PATCH', body: { customerFields } },
    ]);
  });
});
