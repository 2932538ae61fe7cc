import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import {
  CustomerNotArrivedError,
  bringInCustomer,
  describeSearchFailure,
  resultChoice,
  resultDetails,
  searchQuery,
  searchView,
  waitForRow,
  type WatchRow,
} from './search';
import type { CrmSearchResult } from './search-api';

function makeResult(overrides: Partial<CrmSearchResult> = {}): CrmSearchResult {
  return {
    module: 'Accounts',
    crmId: '4000001',
    name: 'Tokyo Trading',
    email: 'info@tokyo-trading.example',
    phone: null,
    city: 'Tokyo',
    accountName: null,
    customerId: null,
    importable: true,
    reason: null,
    ...overrides,
  };
}

afterEach(() => vi.useRealTimers());

describe('searchQuery', () => {
  test.each([
    ['', null],
    [' a ', null],
    ['ab', 'ab'],
    ['  Tokyo ', 'Tokyo'],
  ])('%j → %j', (text, query) => {
    expect(searchQuery(text)).toBe(query);
  });
});

describe('searchView', () => {
  const base = { online: true, text: 'Tok', searching: false, answer: undefined, error: undefined };
  const answer = { module: 'Accounts' as const, results: [makeResult()] };

  test.each([
    [{ online: false }, 'offline'],
    [{ error: new NetworkError(new TypeError('fetch')) }, 'offline'],
    [{ text: 'T' }, 'short'],
    [{ searching: true }, 'searching'],
    [{ error: new ApiError(409, 'CRM_SYNC_PAUSED', 'paused') }, 'failed'],
    [{ answer: { module: 'Contacts' as const, results: [] } }, 'empty'],
    [{ answer }, 'results'],
  ])('%j → %s', (state, kind) => {
    expect(searchView({ ...base, ...state }).kind).toBe(kind);
  });
});

describe('a result', () => {
  test.each([
    [{ customerId: 'c1', importable: false }, 'select'],
    [{}, 'import'],
    [{ importable: false, reason: 'Outside the chosen view' }, 'blocked'],
  ])('%j → %s', (overrides, choice) => {
    expect(resultChoice(makeResult(overrides))).toBe(choice);
  });

  test('details: email, city, and an account other than the name', () => {
    expect(resultDetails(makeResult())).toEqual(['info@tokyo-trading.example', 'Tokyo']);
    expect(
      resultDetails(
        makeResult({
          module: 'Contacts',
          name: 'Aiko Sato',
          email: ' ',
          city: null,
          accountName: 'Tokyo Trading',
        }),
      ),
    ).toEqual(['Tokyo Trading']);
  });
});

describe('describeSearchFailure', () => {
  test.each([
    [new NetworkError(new TypeError('fetch')), 'crmSearch.offline'],
    [new ApiError(404, 'CRM_NOT_CONNECTED', ''), 'crmSearch.error.notConnected'],
    [new ApiError(409, 'CRM_SYNC_PAUSED', ''), 'crmSearch.error.paused'],
    [new ApiError(409, 'CRM_DISABLED', ''), 'crmSearch.error.disabled'],
    [new ApiError(409, 'CRM_OUTSIDE_VIEW', ''), 'crmSearch.error.outsideView'],
    [new ApiError(409, 'CRM_IMPORT_NOT_ALLOWED', ''), 'crmSearch.error.notAllowed'],
    [new ApiError(409, 'CRM_SYNC_RUNNING', ''), 'crmSearch.error.syncRunning'],
    [new ApiError(400, 'VALIDATION_FAILED', ''), 'crmSearch.short'],
    [new CustomerNotArrivedError('c1'), 'crmSearch.error.notArrived'],
    [new Error('?'), 'crmSearch.error.unknown'],
  ])('%s → %s', (error, key) => {
    expect(describeSearchFailure(error).key).toBe(key);
  });

  test('a record the duplicate rule “skip” keeps apart says so, with the server’s reason', () => {
    const error = new ApiError(409, 'CRM_IMPORT_SKIPPED', 'Matches Acme Trading by name.');
    expect(describeSearchFailure(error)).toEqual({
      key: 'crmSearch.error.skipped',
      params: { message: 'Matches Acme Trading by name.' },
    });
  });

  test('an unknown refusal shows the server’s message', () => {
    const error = new ApiError(409, 'NOT_IN_VIEW', 'Outside the view “Tokyo”.');
    expect(describeSearchFailure(error)).toEqual({
      key: 'crmSearch.error.other',
      params: { message: 'Outside the view “Tokyo”.' },
    });
  });
});

/** A fake local table: `put` stores a row and tells the watchers. */
function fakeTable() {
  const rows = new Map<string, { id: string }>();
  const watchers = new Set<(id: string) => void>();
  const watch: WatchRow<{ id: string }> = (id, onrow) => {
    const tell = (changed: string) => {
      if (changed === id) onrow(rows.get(id));
    };
    watchers.add(tell);
    onrow(rows.get(id));
    return () => watchers.delete(tell);
  };
  const put = (id: string) => {
    rows.set(id, { id });
    for (const tell of watchers) tell(id);
  };
  return { watch, put, watchers };
}

describe('waitForRow', () => {
  test('resolves when the row arrives and stops watching', async () => {
    const table = fakeTable();
    const arrived = waitForRow({ id: 'c1', watch: table.watch, timeoutMs: 1000 });
    table.put('c2');
    table.put('c1');
    await expect(arrived).resolves.toEqual({ id: 'c1' });
    expect(table.watchers.size).toBe(0);
  });

  test('a row already there resolves at once', async () => {
    const table = fakeTable();
    table.put('c1');
    await expect(waitForRow({ id: 'c1', watch: table.watch, timeoutMs: 1000 })).resolves.toEqual({
      id: 'c1',
    });
    expect(table.watchers.size).toBe(0);
  });

  test('gives up after the timeout', async () => {
    vi.useFakeTimers();
    const table = fakeTable();
    const arrived = waitForRow({ id: 'c1', watch: table.watch, timeoutMs: 1000 });
    vi.advanceTimersByTime(1000);
    await expect(arrived).rejects.toBeInstanceOf(CustomerNotArrivedError);
    expect(table.watchers.size).toBe(0);
  });
});

describe('bringInCustomer', () => {
  test('imports, pulls, and resolves with the arrived customer', async () => {
    const table = fakeTable();
    const importRecord = vi.fn(() => Promise.resolve({ customerId: 'new1' }));
    const sync = vi.fn(() => {
      table.put('new1');
      return Promise.resolve();
    });
    const customer = await bringInCustomer({
      result: makeResult(),
      importRecord,
      sync,
      watch: table.watch,
      timeoutMs: 1000,
    });
    expect(customer).toEqual({ id: 'new1' });
    expect(importRecord).toHaveBeenCalledOnce();
    expect(sync).toHaveBeenCalledOnce();
  });

  test('a record already in Kanjo is not imported again', async () => {
    const table = fakeTable();
    table.put('c1');
    const importRecord = vi.fn(() => Promise.resolve({ customerId: 'x' }));
    const customer = await bringInCustomer({
      result: makeResult({ customerId: 'c1' }),
      importRecord,
      sync: () => Promise.resolve(),
      watch: table.watch,
      timeoutMs: 1000,
    });
    expect(customer).toEqual({ id: 'c1' });
    expect(importRecord).not.toHaveBeenCalled();
  });

  test('a refused import is thrown as it is, with nothing pulled', async () => {
    const refusal = new ApiError(409, 'CRM_SYNC_PAUSED', 'paused');
    const sync = vi.fn(() => Promise.resolve());
    await expect(
      bringInCustomer({
        result: makeResult(),
        importRecord: () => Promise.reject(refusal),
        sync,
        watch: fakeTable().watch,
        timeoutMs: 1000,
      }),
    ).rejects.toBe(refusal);
    expect(sync).not.toHaveBeenCalled();
  });
});
