import { ApiError, NetworkError } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import type { Message } from './history';
import { MIN_QUERY_LENGTH, type CrmSearchAnswer, type CrmSearchResult } from './search-api';

/**
 * "Search in CRM" without the DOM: which query is searched, what the
 * tab shows, what choosing a result does, how a failure reads, and the import
 * that waits for the new customer to reach this device. Messages are catalog
 * keys; the components translate them.
 */

/** The query to send, or null while it is shorter than the server accepts. */
export function searchQuery(text: string): string | null {
  const query = text.trim();
  return query.length >= MIN_QUERY_LENGTH ? query : null;
}

export type SearchView =
  | { kind: 'offline' }
  | { kind: 'short' }
  | { kind: 'searching' }
  | { kind: 'failed'; message: Message }
  | { kind: 'empty'; module: CrmSearchAnswer['module'] }
  | { kind: 'results'; answer: CrmSearchAnswer };

/** What the tab shows, from what is known; offline wins because nothing else can help. */
export function searchView(state: {
  online: boolean;
  text: string;
  searching: boolean;
  answer: CrmSearchAnswer | undefined;
  error: unknown;
}): SearchView {
  if (!state.online || state.error instanceof NetworkError) return { kind: 'offline' };
  if (searchQuery(state.text) === null) return { kind: 'short' };
  if (state.error !== undefined) {
    return { kind: 'failed', message: describeSearchFailure(state.error) };
  }
  if (!state.answer) return { kind: 'searching' };
  if (state.answer.results.length === 0) return { kind: 'empty', module: state.answer.module };
  return { kind: 'results', answer: state.answer };
}

/** Linked records are simply selected, importable ones imported, the rest only explained. */
export function resultChoice(result: CrmSearchResult): 'select' | 'import' | 'blocked' {
  if (result.customerId !== null) return 'select';
  return result.importable ? 'import' : 'blocked';
}

/** The short facts under a result's name: email, city, and a contact's account. */
export function resultDetails(result: CrmSearchResult): string[] {
  const account = result.accountName !== result.name ? result.accountName : null;
  return [result.email, result.city, account].filter(
    (detail): detail is string => detail !== null && detail.trim() !== '',
  );
}

const FAILURES: Record<string, MessageKey> = {
  CRM_NOT_CONNECTED: 'crmSearch.error.notConnected',
  CRM_DISABLED: 'crmSearch.error.disabled',
  CRM_SYNC_PAUSED: 'crmSearch.error.paused',
  CRM_NOT_SET_UP: 'crmSetup.notSetUpError',
  CRM_AUTH_EXPIRED: 'crmSearch.error.authExpired',
  CRM_RATE_LIMITED: 'crmSearch.error.rateLimited',
  CRM_UNAVAILABLE: 'crmSearch.error.crmUnavailable',
  FORBIDDEN: 'crmSearch.error.forbidden',
  NOT_FOUND: 'crmSearch.error.notFound',
  CRM_RECORD_NOT_FOUND: 'crmSearch.error.notFound',
  CRM_OUTSIDE_VIEW: 'crmSearch.error.outsideView',
  CRM_IMPORT_NOT_ALLOWED: 'crmSearch.error.notAllowed',
  CRM_SYNC_RUNNING: 'crmSearch.error.syncRunning',
};

/** A failed search or import → what to tell the person; the server's words for unknown refusals. */
export function describeSearchFailure(error: unknown): Message {
  if (error instanceof NetworkError) return { key: 'crmSearch.offline' };
  if (error instanceof CustomerNotArrivedError) return { key: 'crmSearch.error.notArrived' };
  if (error instanceof ApiError) {
    const key = FAILURES[error.code];
    if (key) return { key };
    // The duplicate rule "skip" kept it apart: the server's message names the matching customer.
    if (error.code === 'CRM_IMPORT_SKIPPED') {
      return { key: 'crmSearch.error.skipped', params: { message: error.message } };
    }
    if (error.code === 'VALIDATION_FAILED') return { key: 'crmSearch.short' };
    return { key: 'crmSearch.error.other', params: { message: error.message } };
  }
  return { key: 'crmSearch.error.unknown' };
}

/** The import worked but the customer did not reach this device in time. */
export class CustomerNotArrivedError extends Error {
  constructor(readonly customerId: string) {
    super(`Customer ${customerId} was imported but has not reached this device yet.`);
    this.name = 'CustomerNotArrivedError';
  }
}

/** Calls `onrow` with the stored row each time it changes; returns the unsubscribe. */
export type WatchRow<T> = (id: string, onrow: (row: T | undefined) => void) => () => void;

/**
 * Resolves with the row once `watch` reports it, or rejects with
 * `CustomerNotArrivedError` after `timeoutMs`.
 * @example const customer = await waitForRow({ id, watch: watchCustomer, timeoutMs: 15_000 });
 */
export function waitForRow<T>({
  id,
  watch,
  timeoutMs,
}: {
  id: string;
  watch: WatchRow<T>;
  timeoutMs: number;
}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      stop();
      reject(new CustomerNotArrivedError(id));
    }, timeoutMs);
    const stop = watch(id, (row) => {
      if (settled || row === undefined) return;
      settled = true;
      clearTimeout(timer);
      // The watch may answer synchronously, before `stop` is assigned.
      queueMicrotask(() => stop());
      resolve(row);
    });
  });
}

/**
 * What choosing a result does: a linked record's customer is taken as it is;
 * an importable one is imported first. Either way the customer is selected only
 * once it is in the local database, so the editor can read its currency and terms;
 * `sync` pulls it in while `watch` waits for it.
 */
export async function bringInCustomer<T>({
  result,
  importRecord,
  sync,
  watch,
  timeoutMs,
}: {
  result: CrmSearchResult;
  importRecord: (record: CrmSearchResult) => Promise<{ customerId: string }>;
  sync: () => Promise<void>;
  watch: WatchRow<T>;
  timeoutMs: number;
}): Promise<T> {
  const id = result.customerId ?? (await importRecord(result)).customerId;
  const arrived = waitForRow({ id, watch, timeoutMs });
  // A failed pull is not the import failing: the timeout says what matters.
  void sync().catch(() => undefined);
  return arrived;
}
