import { afterEach, describe, expect, test, vi } from 'vitest';
import { answerFetch } from '../../../test/answer-fetch';
import {
  getRecordHistory,
  getSyncRun,
  listRunItems,
  listSyncRuns,
  queryString,
  resyncRecord,
  startSync,
} from './history-api';

const answer = (payload: unknown) => answerFetch(200, payload);

afterEach(() => vi.unstubAllGlobals());

describe('queryString', () => {
  test.each([
    [{}, ''],
    [{ a: undefined, b: '' }, ''],
    [{ action: 'failed', q: 'a b&c', limit: 5 }, '?action=failed&q=a+b%26c&limit=5'],
  ])('%j → %s', (params, text) => {
    expect(queryString(params)).toBe(text);
  });
});

describe('history endpoints', () => {
  test('lists runs with paging', async () => {
    const calls = answer({ runs: [], nextCursor: null, running: null });
    await listSyncRuns({ limit: 20, cursor: 'r1' });
    expect(calls).toMatchObject([{ url: '/api/crm/runs?limit=20&cursor=r1', method: 'GET' }]);
  });

  test('reads one run without its items', async () => {
    const calls = answer({ run: { id: 'r1' }, items: [], nextAfter: null });
    expect(await getSyncRun('r1')).toEqual({ id: 'r1' });
    expect(calls[0]?.url).toBe('/api/crm/runs/r1?limit=1');
  });

  test('filters a run’s items', async () => {
    const calls = answer({ items: [], nextAfter: null });
    await listRunItems('r1', { action: 'failed', entity: 'customer', q: 'tokyo', after: 7 });
    expect(calls[0]?.url).toBe(
      '/api/crm/runs/r1/items?action=failed&entity=customer&q=tokyo&after=7',
    );
  });

  test('starts a sync or a dry run', async () => {
    const calls = answer({ runId: 'r2' });
    expect(await startSync(true)).toEqual({ runId: 'r2' });
    expect(calls).toMatchObject([{ url: '/api/crm/sync', method: 'POST', body: { dryRun: true } }]);
  });

  test('reads and re-syncs one record', async () => {
    const calls = answer({ link: null, items: [], nextCursor: null });
    await getRecordHistory('item', 'i/1', { limit: 5 });
    await resyncRecord('customer', 'c1');
    await resyncRecord('item', 'i1');
    expect(calls.map((c) => `${String(c.method)} ${c.url}`)).toEqual([
      'GET /api/crm/links/item/i%2F1?limit=5',
      'POST /api/customers/c1/crm-resync',
      'POST /api/items/i1/crm-resync',
    ]);
  });
});
