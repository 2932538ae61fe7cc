import fc from 'fast-check';
import { expect } from 'vitest';
import { customerArgs, invoiceArgs } from '@kanjo/core/testing';
import type { Db } from '../src/db/database';
import { decode, entityTable } from '../src/db/entities';
import { uuidv7 } from '../src/ids';
import { compactChangeLog } from '../src/sync/compaction';
import { toConflict } from '../src/sync/conflict-store';
import type { RequestTarget } from './helpers';
import { SyncClient, makeSyncOrg } from './sync-client';

/**
 * The convergence model: devices of one organization edit, push (twice,
 * reordered, lost, in part) and pull (stale cursors, small pages) in any
 * order, the log is compacted between; once all is delivered, every device
 * holds exactly the server's state and every mutation settled once. Run
 * against one app in this process, or against several server instances.
 */

/** Where a run happens: the API the devices reach, the database behind it, and its time. */
export interface ConvergenceWorld {
  app: RequestTarget;
  db: Db;
  now: () => Date;
}

const FIELDS = ['notes', 'dueDate', 'referenceNumber'] as const;
const VALUES = {
  notes: ['a', 'b', 'c'],
  dueDate: ['2026-12-01', '2026-12-24', '2027-01-31'],
  referenceNumber: ['PO-1', 'PO-2'],
};

export type Step =
  | { kind: 'edit'; client: number; invoice: number; field: (typeof FIELDS)[number]; value: number }
  | { kind: 'create'; client: number }
  | { kind: 'delete' | 'issue'; client: number; invoice: number }
  | { kind: 'push'; client: number; how: 'normal' | 'twice' | 'lost' | 'prefix' | 'shuffled' }
  | { kind: 'pull'; client: number; limit: number; stale: boolean }
  | { kind: 'compact'; daysLater: number };

const client = fc.integer({ min: 0, max: 2 });
const invoice = fc.integer({ min: 0, max: 1 });
export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      client,
      invoice,
      field: fc.constantFrom(...FIELDS),
      value: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), client }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('delete' as const, 'issue' as const),
      client,
      invoice,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      client,
      how: fc.constantFrom(
        'normal' as const,
        'twice' as const,
        'lost' as const,
        'prefix' as const,
        'shuffled' as const,
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      client,
      limit: fc.constantFrom(1, 2, 500),
      stale: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('compact' as const),
      daysLater: fc.constantFrom(0, 31),
    }),
  },
);

/** What the server holds for the organization: every live row and every conflict, keyed like SyncClient.rows. */
async function serverState(db: Db, organizationId: string): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const [entity, table] of Object.entries(entityTable)) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) state[`${entity}:${r.id}`] = decode(r.data, r.version);
  }
  const conflicts = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .execute();
  for (const row of conflicts) {
    state[`conflict:${row.id}`] = toConflict(row);
  }
  return Object.fromEntries(Object.entries(state).sort(([a], [b]) => a.localeCompare(b)));
}

function rowsOf(device: SyncClient): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(device.snapshot()).map(([k, v]) => [k, (v as { row: unknown }).row]),
  );
}

async function pullUntilDone(device: SyncClient, limit?: number): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const res = await device.pull(limit ? { limit } : {});
    if (res.status === 410) {
      device.reset();
      continue;
    }
    expect(res.status).toBe(200);
    if (!res.json.hasMore) return;
  }
  throw new Error(`pull never finished at cursor ${device.cursor}`);
}

export async function runConvergence(world: ConvergenceWorld, steps: Step[]): Promise<void> {
  const { db } = world;
  const org = await makeSyncOrg(world);
  const organizationId = (
    await db
      .selectFrom('users')
      .select('organization_id')
      .where('id', '=', org.ownerId)
      .executeTakeFirstOrThrow()
  ).organization_id;
  const devices = [
    new SyncClient(org.owner),
    new SyncClient(org.member),
    new SyncClient(org.owner),
  ];
  const [seed] = devices;
  if (!seed) throw new Error('setup');
  const customerId = uuidv7();
  const invoices = [uuidv7(), uuidv7()];
  seed.enqueue('customer.create', customerId, customerArgs());
  for (const id of invoices) seed.enqueue('invoice.create', id, invoiceArgs(customerId));
  await seed.push();
  for (const device of devices) await pullUntilDone(device);
  // Never 0: a pull from 0 is a full resync that replaces the local rows
  // (long-deleted rows get no tombstone), which this model does only after a 410.
  const pastCursors = devices.map((d) => [d.cursor]);
  let enqueued = 3;

  for (const s of steps) {
    const device = devices[s.kind === 'compact' ? 0 : s.client];
    if (!device) throw new Error('no device');
    const target = 'invoice' in s ? (invoices[s.invoice] ?? '') : '';
    switch (s.kind) {
      case 'edit':
        device.edit('invoice', 'invoice.patch', target, {
          [s.field]: VALUES[s.field][s.value % VALUES[s.field].length],
        });
        enqueued++;
        break;
      case 'create':
        device.enqueue('customer.create', uuidv7(), customerArgs());
        enqueued++;
        break;
      case 'delete':
      case 'issue':
        device.edit('invoice', `invoice.${s.kind}`, target, {});
        enqueued++;
        break;
      case 'push': {
        const batch = [...device.outbox];
        if (s.how === 'normal') await device.push(batch);
        if (s.how === 'twice') await Promise.all([device.push(batch), device.push(batch)]);
        if (s.how === 'prefix') await device.push(batch.slice(0, Math.ceil(batch.length / 2)));
        if (s.how === 'shuffled') await device.push([...batch].reverse());
        // The push lands but its response is lost: the outbox keeps everything.
        if (s.how === 'lost')
          await device.http.post('/api/sync/push', { clientId: device.clientId, mutations: batch });
        break;
      }
      case 'pull': {
        // Stale cursors this device really held since its rows were last reset.
        const past = pastCursors[s.client] ?? [];
        const cursor = s.stale
          ? (past[Math.floor(past.length / 2)] ?? device.cursor)
          : device.cursor;
        const res = await device.pull({ cursor, limit: s.limit });
        if (res.status === 410) {
          device.reset();
          past.length = 0;
        } else if (device.cursor > 0) past.push(device.cursor);
        break;
      }
      case 'compact':
        await compactChangeLog({
          db,
          organizationId,
          now: new Date(world.now().getTime() + s.daysLater * 86_400_000),
        });
        break;
    }
  }

  // Quiesce: every device delivers its outbox, then pulls to the end.
  for (const device of devices) {
    for (let round = 0; device.outbox.length > 0; round++) {
      const res = await device.push();
      expect(res.status).toBe(200);
      if (round > 3) throw new Error(`push makes no progress: ${JSON.stringify(res.json)}`);
    }
  }
  // …a month later, after the server compacted its log (deletes expire).
  await compactChangeLog({
    db,
    organizationId,
    now: new Date(world.now().getTime() + 31 * 86_400_000),
  });
  for (const device of devices) await pullUntilDone(device, 3);

  const expected = await serverState(db, organizationId);
  for (const device of devices) expect(rowsOf(device)).toEqual(expected);
  // Exactly once: every mutation settled once, and each applied one moved the seq once.
  const results = await db
    .selectFrom('sync_results')
    .select(['status'])
    .where(
      'client_id',
      'in',
      devices.map((d) => d.clientId),
    )
    .execute();
  expect(results).toHaveLength(enqueued);
  const { seq } = await db
    .selectFrom('organizations')
    .select('seq')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  expect(seq).toBe(results.filter((r) => r.status === 'applied').length);
}
