import type { ConflictRule } from '@kanjo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { SyncClient } from './sync-client';

/**
 * Random interleavings of CRM edits, online edits and stale offline edits of
 * one linked customer (pushes that land twice, whose answer is lost, devices
 * that reload), then quiescence: every device delivers, the CRM sync runs.
 * Kanjo and the CRM must then agree on every mapped field, and each field
 * must hold the value the conflict rule picks among the writes no other write
 * had seen (between two Kanjo edits, the later one the server applied).
 *
 * Every value written is unique, so a value names its write, and a write's
 * ancestors are the write whose value its author saw, and that write's.
 */

const context = useSyncContexts();

const FIELDS = ['phone', 'city'] as const;
type Field = (typeof FIELDS)[number];
const CRM_FIELD: Record<Field, string> = { phone: 'Phone', city: 'Billing_City' };

type Step =
  | { kind: 'crmEdit'; field: Field }
  | { kind: 'run' }
  | { kind: 'edit'; device: number; field: Field }
  | { kind: 'pull'; device: number }
  | { kind: 'push'; device: number; how: 'normal' | 'twice' | 'lost' }
  | { kind: 'reload'; device: number };

const device = fc.integer({ min: 0, max: 1 });
const field = fc.constantFrom(...FIELDS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('crmEdit' as const), field }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('run' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, field }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device,
      how: fc.constantFrom('normal' as const, 'twice' as const, 'lost' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reload' as const), device }) },
);

interface Write {
  value: string;
  side: 'crm' | 'kanjo';
  /** Values of the writes its author had seen. */
  ancestors: Set<string>;
  /** Kanjo writes: the seq the server applied it at. */
  appliedAt?: number;
}

class History {
  readonly writes = new Map<string, Write>();

  /**
   * The CRM holds one value per field, written in turn: a CRM edit replaces
   * every earlier CRM write of its field, whether its author saw that write or
   * the sync had already replaced it with Kanjo's value. So a CRM write has
   * every earlier CRM write of its field among its ancestors.
   */
  add(value: string, side: Write['side'], seen: (string | undefined)[]): Write {
    const ancestors = new Set<string>();
    if (side === 'crm') {
      const field = value.slice(0, value.indexOf('-'));
      for (const earlier of this.writes.values()) {
        if (earlier.side === 'crm' && earlier.value.startsWith(`${field}-`))
          seen.push(earlier.value);
      }
    }
    for (const parent of seen) {
      if (parent === undefined) continue;
      ancestors.add(parent);
      for (const above of this.writes.get(parent)?.ancestors ?? []) ancestors.add(above);
    }
    const write = { value, side, ancestors };
    this.writes.set(value, write);
    return write;
  }

  /** The value the rule picks among the writes nobody else had seen. */
  expected(prefix: string, rule: ConflictRule): string {
    const writes = [...this.writes.values()].filter((w) => w.value.startsWith(prefix));
    const seen = new Set(writes.flatMap((w) => [...w.ancestors]));
    const latest = writes.filter((w) => !seen.has(w.value));
    const crm = latest.find((w) => w.side === 'crm');
    const kanjo = latest
      .filter((w) => w.side === 'kanjo')
      .sort((a, b) => (a.appliedAt ?? 0) - (b.appliedAt ?? 0))
      .at(-1);
    const pick = rule === 'crmWins' ? (crm ?? kanjo) : (kanjo ?? crm);
    if (!pick) throw new Error(`no write of ${prefix}`);
    return pick.value;
  }
}

const valueOf = (row: { phone?: string; billingAddress?: { city?: string } }, f: Field) =>
  f === 'phone' ? row.phone : row.billingAddress?.city;

async function scenario(s: SyncContext, rule: ConflictRule, steps: Step[]): Promise<void> {
  const history = new History();
  const created = await s.owner.post('/api/customers', {
    kind: 'business',
    displayName: 'Property Trading',
    phone: 'phone-init',
    billingAddress: { city: 'city-init', street: '1-1' },
  });
  const id = String(created.json.id);
  for (const f of FIELDS) history.add(`${f}-init`, 'kanjo', []);
  await s.sync();
  const crmId = (await s.links()).find((link) => link.local_id === id)?.crm_id ?? '';
  const crm = await s.crm();
  const crmValue = async (f: Field) =>
    (await crm.getRecord('Accounts', crmId, [CRM_FIELD[f]]))?.[CRM_FIELD[f]] as string | undefined;
  const devices = [new SyncClient(s.owner), new SyncClient(s.owner)];
  for (const d of devices) await d.pullAll();
  /** Per device and field: its own edits not yet in a pulled row (it has seen them). */
  const ownEdits = devices.map(() => new Map<Field, string[]>());
  let counter = 0;

  const push = async (d: SyncClient, how: 'normal' | 'twice' | 'lost') => {
    const batch = [...d.outbox];
    const send = () => d.http.post('/api/sync/push', { clientId: d.clientId, mutations: batch });
    // `lost`: the push lands but its answer never reaches the device, which keeps its outbox.
    const answers =
      how === 'twice'
        ? await Promise.all([d.push(batch), d.push(batch)])
        : [how === 'lost' ? await send() : await d.push(batch)];
    for (const answer of answers) {
      for (const result of (answer.json?.results ?? []) as { seq: number; version?: number }[]) {
        const mutation = batch.find((m) => m.seq === result.seq);
        const args = mutation?.args as { phone?: string; billingAddress?: { city?: string } };
        const value = args && (args.phone ?? args.billingAddress?.city);
        const write = value === undefined ? undefined : history.writes.get(value);
        if (write && result.version !== undefined) write.appliedAt ??= result.version;
      }
    }
  };

  for (const s_ of steps) {
    switch (s_.kind) {
      case 'crmEdit': {
        const value = `${s_.field}-crm-${++counter}`;
        history.add(value, 'crm', [await crmValue(s_.field)]);
        await crm.update('Accounts', [{ id: crmId, [CRM_FIELD[s_.field]]: value }]);
        break;
      }
      case 'run':
        await s.sync();
        break;
      case 'edit': {
        const d = devices[s_.device] as SyncClient;
        const row = d.row('customer', id) as Parameters<typeof valueOf>[0];
        const value = `${s_.field}-dev${s_.device}-${++counter}`;
        const own = ownEdits[s_.device]?.get(s_.field) ?? [];
        history.add(value, 'kanjo', [valueOf(row, s_.field), ...own]);
        ownEdits[s_.device]?.set(s_.field, [...own, value]);
        const args =
          s_.field === 'phone'
            ? { phone: value }
            : { billingAddress: { ...row.billingAddress, city: value } };
        d.edit('customer', 'customer.patch', id, args);
        break;
      }
      case 'pull': {
        const d = devices[s_.device] as SyncClient;
        if (d.outbox.length === 0) ownEdits[s_.device]?.clear();
        await d.pullAll();
        break;
      }
      case 'push':
        await push(devices[s_.device] as SyncClient, s_.how);
        break;
      case 'reload': {
        // A reload keeps the outbox (it is stored) and reads every row again.
        const d = devices[s_.device] as SyncClient;
        d.reset();
        await d.pullAll();
        break;
      }
    }
  }

  // Quiescence: every device delivers its outbox, then the CRM sync settles.
  for (const d of devices) {
    for (let round = 0; d.outbox.length > 0; round++) {
      if (round > 3) throw new Error('push makes no progress');
      await push(d, 'normal');
    }
  }
  await s.sync();
  await s.sync();
  const kanjo = (await s.owner.get(`/api/customers/${id}`)).json as Parameters<typeof valueOf>[0];
  for (const f of FIELDS) {
    const want = history.expected(`${f}-`, rule);
    expect({ field: f, kanjo: valueOf(kanjo, f) }).toEqual({ field: f, kanjo: want });
    expect({ field: f, crm: await crmValue(f) }).toEqual({ field: f, crm: want });
  }
}

describe('offline edits against CRM edits, in any order', () => {
  for (const rule of ['crmWins', 'kanjoWins'] as const) {
    it(`converge on the value “${rule}” picks`, { timeout: 240_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
          const s = await context({ settings: (settings) => void (settings.conflictRule = rule) });
          try {
            await scenario(s, rule, steps);
          } finally {
            await s.close();
          }
        }),
        { numRuns: 12 },
      );
    });
  }
});
