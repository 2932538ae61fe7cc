/**
 * `npm run bench -- sync`: the sync protocol's throughput next to the raw
 * storage it sits on, in the same run, so the ratio is what the protocol
 * (HTTP, validation, the mutator, change log, idempotency records) costs.
 */
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { uuidv7 } from '@kanjo/server';
import { benchApp, benchCredentials } from './app';
import { benchBrowserApply } from './sync-browser';
import { report } from './report';

/** BENCH_SYNC_MUTATIONS shrinks the run while iterating; the figures use 30,000. */
const MUTATIONS = Number(process.env.BENCH_SYNC_MUTATIONS ?? 30_000);
const BATCH = 100;

/** The arguments of the i-th benchmark customer, as a device's `customer.create` sends them. */
export function customerArgs(i: number) {
  return {
    kind: 'business',
    displayName: `Bench customer ${i} 株式会社`,
    email: `c${i}@bench.example`,
    billingAddress: { city: 'Tokyo', country: 'JP' },
    contactPersons: [],
    customFields: {},
  };
}

/** The process's resident memory in MB once garbage is collected. */
function settledRss(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
}

export async function benchSync(): Promise<void> {
  const { app, dir, sqlite, headers } = await benchApp({
    // BENCH_WEB_BUILD serves another build of the PWA (a before/after comparison).
    staticDir:
      process.env.BENCH_WEB_BUILD ?? fileURLToPath(new URL('../apps/web/build', import.meta.url)),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => server.once('listening', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const ids = Array.from({ length: MUTATIONS }, () => uuidv7());

    // Push: batches of 100 named mutations through real HTTP. The bodies are
    // made first, as a device has them in its outbox: the figure is the server's.
    const clientId = uuidv7();
    const bodies: string[] = [];
    for (let from = 0; from < MUTATIONS; from += BATCH) {
      const mutations = ids.slice(from, from + BATCH).map((id, k) => ({
        seq: from + k + 1,
        name: 'customer.create',
        entityId: id,
        args: customerArgs(from + k),
        baseVersion: 0,
      }));
      bodies.push(JSON.stringify({ clientId, mutations }));
    }
    const pushStart = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${base}/api/sync/push`, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
      const answer = (await res.json()) as { results: { status: string }[] };
      if (answer.results.some((r) => r.status !== 'applied'))
        throw new Error('a bench mutation was rejected');
    }
    const pushSeconds = (performance.now() - pushStart) / 1000;
    const pushRate = MUTATIONS / pushSeconds;
    report({
      name: `push: ${MUTATIONS} mutations via HTTP, batches of ${BATCH}`,
      value: pushRate,
      unit: 'mut/s',
      goal: 10_000,
      lowerIsBetter: false,
    });

    // The same rows straight into SQLite with the same durability settings.
    const raw = new SQLite(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(
      'create table customers (organization_id text, id text, version integer, data text, primary key (organization_id, id))',
    );
    const insert = raw.prepare('insert into customers values (?, ?, ?, ?)');
    const insertBatch = raw.transaction((rows: { id: string; i: number }[]) => {
      for (const r of rows)
        insert.run('org', r.id, r.i + 1, JSON.stringify({ id: r.id, ...customerArgs(r.i) }));
    });
    const rawStart = performance.now();
    for (let from = 0; from < MUTATIONS; from += BATCH) {
      insertBatch(ids.slice(from, from + BATCH).map((id, k) => ({ id, i: from + k })));
    }
    const rawRate = MUTATIONS / ((performance.now() - rawStart) / 1000);
    raw.close();
    report({
      name: 'raw SQLite insert of the same rows, same batches',
      value: rawRate,
      unit: 'rows/s',
      lowerIsBetter: false,
    });
    report({
      name: 'push cost: raw insert rate / push rate',
      value: rawRate / pushRate,
      unit: '×',
      goal: 10,
      lowerIsBetter: true,
    });

    // Pull: every row from cursor 0.
    const pullAll = async (): Promise<number> => {
      let cursor = 0;
      let count = 0;
      for (;;) {
        const res = await fetch(
          `${base}/api/sync/pull?cursor=${cursor}&limit=1000&clientId=${clientId}`,
          { headers },
        );
        if (res.status !== 200) throw new Error(`pull failed: ${res.status}`);
        const page = (await res.json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
        count += page.changes.length;
        cursor = page.cursor;
        if (!page.hasMore) return count;
      }
    };
    const pullStart = performance.now();
    const pulled = await pullAll();
    const pullRate = pulled / ((performance.now() - pullStart) / 1000);
    report({
      name: `pull: ${pulled} rows from cursor 0, pages of 1000`,
      value: pullRate,
      unit: 'rows/s',
      goal: 5000,
      lowerIsBetter: false,
    });

    // The server's memory (this process: the server and its in-process client) after the
    // pull, and after the same pull again: a pull must not leave anything behind.
    const afterPull = settledRss();
    await pullAll();
    const afterRepeat = settledRss();
    report({
      name: 'server RSS after the pull',
      value: afterPull,
      unit: 'MB',
      lowerIsBetter: true,
    });
    report({
      name: 'server RSS after the same pull again',
      value: afterRepeat,
      unit: 'MB',
      goal: Math.round(afterPull * 1.05),
      lowerIsBetter: true,
    });

    await benchBrowserApply(base, pulled, benchCredentials);
  } finally {
    server.close();
    sqlite.close();
  }
}
