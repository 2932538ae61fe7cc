import { defaultAutomationSettings } from '@kanjo/core';
import { afterEach, expect, test, vi } from 'vitest';
import { answerFetch } from '../../../test/answer-fetch';
import {
  dryRunAutomation,
  getAutomationSettings,
  listAutomationLog,
  saveAutomationSettings,
} from './automation-api';

afterEach(() => vi.unstubAllGlobals());

test('reads and saves the rules; the body is the settings themselves', async () => {
  const settings = defaultAutomationSettings();
  const sent = answerFetch(200, { settings, enabledAt: null });
  expect(await getAutomationSettings()).toEqual({ settings, enabledAt: null });
  await saveAutomationSettings({ ...settings, enabled: true });
  expect(sent).toMatchObject([
    { url: '/api/crm/automation/settings', method: 'GET' },
    { url: '/api/crm/automation/settings', method: 'PUT', body: { ...settings, enabled: true } },
  ]);
});

test.each([
  [{}, '/api/crm/automation/log'],
  [{ limit: 50 }, '/api/crm/automation/log?limit=50'],
  [
    { limit: 50, before: '2026-11-29T10:00:00.000Z' },
    '/api/crm/automation/log?limit=50&before=2026-11-29T10%3A00%3A00.000Z',
  ],
  [{ dealId: 'd1', documentId: 'i1' }, '/api/crm/automation/log?dealId=d1&documentId=i1'],
])('log page %j → %s', async (query, url) => {
  const sent = answerFetch(200, { entries: [], more: false });
  expect(await listAutomationLog(query)).toEqual({ entries: [], more: false });
  expect(sent[0]?.url).toBe(url);
});

test('a dry run is a POST without a body', async () => {
  const sent = answerFetch(200, { entries: [] });
  expect(await dryRunAutomation()).toEqual({ entries: [] });
  expect(sent).toMatchObject([
    { url: '/api/crm/automation/dry-run', method: 'POST', body: undefined },
  ]);
});
