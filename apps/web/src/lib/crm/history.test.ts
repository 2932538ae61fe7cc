import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import type { EntityCounts } from './history-api';
import {
  describeDuration,
  describeHistoryFailure,
  formatValue,
  parseItemFilter,
  runDurationMs,
  runTotals,
} from './history';

const counts = (overrides: Partial<EntityCounts> = {}): EntityCounts => ({
  added: 0,
  updated: 0,
  linked: 0,
  skipped: 0,
  failed: 0,
  conflicts: 0,
  pushed: 0,
  unlinked: 0,
  held: 0,
  released: 0,
  ...overrides,
});

describe('runTotals', () => {
  test('adds customers and items per action, in action order, leaving out zeros', () => {
    const totals = runTotals({
      counts: {
        customer: counts({ added: 2, failed: 1, conflicts: 1 }),
        item: counts({ added: 1, pushed: 4 }),
        contactPerson: counts({ added: 1 }),
      },
    });
    expect(totals).toEqual([
      { action: 'added', count: 4 },
      { action: 'failed', count: 1 },
      { action: 'conflict', count: 1 },
      { action: 'pushed', count: 4 },
    ]);
  });

  test('is empty for a run that changed nothing', () => {
    expect(runTotals({ counts: { customer: counts(), item: counts() } })).toEqual([]);
  });
});

describe('runDurationMs and describeDuration', () => {
  test.each([
    ['2026-01-01T00:00:00.000Z', null, null],
    ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.400Z', 400],
    ['2026-01-01T00:00:00.000Z', '2026-01-01T00:03:04.000Z', 184_000],
    ['2026-01-01T00:00:10.000Z', '2026-01-01T00:00:00.000Z', null],
    ['garbage', '2026-01-01T00:00:00.000Z', null],
  ])('from %s to %s is %s ms', (startedAt, finishedAt, ms) => {
    expect(runDurationMs({ startedAt, finishedAt })).toBe(ms);
  });

  test.each([
    [400, { key: 'crmHistory.duration.subSecond' }],
    [12_400, { key: 'crmHistory.duration.seconds', params: { seconds: 12 } }],
    [59_600, { key: 'crmHistory.duration.minutes', params: { minutes: 1, seconds: 0 } }],
    [184_000, { key: 'crmHistory.duration.minutes', params: { minutes: 3, seconds: 4 } }],
  ])('%s ms reads as %j', (ms, message) => {
    expect(describeDuration(ms)).toEqual(message);
  });
});

describe('formatValue', () => {
  test.each([
    [null, null],
    ['', null],
    ['Tokyo', 'Tokyo'],
    [0, '0'],
    [1200.5, '1200.5'],
    [true, '✓'],
    [false, '✗'],
  ])('%j → %j', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('parseItemFilter', () => {
  test.each([
    ['', {}],
    ['action=failed&entity=item&q=%20tokyo%20', { action: 'failed', entity: 'item', q: 'tokyo' }],
    ['action=deleted&entity=payment&q=%20', {}],
    ['action=conflict', { action: 'conflict' }],
    ['entity=contactPerson', { entity: 'contactPerson' }],
  ])('?%s → %j', (search, filter) => {
    const parsed = parseItemFilter(new URLSearchParams(search));
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(
      filter,
    );
  });
});

describe('describeHistoryFailure', () => {
  test.each([
    [new NetworkError(new TypeError('fetch')), { key: 'crmHistory.offline' }],
    [new ApiError(409, 'CRM_SYNC_RUNNING', 'busy'), { key: 'crmHistory.error.running' }],
    [new ApiError(409, 'CRM_SYNC_PAUSED', 'paused'), { key: 'crmHistory.error.paused' }],
    [new ApiError(409, 'CRM_NOT_SET_UP', 'rules'), { key: 'crmSetup.notSetUpError' }],
    [new ApiError(404, 'CRM_NOT_CONNECTED', 'no'), { key: 'crmHistory.error.notConnected' }],
    [new ApiError(403, 'FORBIDDEN', 'no'), { key: 'crmHistory.error.forbidden' }],
    [
      new ApiError(500, 'INTERNAL', 'Something went wrong on the server.'),
      { key: 'crmHistory.error.other', params: { message: 'Something went wrong on the server.' } },
    ],
    [new Error('?'), { key: 'crmHistory.error.unknown' }],
  ])('%s', (error, message) => {
    expect(describeHistoryFailure(error)).toEqual(message);
  });
});
