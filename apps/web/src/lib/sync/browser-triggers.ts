import { pokeSchema } from '@kanjo/core';
import { liveQuery } from 'dexie';
import * as v from 'valibot';
import { getMeta } from '$lib/db/meta';
import type { KanjoDB } from '$lib/db/schema';
import { backoffDelay } from './backoff';
import type { SyncEngine, SyncStatus } from './engine';

/** Background syncs every 45 s, on top of the event-driven ones. */
export const SYNC_INTERVAL_MS = 45_000;

export interface BrowserSyncOptions {
  engine: SyncEngine;
  db: KanjoDB;
  userId: string;
  onStatus: (patch: Partial<SyncStatus>) => void;
  baseUrl?: string;
}

/** The Web Locks name of the tab that syncs for `userId`. */
export const leaderLock = (userId: string) => `kanjo-sync-${userId}`;

/**
 * Wires the engine to the browser. Every tab keeps the counts in the status
 * current (liveQuery sees other tabs' commits); one tab per browser — the
 * Web Locks leader — syncs on start, `online`, tab visible, every 45 s, on
 * server pokes (SSE) and when any tab queues an edit. Returns the teardown.
 */
export function startBrowserSync(options: BrowserSyncOptions): () => void {
  const { engine, db, userId, onStatus } = options;
  const teardown: (() => void)[] = [];
  let leading = false;
  let lastPending = 0;

  const counts = liveQuery(async () => ({
    pending: await db._outbox.count(),
    rejected: await db._rejections.count(),
    conflicts: await db._conflicts.filter((conflict) => !conflict.resolvedAt).count(),
    lastSyncAt: (await getMeta(db, 'lastSyncAt')) ?? null,
  })).subscribe({
    next: (value) => {
      onStatus(value);
      // Another tab's edit: the leader sends it.
      if (leading && value.pending > lastPending) engine.schedule();
      lastPending = value.pending;
    },
    error: () => undefined,
  });
  teardown.push(() => counts.unsubscribe());

  const lead = (): (() => void) => {
    leading = true;
    const stop = leadSync(options);
    return () => {
      leading = false;
      stop();
    };
  };

  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) {
    const abort = new AbortController();
    let release: (() => void) | undefined;
    locks
      .request(leaderLock(userId), { signal: abort.signal }, () => {
        const stop = lead();
        return new Promise<void>((resolve) => {
          release = () => {
            stop();
            resolve();
          };
        });
      })
      .catch(() => undefined);
    teardown.push(() => {
      abort.abort();
      release?.();
    });
  } else {
    teardown.push(lead());
  }
  return () => {
    for (const stop of teardown.reverse()) stop();
  };
}

/** The leader's triggers; returns their teardown. */
function leadSync({ engine, db, onStatus, baseUrl = '' }: BrowserSyncOptions): () => void {
  engine.schedule(0, { urgent: true });
  const online = () => {
    onStatus({ online: true });
    engine.schedule(0, { urgent: true });
  };
  const offline = () => onStatus({ online: false });
  const visible = () => {
    if (document.visibilityState === 'visible') engine.schedule(0);
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visible);
  const interval = setInterval(() => engine.schedule(0), SYNC_INTERVAL_MS);
  const closeEvents = listenForPokes(
    `${baseUrl}/api/sync/events`,
    async (seq) => {
      // Our own push also pokes: only a seq past our cursor is news.
      if (seq > ((await getMeta(db, 'cursor')) ?? 0)) engine.schedule(100);
    },
    // The server closed the stream because the session ended: a sync now meets the 401.
    () => engine.schedule(0, { urgent: true }),
  );
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', visible);
    clearInterval(interval);
    closeEvents();
  };
}

/**
 * `GET /api/sync/events`. EventSource retries dropped connections itself; one
 * it gave up on (an HTTP error) is reopened here with backoff. `end` (the
 * session ended) closes it for good and calls `onEnd`.
 */
function listenForPokes(
  url: string,
  onPoke: (seq: number) => Promise<void>,
  onEnd: () => void,
): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;
  const open = () => {
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('poke', (event) => {
      failures = 0;
      const poke = v.safeParse(pokeSchema, parseJson(event.data));
      if (poke.success) void onPoke(poke.output.seq).catch(() => undefined);
    });
    source.addEventListener('end', () => {
      closed = true;
      source?.close();
      onEnd();
    });
    source.addEventListener('error', () => {
      if (closed || source?.readyState !== EventSource.CLOSED) return;
      failures += 1;
      timer = setTimeout(open, backoffDelay(failures, Math.random));
    });
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}

function parseJson(data: unknown): unknown {
  try {
    return typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return undefined;
  }
}
