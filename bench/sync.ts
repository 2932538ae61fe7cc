/**
 * `npm run bench -- sync`: the sync protocol's throughput next to the raw
 * storage it sits on, in the same run, so the ratio is what the protocol
 * (HTTP, validation, the mutator, change log, idempotency records) costs.
 */
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { uuidv7 } from '@kanjo/server';
import { benchApp, benchCredentials } from './app';
import { benchBrowserApply } from './sync-browser';
import { ratio, report } from './report';

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

    // Push: batches of 100 named mutations through real HTTP.
    const clientId = uuidv7();
    const pushStart = performance.now();
    for (let from = 0; from < MUTATIONS; from += BATCH) {
      const mutations = ids.slice(from, from + BATCH).map((id, k) => ({
        seq: from + k + 1,
        name: 'customer.create',
        entityId: id,
        args: customerArgs(from + k),
        baseVersion: 0,
      }));
      const res = await fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ clientId, mutations }),
      });
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { results: { status: string }[] };
      if (body.results.some((r) => r.status !== 'applied'))
        throw new Error('a bench mutation was rejected');
    }
    const pushSeconds = (performance.now() - pushStart) / 1000;
    const pushRate = MUTATIONS / pushSeconds;
    report({
      name: `push: ${MUTATIONS} mutations via HTTP, batches of ${BATCH}`,
      value: pushRate,
      unit: 'mut/s',
      goal: 1000,
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
    ratio('push cost: raw insert rate / push rate', rawRate / pushRate, '(lower is better)');

    // Pull: every row from cursor 0.
    const pullStart = performance.now();
    let cursor = 0;
    let pulled = 0;
    const rows: unknown[] = [];
    for (;;) {
      const res = await fetch(
        `${base}/api/sync/pull?cursor=${cursor}&limit=1000&clientId=${clientId}`,
        { headers },
      );
      if (res.status !== 200) throw new Error(`pull failed: ${res.status}`);
      const page = (await res.json()) as {
        changes: { row: unknown }[];
        cursor: number;
        hasMore: boolean;
      };
      pulled += page.changes.length;
      for (const change of page.changes) rows.push(change.row);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const pullRate = pulled / ((performance.now() - pullStart) / 1000);
    report({
      name: `pull: ${pulled} rows from cursor 0, pages of 1000`,
      value: pullRate,
      unit: 'rows/s',
      goal: 5000,
      lowerIsBetter: false,
    });

    await benchBrowserApply(base, pulled, benchCredentials);
  } finally {
    server.close();
    sqlite.close();
  }
}
