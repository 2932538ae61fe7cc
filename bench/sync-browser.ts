/**
 * The browser half of the sync benchmark, in headless Chromium: how long the
 * real app takes to apply every pulled row into Dexie, next to a raw Dexie
 * bulkPut of the same rows in the same page, and how long until the first
 * list renders from local data.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ratio, report } from './report';

const here = fileURLToPath(new URL('.', import.meta.url));

async function rawDexieScript(): Promise<string> {
  const out = await build({
    entryPoints: [`${here}browser/raw-dexie.ts`],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced nothing');
  return file.text;
}

async function countLocal(page: Page, table: string): Promise<number> {
  return page.evaluate(async (tableName) => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith('kanjo-'));
    let total = 0;
    for (const name of names) {
      total += await new Promise<number>((ok) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains(tableName)) {
            idb.close();
            return ok(0);
          }
          const req = idb.transaction(tableName).objectStore(tableName).count();
          req.onsuccess = () => {
            idb.close();
            ok(req.result);
          };
          req.onerror = () => ok(0);
        };
        open.onerror = () => ok(0);
      });
    }
    return total;
  }, table);
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
    // The raw bulkPut below is injected as a script, which the app's CSP forbids; a benchmark may.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();

    // The real app: log in; the sync engine pulls every row into Dexie.
    await page.goto(`${base}/login`);
    await page.getByLabel(/email/i).fill(credentials.email);
    await page.getByLabel(/password/i).fill(credentials.password);
    const start = Date.now();
    await page.getByRole('button', { name: /log in/i }).click();
    const deadline = start + 300_000;
    let local = 0;
    while ((local = await countLocal(page, 'customers')) < expected) {
      if (Date.now() > deadline) throw new Error(`only ${local} of ${expected} rows arrived`);
      await page.waitForTimeout(100);
    }
    const appSeconds = (Date.now() - start) / 1000;
    report({
      name: `app: pull + apply ${expected} rows into Dexie`,
      value: expected / appSeconds,
      unit: 'rows/s',
      goal: 3000,
      lowerIsBetter: false,
    });

    // The same rows with a bare Dexie bulkPut in the same page.
    await page.addScriptTag({ content: await rawDexieScript() });
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
    const rawRate = expected / (rawMs / 1000);
    report({
      name: `raw Dexie bulkPut of the same ${expected} rows`,
      value: rawRate,
      unit: 'rows/s',
      lowerIsBetter: false,
    });
    ratio(
      'apply cost: raw bulkPut rate / app pull+apply rate',
      rawRate / (expected / appSeconds),
      '(lower is better)',
    );

    // First list render from local data after a reload.
    const renderStart = Date.now();
    await page.goto(`${base}/customers`);
    await page
      .locator('main [role="listitem"], main [role="row"], main li a')
      .first()
      .waitFor({ timeout: 60_000 });
    report({
      name: `first list render with ${expected} local rows (reload)`,
      value: Date.now() - renderStart,
      unit: 'ms',
      goal: 1500,
      lowerIsBetter: true,
    });
  } finally {
    await browser.close();
  }
}
