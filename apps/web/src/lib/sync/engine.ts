import type { PullResponse, SyncMutation } from '@kanjo/core';
import type { OutboxEntry } from '$lib/db/schema';
import { backoffDelay } from './backoff';
import type { LocalStore } from './local-store';
import { ApiError, NetworkError } from '$lib/http/client';
import type { SyncApi } from './sync-api';

/** What the UI sees of sync (mirrored into the `syncState` rune). */
export interface SyncStatus {
  online: boolean;
  /** Edits in the outbox. */
  pending: number;
  lastSyncAt: string | null;
  syncing: boolean;
  /** The last failure's code (NETWORK, TRY_AGAIN, …), null after a good sync. */
  error: string | null;
  /** The session is gone (401): sync stopped, the outbox kept, until the user signs in again. */
  needsLogin: boolean;
  rejected: number;
  conflicts: number;
}

/** A failed sync cycle. `status` 0 = the server was not reached (or sync did not run). */
export interface SyncFailure {
  status: number;
  /** The server's code, or NETWORK, STOPPED, LOCAL. */
  code: string;
  message: string;
}

export type SyncResult = { ok: true } | { ok: false; error: SyncFailure };

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  store: LocalStore;
  api: SyncApi;
  clock?: () => Date;
  random?: () => number;
  timers?: Timers;
  onStatus?: (patch: Partial<SyncStatus>) => void;
  /** Called on a 401: the owner asks the server whether the session ended and ends it here. */
  onUnauthorized?: () => void;
  /** Runs one sync cycle exclusively across tabs (Web Locks); default: just runs it. */
  exclusive?: <T>(cycle: () => Promise<T>) => Promise<T>;
  pushBatch?: number;
  pullLimit?: number;
}

/** Edits sent per push (the server takes up to 500). */
export const PUSH_BATCH = 100;
const MAX_PAGES_PER_CYCLE = 10_000;

const defaultTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One device database's sync loop: push the outbox (oldest first, ≤ 100 per
 * request), then pull every page. Cycles never overlap; requests made while
 * one runs coalesce into one more. Failures back off with full jitter; a 401
 * stops the loop and leaves the outbox alone.
 *
 * @example
 * const engine = new SyncEngine({ store: new DexieStore(db, identity), api: createSyncApi({ fetch }) });
 * await engine.sync();
 */
export class SyncEngine {
  readonly #store: LocalStore;
  readonly #api: SyncApi;
  readonly #clock: () => Date;
  readonly #random: () => number;
  readonly #timers: Timers;
  readonly #onStatus: (patch: Partial<SyncStatus>) => void;
  readonly #onUnauthorized: () => void;
  readonly #exclusive: <T>(cycle: () => Promise<T>) => Promise<T>;
  readonly #pushBatch: number;
  readonly #pullLimit: number | undefined;
  #current: Promise<SyncResult> | undefined;
  #next: Promise<SyncResult> | undefined;
  #timer: unknown;
  #failures = 0;
  #backoffMs = 0;
  #stopped = false;
  #needsLogin = false;

  constructor(options: SyncEngineOptions) {
    this.#store = options.store;
    this.#api = options.api;
    this.#clock = options.clock ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#timers = options.timers ?? defaultTimers;
    this.#onStatus = options.onStatus ?? (() => undefined);
    this.#onUnauthorized = options.onUnauthorized ?? (() => undefined);
    this.#exclusive = options.exclusive ?? ((cycle) => cycle());
    this.#pushBatch = options.pushBatch ?? PUSH_BATCH;
    // The server's largest page: a first sync of many rows needs few round trips.
    this.#pullLimit = options.pullLimit ?? 1000;
  }

  get needsLogin(): boolean {
    return this.#needsLogin;
  }

  /** Runs a cycle now (or right after the running one) and resolves with its outcome. */
  sync(): Promise<SyncResult> {
    if (this.#next) return this.#next;
    if (this.#current) {
      const next = this.#current.then(() => {
        this.#next = undefined;
        return this.#start();
      });
      this.#next = next;
      return next;
    }
    return this.#start();
  }

  /**
   * A sync after `delayMs` (debounced: a newer request replaces an older
   * timer), but never before a running backoff ends unless `urgent`.
   */
  schedule(delayMs = 300, { urgent = false }: { urgent?: boolean } = {}): void {
    if (this.#stopped || this.#needsLogin) return;
    if (urgent) this.#failures = 0;
    const wait = this.#failures > 0 ? Math.max(delayMs, this.#backoffMs) : delayMs;
    this.#setTimer(wait);
  }

  /** Stops timers and further cycles (logout, close). A running cycle finishes. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  /** Starts again after a stop or a 401 (the user signed in again). */
  resume(): void {
    this.#stopped = false;
    this.#needsLogin = false;
    this.#failures = 0;
    this.#onStatus({ needsLogin: false, error: null });
  }

  #start(): Promise<SyncResult> {
    const run = this.#exclusive(() => this.#cycle());
    const current = run.finally(() => {
      if (this.#current === current) this.#current = undefined;
    });
    this.#current = current;
    return current;
  }

  async #cycle(): Promise<SyncResult> {
    if (this.#stopped || this.#needsLogin) {
      return { ok: false, error: { status: 0, code: 'STOPPED', message: 'Sync is stopped' } };
    }
    this.#clearTimer();
    this.#onStatus({ syncing: true });
    try {
      const clientId = await this.#store.clientId();
      await this.#pushAll(clientId);
      await this.#pullAll(clientId);
      const at = this.#clock();
      await this.#store.markSynced(at);
      this.#failures = 0;
      this.#onStatus({ online: true, error: null, lastSyncAt: at.toISOString() });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: this.#failed(error) };
    } finally {
      const pending = await this.#store.pendingCount().catch(() => undefined);
      this.#onStatus({ syncing: false, ...(pending !== undefined ? { pending } : {}) });
    }
  }

  #failed(error: unknown): SyncFailure {
    const failure = syncFailure(error);
    if (failure.status === 401) {
      // The engine keeps the outbox as is; whether the session really ended (and the
      // device's data goes, the edits saved for download) is the owner's call.
      this.#needsLogin = true;
      this.#clearTimer();
      this.#onStatus({ needsLogin: true, error: 'UNAUTHENTICATED' });
      this.#onUnauthorized();
      return failure;
    }
    this.#failures += 1;
    this.#backoffMs = backoffDelay(this.#failures, this.#random);
    this.#onStatus({ error: failure.code, ...(failure.status === 0 ? { online: false } : {}) });
    if (!this.#stopped) this.#setTimer(this.#backoffMs);
    return failure;
  }

  async #pushAll(clientId: string): Promise<void> {
    for (;;) {
      const batch = await this.#store.outbox(this.#pushBatch);
      const last = batch.at(-1);
      if (last === undefined) return;
      const response = await this.#api.push({ clientId, mutations: batch.map(toWire) });
      await this.#store.applyPush(batch, response);
      this.#onStatus({ pending: await this.#store.pendingCount() });
      // The server stopped early (it settles in order): the pull reports the rest.
      if (response.lastSeq < last.seq) return;
    }
  }

  /**
   * Pulls every page, applying them in order. Why the next page is requested
   * before this one is applied: a first sync of a big organization would
   * otherwise wait on the network and on IndexedDB in turn, page after page.
   */
  async #pullAll(clientId: string): Promise<void> {
    let resynced = false;
    let next = this.#pullPage(await this.#store.cursor(), clientId);
    for (let page = 0; page < MAX_PAGES_PER_CYCLE; page++) {
      let response;
      try {
        response = await next;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 410 || resynced) throw error;
        await this.#store.resetForResync();
        resynced = true;
        next = this.#pullPage(0, clientId);
        continue;
      }
      const more = response.hasMore && page + 1 < MAX_PAGES_PER_CYCLE;
      if (more) next = this.#pullPage(response.cursor, clientId);
      try {
        await this.#store.applyPull(response);
      } catch (error) {
        // The page fetched ahead is dropped; its failure, if any, is not this cycle's.
        if (more) next.catch(() => undefined);
        throw error;
      }
      if (!response.hasMore) return;
    }
  }

  #pullPage(cursor: number, clientId: string): Promise<PullResponse> {
    return this.#api.pull({
      cursor,
      clientId,
      ...(this.#pullLimit !== undefined ? { limit: this.#pullLimit } : {}),
    });
  }

  #setTimer(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.sync();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function toWire({ seq, name, entityId, args, baseVersion }: OutboxEntry): SyncMutation {
  return { seq, name, entityId, args, baseVersion };
}

function syncFailure(error: unknown): SyncFailure {
  if (error instanceof ApiError)
    return { status: error.status, code: error.code, message: error.message };
  if (error instanceof NetworkError) {
    return {
      status: 0,
      code: 'NETWORK',
      message: `The server could not be reached: ${String(error.cause)}`,
    };
  }
  return { status: 0, code: 'LOCAL', message: String(error) };
}
