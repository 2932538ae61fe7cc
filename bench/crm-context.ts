import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { serveEmulator, seedEmulator } from '@kanjo/crm-emulator';
import { DEFAULT_CRM_SYNC_SETTINGS, type CrmRunTrigger, type CrmSyncSettings } from '@kanjo/core';
import { crmClientFor, runCrmSync } from '@kanjo/server';
import { benchApp, benchCredentials, servedBenchApp } from './app';

type CustomerModule = CrmSyncSettings['customers']['module'];
type Calls = Record<string, number>;

/** Calls by emulator route in one sync: `/crm/v8` reads and writes, OAuth apart. */
export interface CallCount {
  reads: number;
  writes: number;
  oauth: number;
  byRoute: Calls;
}

export interface Measured {
  seconds: number;
  /** Of `seconds`, the time the emulator spent answering (it runs in this process). */
  emulatorSeconds: number;
  calls: CallCount;
  /** The run's own tally by entity and action, e.g. `{ customer: { added: 2000 } }`. */
  counts: Record<string, Record<string, number>>;
}

interface RunSummary {
  status: string;
  error: string | null;
  counts: Measured['counts'];
}

/** Records written per emulator second while seeding: a book made over time, as a real one is. */
const PER_SECOND = 100;

export function countCalls(before: Calls, after: Calls): CallCount {
  const count: CallCount = { reads: 0, writes: 0, oauth: 0, byRoute: {} };
  for (const [route, total] of Object.entries(after)) {
    const n = total - (before[route] ?? 0);
    if (n === 0 || route.includes('/__emulator/')) continue;
    count.byRoute[route] = n;
    if (!route.includes(' /crm/v8/')) count.oauth += n;
    else if (route.startsWith('GET ') || route.endsWith('/coql')) count.reads += n;
    else count.writes += n;
  }
  return count;
}

/**
 * A Kanjo org connected over real HTTP to its own emulator holding `accounts`
 * Accounts (with `seedAccounts`' contacts, deals and N/10 products) and N/10
 * more Products, with the verbs the bench speaks. With `listen`, Kanjo serves
 * on a port as its `PUBLIC_URL`, so it keeps notification channels; the
 * emulator's callbacks stay off until `notifications(true)`.
 */
export async function crmBench({
  accounts,
  module,
  listen = false,
}: {
  accounts: number;
  module: CustomerModule;
  listen?: boolean;
}) {
  // Seeding runs in the emulator's past, ≤ 100 records a second: with the whole book in one
  // second, the reconciler's one-second overlap would re-read all of it on every run.
  const clock = { lagSeconds: 0, now: () => new Date(Date.now() - clock.lagSeconds * 1000) };
  const emulatorDb = new Database(':memory:');
  const emulator = await serveEmulator({ db: emulatorDb, port: 0, clock: () => clock.now() });
  const served = timeServed(emulator.app);
  const extraProducts = Math.floor(accounts / 10);
  const seconds = Math.ceil(accounts / PER_SECOND) + Math.ceil(extraProducts / PER_SECOND);
  clock.lagSeconds = seconds + 5;
  for (let done = 0; done < accounts; done += PER_SECOND) {
    const seed = Math.min(PER_SECOND, accounts - done);
    seedEmulator({ db: emulatorDb, clock: () => clock.now(), seed });
    clock.lagSeconds -= 1;
  }
  const kanjo = listen ? await servedBenchApp() : { ...(await benchApp()), close: async () => {} };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await kanjo.app.request(`http://127.0.0.1${path}`, {
      method,
      headers: kanjo.headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    // In process: the bench's own bookkeeping is not a CRM call and must not share the sync's sockets.
    const res = await emulator.app.request(`/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const close = async () => {
    await emulator.close();
    await kanjo.close();
    kanjo.sqlite.close();
    emulatorDb.close();
  };
  const { deps, organizationId } = kanjo;
  const crm = () => crmClientFor(deps, organizationId);
  try {
    // The setup's own CRM writes must not call back: they would start runs beside the initial sync.
    if (listen) await control('POST', '/notifications', { enabled: false });
    await connect({ api, control, url: emulator.url, module });
    for (let done = 0; done < extraProducts; done += PER_SECOND) {
      const count = Math.min(PER_SECOND, extraProducts - done);
      const results = await (await crm()).insert('Products', benchProducts(done, count));
      if (results.some((r) => !r.ok)) throw new Error('the emulator refused a bench product');
      clock.lagSeconds -= 1;
    }
    clock.lagSeconds = 0;
  } catch (error) {
    await close();
    throw error;
  }
  const calls = async () => (await control('GET', '/stats')).calls as Calls;
  return {
    ...kanjo,
    api,
    close,
    crm,
    control,
    emulator,
    /** The emulator's call counts by route, e.g. for `countCalls(before, after)`. */
    calls,
    /** Switches the emulator's notification callbacks (Zoho has no such switch). */
    notifications: async (enabled: boolean) => {
      await control('POST', '/notifications', { enabled });
    },
    products: 2 * extraProducts,
    /** One whole run through `runCrmSync`; its wall time and the calls the emulator saw. */
    async sync({ trigger = 'manual' }: { trigger?: CrmRunTrigger } = {}): Promise<Measured> {
      const before = await calls();
      const servedBefore = served.ms;
      const start = performance.now();
      const { runId } = await runCrmSync({ deps, organizationId, trigger });
      const seconds = (performance.now() - start) / 1000;
      const emulatorSeconds = (served.ms - servedBefore) / 1000;
      const after = await calls();
      const { run } = (await api('GET', `/api/crm/runs/${runId}?limit=1`)) as { run: RunSummary };
      if (run.status !== 'succeeded') throw new Error(`CRM sync ${run.status}: ${run.error}`);
      return { seconds, emulatorSeconds, calls: countCalls(before, after), counts: run.counts };
    },
  };
}

/** Sums the time the emulator spends in its handlers, to tell its cost from Kanjo's. */
function timeServed(app: { fetch: (...args: never[]) => Response | Promise<Response> }) {
  const served = { ms: 0 };
  const fetch = app.fetch.bind(app);
  app.fetch = async (...args: Parameters<typeof fetch>) => {
    const start = performance.now();
    try {
      return await fetch(...args);
    } finally {
      served.ms += performance.now() - start;
    }
  };
  return served;
}

export type CrmBench = Awaited<ReturnType<typeof crmBench>>;

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Connects the org to the emulator and saves the sync rules: `module`, items both ways. */
async function connect(args: { api: Call; control: Call; url: string; module: CustomerModule }) {
  const { api, control, url, module } = args;
  const client = await control('POST', '/clients', { email: benchCredentials.email });
  await api('PUT', '/api/crm/connection', {
    email: benchCredentials.email,
    apiDomain: url,
    accountsUrl: url,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    refreshToken: client.refresh_token,
  });
  const settings = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  settings.customers.module = module;
  settings.items.mode = 'both';
  await api('PUT', '/api/crm/settings', { settings });
}

const benchProducts = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => ({
    Product_Name: `Bench product ${from + k + 1}`,
    Product_Code: `BP-${from + k + 1}`,
    Unit_Price: 500 + from + k,
    Product_Active: true,
  }));
