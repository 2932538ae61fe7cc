import { serveEmulator } from '@kanjo/crm-emulator';
import { DEFAULT_CRM_SYNC_SETTINGS } from '@kanjo/core';
import { customerArgs } from '@kanjo/core/testing';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres, type Db } from '../src/db/database';
import { uuidv7 } from '../src/ids';
import { runConvergence, step } from './convergence-model';
import { BASE, Client, onSqlite, signUp, type RequestTarget } from './helpers';
import { emulatorCaller } from './crm-sync-setup';
import { createDatabaseAt } from './postgres-cluster';
import { startServerProcess, type ServerProcess } from './server-process';
import { SyncClient } from './sync-client';

/** One key for every instance: each must open the CRM secrets the others sealed. */
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');

/**
 * A load balancer in front of the instances: each request goes to the one
 * `pick` names, as a round-robin or a random balancer would send it.
 */
function balancer(instances: readonly ServerProcess[], pick: () => number): RequestTarget {
  const request = (input: string | URL | Request, init?: RequestInit) => {
    const base = instances[pick() % instances.length]?.base ?? '';
    return fetch(String(input instanceof Request ? input.url : input).replace(BASE, base), init);
  };
  return { request: request as RequestTarget['request'] };
}

const only = (instance: ServerProcess) => balancer([instance], () => 0);

/** Reads an SSE stream until a poke with a seq of at least `seq` arrives (5 s at most). */
async function pokedTo(res: Response, seq: number): Promise<number> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no stream');
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + 5_000;
  try {
    while (Date.now() < deadline) {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no poke to ${seq}: ${buffer}`)), deadline - Date.now()),
      );
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const match of buffer.matchAll(/data: \{"seq":(\d+)\}/g)) {
        if (Number(match[1]) >= seq) return Number(match[1]);
      }
    }
    throw new Error(`no poke to ${seq}: ${buffer}`);
  } finally {
    await reader.cancel();
  }
}

describe.skipIf(onSqlite)('several instances on one PostgreSQL', () => {
  let url = '';
  let db: Db;
  let a: ServerProcess;
  let b: ServerProcess;
  const env = () => ({ DATABASE_URL: url, KANJO_SECRET_KEY: SECRET_KEY });

  beforeAll(async () => {
    url = await createDatabaseAt(inject('postgresAdminUrl'), inject('postgresTemplate'));
    [a, b] = await Promise.all([
      startServerProcess({ env: env() }),
      startServerProcess({ env: env() }),
    ]);
    ({ db } = await openPostgres({ url, poolSize: 2 }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await db?.destroy();
  });

  it('pokes a device listening on one instance when another instance commits', async () => {
    const { client } = await signUp(only(a));
    const events = await fetch(`${b.base}/api/sync/events`, {
      headers: { cookie: client.cookie },
    });
    expect(events.status).toBe(200);
    const device = new SyncClient(client);
    device.enqueue('customer.create', uuidv7(), customerArgs());
    const heard = pokedTo(events, 1);
    expect((await device.push()).status).toBe(200);
    expect(await heard).toBeGreaterThanOrEqual(1);
  });

  it('counts wrong passwords sent to either instance against one budget', async () => {
    const { email, password } = await signUp(only(a));
    const login = (instance: ServerProcess, secret: string) =>
      new Client(only(instance)).post('/api/auth/login', { email, password: secret });
    // Ten guesses at once, alternating instances: five are checked, wherever they landed.
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(i % 2 === 0 ? a : b, 'wrong password!')),
    );
    expect(guesses.map((res) => res.status).sort()).toEqual([
      ...Array<number>(5).fill(401),
      ...Array<number>(5).fill(429),
    ]);
    // The account is closed to new devices on both instances, even with the right password.
    for (const instance of [a, b]) expect((await login(instance, password)).status).toBe(429);
  });

  it('brings devices pushing and pulling through both instances to one state, each mutation once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 64 }),
        async (steps, route) => {
          let n = 0;
          const app = balancer([a, b], () => route[n++ % route.length] ?? 0);
          await runConvergence({ app, db, now: () => new Date() }, steps);
        },
      ),
      { numRuns: 8 },
    );
  }, 300_000);

  it('keeps every acknowledged mutation, once, when an instance is killed during pushes', async () => {
    const doomed = await startServerProcess({ env: env() });
    const { client, me } = await signUp(only(b));
    const survivor = new Client(only(b));
    survivor.cookie = client.cookie;
    const devices = [0, 1, 2].map(() => {
      const device = new Client(only(doomed));
      device.cookie = client.cookie;
      return new SyncClient(device);
    });
    let enqueued = 0;
    const acknowledgedSoFar = () => devices.reduce((sum, d) => sum + d.lastSeq, 0);
    // Each device pushes batches of 10 until the instance is gone (500 batches at most).
    const work = devices.map(async (device) => {
      for (let batch = 0; batch < 500; batch++) {
        for (let i = 0; i < 10; i++) {
          device.enqueue('customer.create', uuidv7(), customerArgs());
          enqueued++;
        }
        try {
          await device.push();
        } catch {
          return; // the instance is gone mid-push: the batch stays in the outbox
        }
      }
    });
    // Killed while the pushes stream in, whatever the machine's speed.
    while (acknowledgedSoFar() < 300) await new Promise((resolve) => setTimeout(resolve, 10));
    // A moment later, anywhere in a push: before, during or after its commit.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
    await doomed.kill();
    await Promise.all(work);
    const acknowledged = acknowledgedSoFar();
    // Every acknowledged mutation is stored before any device sends again.
    const stored = await db
      .selectFrom('customers')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('organization_id', '=', String(me.organization.id))
      .executeTakeFirstOrThrow();
    expect(stored.n).toBeGreaterThanOrEqual(acknowledged);
    // The devices reconnect through the surviving instance and send what was not acknowledged.
    for (const device of devices) {
      const moved = new SyncClient(survivor, device.clientId);
      moved.outbox = device.outbox;
      moved.lastSeq = device.lastSeq;
      const res = await moved.push();
      expect(res.status).toBe(200);
      expect(moved.outbox).toEqual([]);
    }
    const organizationId = String(me.organization.id);
    const rows = await db
      .selectFrom('customers')
      .select(({ fn }) => [
        fn.countAll<number>().as('n'),
        fn.count<number>('id').distinct().as('ids'),
      ])
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow();
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(enqueued); // the kill did land mid-stream
    expect(rows).toEqual({ n: enqueued, ids: enqueued });
    const { seq } = await db
      .selectFrom('organizations')
      .select('seq')
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow();
    expect(seq).toBe(enqueued);
  }, 120_000);

  describe('CRM runs', () => {
    const emulatorDb = new Database(':memory:');
    let emulator: Awaited<ReturnType<typeof serveEmulator>>;
    beforeAll(async () => {
      emulator = await serveEmulator({ db: emulatorDb, port: 0 });
    });
    afterAll(async () => emulator?.close());

    const call = (method: string, path: string, body?: unknown) =>
      emulatorCaller(emulator.url)(method, path, body);

    const calls = async () =>
      ((await call('GET', '/__emulator/stats')) as { calls: Record<string, number> }).calls;

    /** Waits (20 s at most) until `count` answers more than nothing. */
    async function waitFor(count: () => Promise<number>): Promise<void> {
      for (let i = 0; i < 400; i++) {
        if ((await count()) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('never happened');
    }

    /** An organization connected to the emulator through instance A, its rules saved. */
    async function connected() {
      const { client, email, me } = await signUp(only(a));
      const crmUser = (await call('POST', '/__emulator/clients', { email })) as Record<
        string,
        string
      >;
      const connect = await client.put('/api/crm/connection', {
        email,
        apiDomain: emulator.url,
        accountsUrl: emulator.url,
        clientId: crmUser.client_id,
        clientSecret: crmUser.client_secret,
        refreshToken: crmUser.refresh_token,
      });
      expect(connect.status, JSON.stringify(connect.json)).toBe(200);
      const saved = await client.put('/api/crm/settings', { settings: DEFAULT_CRM_SYNC_SETTINGS });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      const organizationId = String(me.organization.id);
      return { client, organizationId };
    }

    const runsOf = (organizationId: string) =>
      db
        .selectFrom('crm_runs')
        .select(['id', 'status', 'started_at', 'finished_at', 'error'])
        .where('organization_id', '=', organizationId)
        .orderBy('started_at')
        .execute();

    async function settled(client: Client): Promise<void> {
      for (let i = 0; i < 600; i++) {
        if (!(await client.get('/api/crm/runs')).json.running) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the run never ended');
    }

    it('runs one CRM sync of an organization at a time, whichever instance is asked', async () => {
      const { client, organizationId } = await connected();
      await call('POST', '/__emulator/faults', {
        rules: [{ route: 'GET /crm/v8/Accounts', slowMs: 1_500 }],
      });
      const onB = new Client(only(b));
      onB.cookie = client.cookie;
      const [first, second] = await Promise.all([
        client.post('/api/crm/sync', {}),
        onB.post('/api/crm/sync', {}),
      ]);
      await call('DELETE', '/__emulator/faults');
      // One instance starts the run; the other, asked at the same moment, names that run.
      const [started, refused] = first.status === 202 ? [first, second] : [second, first];
      expect([started.status, refused.status]).toEqual([202, 409]);
      expect(refused.json.error).toMatchObject({
        code: 'CRM_SYNC_RUNNING',
        details: { runId: started.json.runId },
      });
      await settled(client);
      const runs = await runsOf(organizationId);
      expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    }, 60_000);

    it('takes over from an instance killed mid-run, writing each Kanjo customer to the CRM once', async () => {
      const doomed = await startServerProcess({ env: env() });
      const { client, organizationId } = await connected();
      const device = new SyncClient(client);
      const names = Array.from({ length: 30 }, (_, i) => `Takeover ${organizationId} ${i}`);
      for (const displayName of names) {
        device.enqueue('customer.create', uuidv7(), customerArgs({ displayName }));
      }
      expect((await device.push()).status).toBe(200);
      // Each write to the CRM is slow: the kill lands while the run sends them.
      await call('POST', '/__emulator/faults', {
        rules: [{ route: 'POST /crm/v8/Accounts/upsert', slowMs: 4_000 }],
      });
      const onDoomed = new Client(only(doomed));
      onDoomed.cookie = client.cookie;
      expect((await onDoomed.post('/api/crm/sync', {})).status).toBe(202);
      await waitFor(async () => (await calls())['POST /crm/v8/Accounts/upsert'] ?? 0);
      await doomed.kill();
      await call('DELETE', '/__emulator/faults');

      const onB = new Client(only(b));
      onB.cookie = client.cookie;
      const again = await onB.post('/api/crm/sync', {});
      expect(again.status, JSON.stringify(again.json)).toBe(202);
      await settled(onB);
      // The killed instance's slow write is still in the CRM's hands: the count is taken after it lands.
      await waitFor(async () => {
        const stats = (await call('GET', '/__emulator/stats')) as { inFlight: number };
        return stats.inFlight === 0 ? 1 : 0;
      });
      const runs = await runsOf(organizationId);
      expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
      expect(runs[0]?.error).toMatch(/INTERRUPTED/);

      const accounts = emulatorDb
        .prepare(
          "SELECT json_extract(data, '$.Account_Name') AS name FROM records WHERE module = 'Accounts'",
        )
        .all() as { name: string }[];
      const ours = accounts.map((r) => r.name).filter((name) => names.includes(name));
      expect(ours.sort()).toEqual([...names].sort());
    }, 120_000);
  });
});
