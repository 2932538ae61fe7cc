import { seedEmulator, serveEmulator } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZohoClient } from './client.js';

const ACCOUNTS = 25_000;
const CONCURRENCY = 4;

interface EmulatorStats {
  calls: Record<string, number>;
  faults: Record<string, number>;
  peakInFlight: number;
}

/**
 * The acceptance for the client: 25,000 seeded accounts walked with `page`
 * then `page_token` over real HTTP, each exactly once, also while the emulator
 * injects 429 and 500 answers, and never more requests in flight than allowed.
 */
describe('paging 25,000 accounts against the emulator', () => {
  let close: (() => Promise<void>) | undefined;
  let baseUrl = '';
  let expectedIds = new Set<string>();

  beforeAll(async () => {
    const db = new Database(':memory:');
    const clock = () => new Date();
    const served = await serveEmulator({
      db,
      clock,
      port: 0,
      options: { concurrency: CONCURRENCY },
    });
    baseUrl = served.url;
    close = served.close;
    seedEmulator({ db, clock, seed: ACCOUNTS });
    const rows = db.prepare(`SELECT id FROM records WHERE module = 'Accounts'`).all() as {
      id: string;
    }[];
    expectedIds = new Set(rows.map((r) => r.id));
    // Seeding ~73,000 records takes about 10 s on a busy machine: past the default hook limit.
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  beforeEach(async () => {
    await control('DELETE', '/faults');
  });

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async function newClient() {
    const creds = (await control('POST', '/clients', {})) as Record<string, string>;
    return createZohoClient({
      accountsUrl: baseUrl,
      clientId: creds.client_id ?? '',
      clientSecret: creds.client_secret ?? '',
      refreshToken: creds.refresh_token ?? '',
      maxConcurrency: CONCURRENCY,
      retries: 12,
      sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
    });
  }

  async function walk(crm: Awaited<ReturnType<typeof newClient>>): Promise<string[]> {
    const ids: string[] = [];
    for await (const record of crm.listAll('Accounts', { fields: ['Account_Name'] })) {
      ids.push(String(record.id));
    }
    return ids;
  }

  function expectEachOnce(ids: string[]): void {
    expect(ids).toHaveLength(ACCOUNTS);
    expect(new Set(ids).size).toBe(ACCOUNTS);
    expect(ids.every((id) => expectedIds.has(id))).toBe(true);
  }

  it('gets each account exactly once, switching from page to page_token after 2,000', async () => {
    const crm = await newClient();
    expectEachOnce(await walk(crm));
    const stats = (await control('GET', '/stats')) as EmulatorStats;
    // 10 pages by `page`, then 115 by `page_token`: 125 list calls of 200.
    expect(stats.calls['GET /crm/v8/Accounts']).toBe(ACCOUNTS / 200);
    expect(crm.stats().retries).toBe(0);
  });

  it('under 20% injected 429/500 faults, six parallel walks on one client get everything, within the concurrency limit', async () => {
    await control('POST', '/faults', {
      seed: 20261129,
      rules: [{ route: 'GET /crm/v8/Accounts', error429: 0.1, error500: 0.1 }],
    });
    const crm = await newClient();
    const walks = await Promise.all(Array.from({ length: CONCURRENCY + 2 }, () => walk(crm)));
    for (const ids of walks) expectEachOnce(ids);

    const stats = (await control('GET', '/stats')) as EmulatorStats;
    const injected = (stats.faults['429'] ?? 0) + (stats.faults['500'] ?? 0);
    // The faults really happened, and each was retried: none came from exceeding the
    // emulator's concurrency limit, which would be a 429 the emulator did not inject.
    expect(injected).toBeGreaterThan(100);
    expect(crm.stats().retries).toBe(injected);
    expect(stats.peakInFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(stats.peakInFlight).toBeGreaterThan(1);
  });
});
