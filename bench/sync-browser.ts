/**
 * The browser half of the sync benchmark, in headless Chromium: how fast the
 * real app pulls and applies every row into Dexie next to a raw Dexie
 * bulkPut of the same rows in the same page, the page's JS heap after that
 * pull and after the same pull again, how long until the first list renders
 * from local data, and how long each frame of a scrolled long list takes.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import type { KanjoProbes } from './browser/probes';
import { ratio, report } from './report';

const here = fileURLToPath(new URL('.', import.meta.url));
const SYNC_TIMEOUT_MS = 300_000;
const SCROLL_FRAMES = 300;
/** About three rows of the customer list per frame: a brisk fling. */
const SCROLL_STEP_PX = 240;
const MB = 1024 * 1024;

async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [`${here}browser/${entry}`],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced nothing');
  return file.text;
}

/** Runs one of the in-page probes (bench/browser/probes.ts) with its arguments. */
async function probe<K extends keyof KanjoProbes>(
  page: Page,
  name: K,
  ...args: Parameters<KanjoProbes[K]>
): Promise<Awaited<ReturnType<KanjoProbes[K]>>> {
  const result: unknown = await page.evaluate(
    ([n, a]: [string, unknown[]]) => {
      type Probes = Record<string, (...x: unknown[]) => unknown>;
      const probes = (window as unknown as { kanjoProbes: Probes }).kanjoProbes;
      const run = probes[n];
      if (!run) throw new Error(`no probe ${n}`);
      return run(...a);
    },
    [name, args] as [string, unknown[]],
  );
  return result as Awaited<ReturnType<KanjoProbes[K]>>;
}

/** The page's live JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function login(page: Page, base: string, credentials: { email: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/email/i).fill(credentials.email);
  await page.getByLabel(/password/i).fill(credentials.password);
  const since = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /log in/i }).click();
  return since;
}

/** A bare Dexie bulkPut of every row, fetched beforehand, in the same page; rows/s. */
async function rawBulkPutRate(page: Page, base: string, expected: number): Promise<number> {
  // The raw bulkPut is injected as a script, which the app's CSP forbids; a benchmark may.
  await page.addScriptTag({ content: await bundle('raw-dexie.ts') });
  const rawMs = await page.evaluate(async (url) => {
    const rows: unknown[] = [];
    let cursor = 0;
    for (;;) {
      const res = await fetch(`${url}/api/sync/pull?cursor=${cursor}&limit=1000`, {
        credentials: 'same-origin',
      });
      const page = (await res.json()) as {
        changes: { row: unknown }[];
        cursor: number;
        hasMore: boolean;
      };
      for (const c of page.changes) rows.push(c.row);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const bench = (window as unknown as { kanjoRawBulkPut: (rows: unknown[]) => Promise<number> })
      .kanjoRawBulkPut;
    return bench(rows);
  }, base);
  return expected / (rawMs / 1000);
}

/** Reloads the customer list and waits for its first row; ms from navigation. */
async function firstListRender(page: Page, base: string): Promise<number> {
  const start = Date.now();
  await page.goto(`${base}/customers`);
  await page.locator('main [role="listitem"], main li a').first().waitFor({ timeout: 60_000 });
  return Date.now() - start;
}

export async function benchBrowserApply(
  base: string,
  expected: number,
  credentials: { email: string; password: string },
): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    await context.addInitScript({ content: await bundle('probes.ts') });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);

    // The real app: log in; the sync engine pulls every row into Dexie.
    const since = await login(page, base, credentials);
    const sync = await probe(page, 'waitForSync', expected, since, SYNC_TIMEOUT_MS);
    const appRate = expected / ((sync.done - sync.firstPull) / 1000);
    const heapFirst = await heapAfterGc(cdp);

    // The same pull again, from cursor 0, in the same page.
    await probe(page, 'resetCursor');
    const again = await page.evaluate(() => performance.now());
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const repull = await probe(page, 'waitForSync', expected, again, SYNC_TIMEOUT_MS);
    const heapAgain = await heapAfterGc(cdp);

    const rawRate = await rawBulkPutRate(page, base, expected);
    report({
      name: `raw Dexie bulkPut of the same ${expected} rows`,
      value: rawRate,
      unit: 'rows/s',
      lowerIsBetter: false,
    });
    report({
      name: `app: pull + apply ${expected} rows into Dexie`,
      value: appRate,
      unit: 'rows/s',
      goal: Math.round(rawRate / 2),
      lowerIsBetter: false,
    });
    report({
      name: `app: the same pull again, from cursor 0`,
      value: expected / ((repull.done - repull.firstPull) / 1000),
      unit: 'rows/s',
      lowerIsBetter: false,
    });
    report({
      name: '  from the login click to every row stored',
      value: (sync.done - since) / 1000,
      unit: 's',
      lowerIsBetter: true,
    });
    ratio('apply cost: raw bulkPut rate / app pull+apply rate', rawRate / appRate, '(goal ≤ 2)');
    report({
      name: `page JS heap after the ${expected}-row pull`,
      value: heapFirst / MB,
      unit: 'MB',
      lowerIsBetter: true,
    });
    report({
      name: `page JS heap after the same pull again`,
      value: heapAgain / MB,
      unit: 'MB',
      // Must not grow; one MB of slack for what a collection leaves either way.
      goal: Number((heapFirst / MB + 1).toFixed(2)),
      lowerIsBetter: true,
    });

    report({
      name: `first list render with ${expected} local rows (reload)`,
      value: await firstListRender(page, base),
      unit: 'ms',
      goal: 400,
      lowerIsBetter: true,
    });

    // Every row is loaded once the list announces the full count.
    await page.locator(`main li[aria-setsize="${expected}"]`).first().waitFor();
    const frames = await probe(page, 'scrollFrames', SCROLL_FRAMES, SCROLL_STEP_PX);
    report({
      name: `scroll the ${expected}-row list: p95 frame (${SCROLL_FRAMES} frames)`,
      value: percentile(frames, 95),
      unit: 'ms',
      goal: 16,
      lowerIsBetter: true,
    });
  } finally {
    await browser.close();
  }
}
