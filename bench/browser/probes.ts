/**
 * In-page probes of the browser benchmark, bundled and injected before the
 * app's own scripts. They read the app's IndexedDB directly, never through
 * the app, so what they measure is what the app committed.
 */

const APP_DB_PREFIX = 'kanjo-';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function openAppDb(): Promise<IDBDatabase | undefined> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  const name = names.find((n) => n.startsWith(APP_DB_PREFIX));
  if (name === undefined) return undefined;
  const db = await request(indexedDB.open(name));
  if (db.objectStoreNames.contains('_meta')) return db;
  db.close();
  return undefined;
}

/** The `_meta` value `key` and the row count of `table`, read in one transaction. */
async function snapshot(table: string, key: string): Promise<{ meta: unknown; rows: number }> {
  const db = await openAppDb();
  if (!db) return { meta: undefined, rows: 0 };
  try {
    const tx = db.transaction(['_meta', table]);
    const [row, rows] = await Promise.all([
      request(tx.objectStore('_meta').get(key) as IDBRequest<{ value: unknown } | undefined>),
      request(tx.objectStore(table).count()),
    ]);
    return { meta: row?.value, rows };
  } finally {
    db.close();
  }
}

/** The pull requests that started after `since`, as [start, end] in page time. */
function pullsSince(since: number): [number, number][] {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/sync/pull') && e.startTime >= since)
    .map((e) => [e.startTime, (e as PerformanceResourceTiming).responseEnd]);
}

/**
 * Waits until a sync cycle that pulled after `since` (page time) finished
 * with at least `rows` customers stored: its `lastSyncAt` is later than the
 * end of the last pull. Resolves with when its first pull request started
 * and when the finish was seen.
 */
async function waitForSync(
  rows: number,
  since: number,
  timeoutMs: number,
): Promise<{ firstPull: number; done: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = await snapshot('customers', 'lastSyncAt');
    const pulls = pullsSince(since);
    const lastEnd = Math.max(...pulls.map(([, end]) => end));
    const syncedAt = typeof now.meta === 'string' ? Date.parse(now.meta) : 0;
    if (pulls.length > 0 && now.rows >= rows && syncedAt >= performance.timeOrigin + lastEnd) {
      return { firstPull: Math.min(...pulls.map(([start]) => start)), done: performance.now() };
    }
    if (performance.now() > deadline) throw new Error(`only ${now.rows} of ${rows} rows arrived`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

/** Sets the app's pull cursor back to 0, so its next sync downloads every row again. */
async function resetCursor(): Promise<void> {
  const db = await openAppDb();
  if (!db) throw new Error('the app has no database yet');
  const tx = db.transaction('_meta', 'readwrite');
  tx.objectStore('_meta').put({ key: 'cursor', value: 0 });
  await new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  db.close();
}

/**
 * Scrolls the page by `step` px in each of `frames` animation frames and
 * returns each frame's main-thread time: from the frame's animation
 * callbacks through style, layout and paint (a message posted in the
 * callback runs only after the frame was rendered).
 */
function scrollFrames(frames: number, step: number): Promise<number[]> {
  const times: number[] = [];
  const channel = new MessageChannel();
  return new Promise((ok) => {
    let start = 0;
    channel.port1.onmessage = () => {
      times.push(performance.now() - start);
      if (times.length < frames) requestAnimationFrame(frame);
      else ok(times);
    };
    const frame = () => {
      start = performance.now();
      window.scrollBy(0, step);
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(frame);
  });
}

// Every request of a long benchmark is kept (the default keeps 250).
performance.setResourceTimingBufferSize(100_000);

const probes = { waitForSync, resetCursor, scrollFrames };
export type KanjoProbes = typeof probes;
(window as unknown as { kanjoProbes: KanjoProbes }).kanjoProbes = probes;
