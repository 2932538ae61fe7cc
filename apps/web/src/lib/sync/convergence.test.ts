import {
  customerArgs,
  inviteMember,
  invoiceArgs,
  makeDevice,
  serverFetch,
  signUp,
  startServer,
  type Device,
  type TestServer,
} from '../../../test/test-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, type MutationName } from '@kanjo/core';
import { uuidv7 } from '$lib/db/ids';
import { getMeta } from '$lib/db/meta';
import { ENTITY_NAMES, ENTITY_TABLES } from '$lib/db/schema';
import type { FetchLike } from './sync-api';

/**
 * Exactly-once push and convergence: two or three devices edit offline while the network drops requests
 * (before or after the server handled them), duplicates them and reorders
 * them; after healing, every device holds exactly the server's rows and every
 * edit made was applied exactly once or is visibly rejected.
 */

type Fault = 'ok' | 'dropBefore' | 'dropAfter' | 'duplicate' | 'unavailable';

type Step =
  | { kind: 'customer'; device: number }
  | { kind: 'invoice'; device: number; customer: number }
  | {
      kind: 'patch';
      device: number;
      invoice: number;
      field: 'dueDate' | 'notes' | 'lines';
      value: number;
    }
  | { kind: 'issue' | 'delete'; device: number; invoice: number }
  | { kind: 'pay'; device: number; invoice: number; amount: number }
  | { kind: 'sync'; devices: number[]; faults: Fault[] };

const PATCHES = {
  dueDate: ['2026-12-01', '2026-12-24', '2027-01-31'],
  notes: ['Thanks', 'Net 30', 'Paid by card'],
  lines: [
    [{ name: 'Consulting', quantity: '1', rate: 10000 }],
    [{ name: 'Design', quantity: '2', rate: 2500 }],
    [
      { name: 'Support', quantity: '1', rate: 1200 },
      { name: 'Travel', quantity: '3', rate: 800 },
    ],
  ],
} as const;

const device = fc.integer({ min: 0, max: 2 });
const index = fc.nat(5);
const fault = fc.constantFrom<Fault>(
  'ok',
  'ok',
  'dropBefore',
  'dropAfter',
  'duplicate',
  'unavailable',
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('customer' as const), device }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('invoice' as const), device, customer: index }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      device,
      invoice: index,
      field: fc.constantFrom('dueDate' as const, 'notes' as const, 'lines' as const),
      value: fc.nat(2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('issue' as const, 'delete' as const),
      device,
      invoice: index,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      device,
      invoice: index,
      amount: fc.constantFrom(1000, 4000, 7000),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      devices: fc.uniqueArray(device, { minLength: 1, maxLength: 3 }),
      faults: fc.array(fault, { minLength: 1, maxLength: 8 }),
    }),
  },
);

/**
 * The nemesis between devices and server: each request takes the next fault
 * of the current plan; every request and every response waits for the
 * scheduler, so concurrent devices' requests interleave in any order, and a
 * duplicate's copy may land after later requests.
 */
class Network {
  faults: Fault[] = [];
  #next = 0;
  readonly stragglers: Promise<unknown>[] = [];

  constructor(
    readonly server: TestServer,
    public scheduler: fc.Scheduler | undefined = undefined,
  ) {}

  plan(faults: Fault[], scheduler: fc.Scheduler | undefined): void {
    this.faults = faults;
    this.#next = 0;
    this.scheduler = scheduler;
  }

  fetchFor(cookie: string): FetchLike {
    const send = serverFetch(this.server, cookie);
    return async (url, init) => {
      const fault = this.faults.length
        ? (this.faults[this.#next++ % this.faults.length] ?? 'ok')
        : 'ok';
      await this.#wait(`${fault} ${init.method ?? 'GET'} ${url}`);
      if (fault === 'dropBefore') throw new TypeError('Failed to fetch');
      if (fault === 'unavailable') {
        return Response.json({ error: { code: 'TRY_AGAIN', message: 'Later' } }, { status: 503 });
      }
      if (fault === 'duplicate') {
        this.stragglers.push(this.#wait(`copy of ${url}`).then(() => send(url, init)));
      }
      const response = await send(url, init);
      await this.#wait(`response ${url}`);
      if (fault === 'dropAfter') throw new TypeError('The network connection was lost');
      return response;
    };
  }

  async #wait(label: string): Promise<void> {
    if (this.scheduler) await this.scheduler.schedule(Promise.resolve(label), label);
  }
}

/** The server's live rows and conflicts, straight off the wire (pull from 0). */
async function serverRows(fetch: FetchLike): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown> = {};
  let cursor = 0;
  for (;;) {
    const res = await fetch(`/api/sync/pull?cursor=${cursor}&limit=1000`, { method: 'GET' });
    const page = (await res.json()) as {
      changes: { entity: string; id: string; op: string; row: unknown }[];
      cursor: number;
      hasMore: boolean;
    };
    for (const change of page.changes) {
      const key = `${change.entity}:${change.id}`;
      if (change.op === 'delete') delete rows[key];
      else rows[key] = change.row;
    }
    cursor = page.cursor;
    if (!page.hasMore) return sorted(rows);
  }
}

async function deviceRows({ db }: Device): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown> = {};
  for (const entity of ENTITY_NAMES) {
    for (const row of await db.table(ENTITY_TABLES[entity]).toArray()) {
      rows[`${entity}:${(row as { id: string }).id}`] = row;
    }
  }
  for (const conflict of await db._conflicts.toArray()) rows[`conflict:${conflict.id}`] = conflict;
  return sorted(rows);
}

function sorted(rows: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)));
}

/** A world to start from, known to every device: 2 customers, 3 invoices (one issued). */
async function seed(devices: Device[], made: number[], customers: string[], invoices: string[]) {
  const [first] = devices;
  if (!first) throw new Error('no device');
  for (const n of [1, 2]) {
    customers.push(uuidv7());
    await first.mutate(
      'customer.create',
      customers.at(-1) ?? '',
      customerArgs({ displayName: `C${n}` }),
    );
  }
  for (const customer of [customers[0], customers[1], customers[0]]) {
    invoices.push(uuidv7());
    await first.mutate('invoice.create', invoices.at(-1) ?? '', invoiceArgs(customer ?? ''));
  }
  await first.mutate('invoice.issue', invoices[0] ?? '', {});
  made[0] = 6;
  for (const d of devices) expect(await d.engine.sync()).toEqual({ ok: true });
}

async function run(steps: Step[], scheduler: fc.Scheduler): Promise<void> {
  const server = await startServer();
  try {
    const owner = await signUp(server);
    const member = await inviteMember(server, owner, 'admin');
    const network = new Network(server);
    const accounts = [owner, owner, member];
    const devices = await Promise.all(
      accounts.map((account) => makeDevice({ account, fetch: network.fetchFor(account.cookie) })),
    );
    const made = devices.map(() => 0);
    const customers: string[] = [];
    const invoices: string[] = [];
    const pick = (ids: string[], i: number) => ids[i % Math.max(1, ids.length)] ?? 'none';
    await seed(devices, made, customers, invoices);

    async function edit(at: number, name: MutationName, entityId: string, args: unknown) {
      const target = devices[at];
      if (!target) return;
      try {
        await target.mutate(name, entityId, args);
        made[at] = (made[at] ?? 0) + 1;
      } catch (error) {
        // Refused locally (unknown row, locked invoice, overpayment…): never queued.
        if (!(error instanceof DomainError)) throw error;
      }
    }

    for (const s of steps) {
      switch (s.kind) {
        case 'customer': {
          const id = uuidv7();
          customers.push(id);
          await edit(
            s.device,
            'customer.create',
            id,
            customerArgs({ displayName: `C${customers.length}` }),
          );
          break;
        }
        case 'invoice': {
          const id = uuidv7();
          invoices.push(id);
          await edit(s.device, 'invoice.create', id, invoiceArgs(pick(customers, s.customer)));
          break;
        }
        case 'patch':
          await edit(s.device, 'invoice.patch', pick(invoices, s.invoice), {
            [s.field]: PATCHES[s.field][s.value],
          });
          break;
        case 'issue':
        case 'delete':
          await edit(s.device, `invoice.${s.kind}`, pick(invoices, s.invoice), {});
          break;
        case 'pay':
          await edit(s.device, 'payment.record', uuidv7(), {
            invoiceId: pick(invoices, s.invoice),
            amount: s.amount,
            date: '2026-11-21',
          });
          break;
        case 'sync': {
          network.plan(s.faults, scheduler);
          const syncs = s.devices.flatMap((i) => devices[i]?.engine.sync() ?? []);
          await scheduler.waitFor(Promise.all(syncs));
          await scheduler.waitFor(Promise.all(network.stragglers.splice(0)));
          break;
        }
      }
    }

    // Heal the network; sync until every outbox is empty, then once more so all pull the end.
    network.plan([], undefined);
    await Promise.all(network.stragglers.splice(0));
    for (let round = 0; round < 5; round++) {
      for (const d of devices) expect(await d.engine.sync()).toEqual({ ok: true });
      const pending = await Promise.all(devices.map((d) => d.db._outbox.count()));
      if (pending.every((count) => count === 0)) break;
    }
    for (const d of devices) expect(await d.engine.sync()).toEqual({ ok: true });

    const expected = await serverRows(serverFetch(server, owner.cookie));
    for (const d of devices) {
      expect(await deviceRows(d)).toEqual(expected);
      expect(await d.db._outbox.count()).toBe(0);
      expect(await d.db._base.count()).toBe(0);
    }

    // Exactly once: each device's edits settled once each, seqs 1..n; refusals are visible.
    const results = await server.db
      .selectFrom('sync_results')
      .select(['client_id', 'seq', 'status', 'name'])
      .execute();
    for (const [i, d] of devices.entries()) {
      const clientId = await getMeta(d.db, 'clientId');
      const mine = results.filter((r) => r.client_id === clientId).map((r) => r.seq);
      expect(mine.sort((a, b) => a - b)).toEqual(
        Array.from({ length: made[i] ?? 0 }, (_, k) => k + 1),
      );
      const rejected = results
        .filter((r) => r.client_id === clientId && r.status === 'rejected')
        .map((r) => r.seq);
      const shown = (await d.db._rejections.toArray()).map((r) => r.seq);
      expect(shown.sort((a, b) => a - b)).toEqual(rejected.sort((a, b) => a - b));
    }
    // No payment lost or applied twice: each invoice's amountPaid is the sum of its payments.
    const applied = results.filter((r) => r.name === 'payment.record' && r.status === 'applied');
    const payments = Object.entries(expected).filter(([key]) => key.startsWith('payment:'));
    expect(payments).toHaveLength(applied.length);
    for (const [key, row] of Object.entries(expected)) {
      if (!key.startsWith('invoice:')) continue;
      const invoice = row as { id: string; amountPaid: number };
      const paid = payments
        .map(([, p]) => p as { invoiceId: string; amount: number })
        .filter((p) => p.invoiceId === invoice.id)
        .reduce((sum, p) => sum + p.amount, 0);
      expect(invoice.amountPaid).toBe(paid);
    }
  } finally {
    server.close();
  }
}

describe('convergence', () => {
  it('brings every device to the server’s rows after dropped, duplicated and reordered requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), fc.scheduler(), run),
      { numRuns: 40 },
    );
  }, 120_000);
});
