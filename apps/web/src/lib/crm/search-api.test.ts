import { afterEach, expect, test, vi } from 'vitest';
import { ApiError } from '$lib/http/client';
import { answerFetch } from '../../../test/answer-fetch';
import { importFromCrm, searchCrm } from './search-api';

afterEach(() => vi.unstubAllGlobals());

test('searches with the trimmed, encoded query', async () => {
  const sent = answerFetch(200, { module: 'Accounts', results: [] });
  expect(await searchCrm('  Tokyo & Co ')).toEqual({ module: 'Accounts', results: [] });
  expect(sent).toMatchObject([{ url: '/api/crm/search?q=Tokyo%20%26%20Co', method: 'GET' }]);
});

test('imports the chosen record by module and id only', async () => {
  const answer = { customerId: 'c1', created: true, contactPersons: 2, deals: 1, seq: 40 };
  const sent = answerFetch(200, answer);
  const record = { module: 'Accounts' as const, crmId: '4000001', name: 'Tokyo Trading' };
  expect(await importFromCrm(record)).toEqual(answer);
  expect(sent).toMatchObject([
    { url: '/api/crm/import', method: 'POST', body: { module: 'Accounts', crmId: '4000001' } },
  ]);
});

test('a refusal keeps its code for the message', async () => {
  answerFetch(409, { error: { code: 'CRM_SYNC_PAUSED', message: 'Sync is paused.' } });
  await expect(searchCrm('To')).rejects.toMatchObject(
    new ApiError(409, 'CRM_SYNC_PAUSED', 'Sync is paused.'),
  );
});
