/**
 * `npm run bench -- scale`: push throughput of real server processes on
 * SQLite (one instance) and on PostgreSQL (one and two instances sharing it),
 * with 1 and with 50 organizations. Every row offers the same load (the same
 * mutations, the same number of concurrent devices pushing batches of 100
 * over HTTP), so the ratios compare only the server side. Each run ends by
 * checking that every mutation was acknowledged and stored exactly once.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PullResponse, PushRequest, PushResponse } from '@kanjo/core';
import { uuidv7 } from '@kanjo/server';
import { startPostgresCluster, type PostgresCluster } from '../apps/server/test/postgres-cluster';
import { startInstance, type Instance } from './scale-instances';
import { customerArgs } from './sync';
import { report } from './report';

const BATCH = 100;
const MUTATIONS = positive(process.env.SCALE_MUTATIONS, 5_000);
/** Pushed mutations a second that two instances on one PostgreSQL should take. */
const POSTGRES_GOAL = 5_000;

/** Devices pushing at once in every configuration, spread evenly over the instances. */
const CLIENTS = positive(process.env.SCALE_CLIENTS, 8);
const PASSWORD = 'scale bench password';
/** A push answered 503 TRY_AGAIN is sent again, up to this many times in all. */
const MAX_ATTEMPTS = 20;

interface Configuration {
  engine: 'SQLite' | 'PostgreSQL';
  instances: number;
  organizations: number;
}

const configurations: Configuration[] = [
  { engine: 'SQLite', instances: 1, organizations: 1 },
  { engine: 'SQLite', instances: 1, organizations: 50 },
  { engine: 'PostgreSQL', instances: 1, organizations: 1 },
  { engine: 'PostgreSQL', instances: 1, organizations: 50 },
  { engine: 'PostgreSQL', instances: 2, organizations: 1 },
  { engine: 'PostgreSQL', instances: 2, organizations: 50 },
];

interface Organization {
  headers: Record<string, string>;
  /** How many customers its devices create. */
  expected: number;
}

interface Device {
  organization: Organization;
  clientId: string;
  count: number;
  /** The instance it pushed to; its acknowledgement is read back on the next one. */
  instance: number;
}

interface Outcome {
  seconds: number;
  /** Pushes answered 503 TRY_AGAIN and sent again, as a device's sync client does. */
  retries: number;
  check: string;
  ok: boolean;
}

export async function benchScale(): Promise<void> {
  console.log(
    `cores: ${availableParallelism()}, load average ${loadAverage()}; ${MUTATIONS} customer.create mutations per row in pushes of ${BATCH}, ` +
      `${CLIENTS} devices pushing at once (SCALE_MUTATIONS, SCALE_CLIENTS)`,
  );
  let cluster: PostgresCluster | undefined;
  const rows: { name: string; outcome: Outcome }[] = [];
  try {
    for (const configuration of configurations) {
      let databaseUrl: string | undefined;
      if (configuration.engine === 'PostgreSQL') {
        // Durable: PostgreSQL fsyncs its commits as SQLite's synchronous=FULL does.
        cluster ??= await startPostgresCluster({ durable: true });
        databaseUrl = await cluster.createDatabase();
      }
      const name = `${configuration.engine}, ${configuration.instances} instance${configuration.instances > 1 ? 's' : ''}, ${configuration.organizations} org${configuration.organizations > 1 ? 's' : ''}`;
      const outcome = await runConfiguration(configuration, databaseUrl);
      console.log(`${name}: ${outcome.check}`);
      rows.push({ name, outcome });
    }
  } finally {
    await cluster?.stop();
  }
  printTable(rows);
  const twoInstances = rows.filter((row) => row.name.startsWith('PostgreSQL, 2 instances'));
  const best = Math.max(...twoInstances.map((row) => MUTATIONS / row.outcome.seconds));
  if (twoInstances.length > 0) {
    report({
      name: 'PostgreSQL, 2 instances: the better of 1 and 50 orgs',
      value: best,
      unit: 'mut/s',
      goal: POSTGRES_GOAL,
      lowerIsBetter: false,
    });
  }
  console.log(`load average at the end: ${loadAverage()}`);
  if (rows.some((row) => !row.outcome.ok)) process.exitCode = 1;
}

async function runConfiguration(
  configuration: Configuration,
  databaseUrl: string | undefined,
): Promise<Outcome> {
  // Two instances on one database start together: the migrator's lock lets one migrate.
  const started = await Promise.allSettled(
    Array.from({ length: configuration.instances }, () => startInstance(databaseUrl)),
  );
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const urls = instances.map((instance) => instance.url);
    const organizations = await signUpAll(urls, configuration.organizations);
    const devices = makeDevices(organizations);
    const queue = [...devices];
    const retries = { count: 0 };
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, k) => {
        // Client k stays on one instance: k modulo the instance count spreads them evenly.
        for (let device = queue.shift(); device; device = queue.shift()) {
          device.instance = k % urls.length;
          await pushDevice(urls, device, retries);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const check = await verify(urls, organizations, devices);
    return { seconds, retries: retries.count, ...check };
  } finally {
    await Promise.all(instances.map((instance: Instance) => instance.stop()));
  }
}

/** One user per organization signs up over HTTP (four at a time, over every instance). */
async function signUpAll(urls: string[], count: number): Promise<Organization[]> {
  const organizations: Organization[] = new Array<Organization>(count);
  let next = 0;
  const signUpNext = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const base = urls[i % urls.length] ?? '';
      const res = await fetch(`${base}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organizationName: `Scale ${i}`,
          email: `owner${i}@scale.example`,
          password: PASSWORD,
          baseCurrency: 'JPY',
        }),
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      organizations[i] = { headers: { 'content-type': 'application/json', cookie }, expected: 0 };
    }
  };
  await Promise.all(Array.from({ length: 4 }, signUpNext));
  return organizations;
}

/** At least one device per organization and CLIENTS devices in all, the mutations shared out evenly. */
function makeDevices(organizations: Organization[]): Device[] {
  const total = Math.max(CLIENTS, organizations.length);
  return Array.from({ length: total }, (_, d): Device => {
    const organization = organizations[d % organizations.length];
    if (!organization) throw new Error('no organization');
    const count = Math.floor(MUTATIONS / total) + (d < MUTATIONS % total ? 1 : 0);
    organization.expected += count;
    return { organization, clientId: uuidv7(), count, instance: 0 };
  });
}

/** Pushes a device's mutations in order, batch by batch, as its sync client sends them. */
async function pushDevice(urls: string[], device: Device, retries: { count: number }) {
  const base = urls[device.instance] ?? '';
  for (let from = 0; from < device.count; from += BATCH) {
    const size = Math.min(BATCH, device.count - from);
    const request: PushRequest = {
      clientId: device.clientId,
      mutations: Array.from({ length: size }, (_, k) => ({
        seq: from + k + 1,
        name: 'customer.create',
        entityId: uuidv7(),
        args: customerArgs(from + k),
        baseVersion: 0,
      })),
    };
    const body = JSON.stringify(request);
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers: device.organization.headers,
        body,
      });
      if (res.status === 503 && attempt < MAX_ATTEMPTS) {
        retries.count += 1;
        await res.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
      const answer = (await res.json()) as PushResponse;
      if (answer.results.some((r) => r.status !== 'applied'))
        throw new Error('a scale mutation was rejected');
      if (answer.lastSeq !== from + size) throw new Error(`lastSeq ${answer.lastSeq} after a push`);
      break;
    }
  }
}

/**
 * Reads each device's lastSeq back (from the other instance when there are
 * two) and counts each organization's customers through the API.
 */
async function verify(urls: string[], organizations: Organization[], devices: Device[]) {
  let acknowledged = 0;
  for (const device of devices) {
    const base = urls[(device.instance + 1) % urls.length] ?? '';
    const res = await fetch(`${base}/api/sync/pull?cursor=0&limit=1&clientId=${device.clientId}`, {
      headers: device.organization.headers,
    });
    if (res.status !== 200) throw new Error(`pull failed: ${res.status}`);
    acknowledged += Math.min(device.count, ((await res.json()) as PullResponse).lastSeq ?? 0);
  }
  let rows = 0;
  let matching = 0;
  for (const [i, organization] of organizations.entries()) {
    const found = await countCustomers(urls[i % urls.length] ?? '', organization.headers);
    rows += found;
    if (found === organization.expected) matching += 1;
  }
  const ok = acknowledged === MUTATIONS && rows === MUTATIONS && matching === organizations.length;
  const check =
    `${ok ? 'ok' : 'FAILED'}: ${acknowledged}/${MUTATIONS} acknowledged (lastSeq), ` +
    `${rows} customers stored, ${matching}/${organizations.length} organizations hold exactly their own`;
  return { ok, check };
}

/** Pages through `GET /api/customers` (200 a page). */
async function countCustomers(base: string, headers: Record<string, string>): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${base}/api/customers?limit=200${query}`, { headers });
    if (res.status !== 200) throw new Error(`customer list failed: ${res.status}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

function printTable(rows: { name: string; outcome: Outcome }[]): void {
  const baseline = rows[0] ? MUTATIONS / rows[0].outcome.seconds : Number.NaN;
  const line = (cells: string[]) =>
    console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(36) : cell.padStart(11))).join(' '));
  console.log('');
  line(['configuration', 'mutations', 'seconds', 'mut/s', 'ratio', 'retries', 'check']);
  for (const { name, outcome } of rows) {
    const rate = MUTATIONS / outcome.seconds;
    line([
      name,
      String(MUTATIONS),
      outcome.seconds.toFixed(2),
      rate.toFixed(0),
      `${(rate / baseline).toFixed(2)}×`,
      String(outcome.retries),
      outcome.ok ? 'ok' : 'FAILED',
    ]);
  }
  console.log(`ratio: mutations/s over the first row's (${rows[0]?.name ?? 'none'})`);
}

/** The machine's 1-minute load average: other work on the cores skews every row. */
function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(2);
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
}
