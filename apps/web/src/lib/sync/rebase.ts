import {
  DomainError,
  runMutation,
  type EntityName,
  type EntityRowMap,
  type PullResponse,
  type SyncRejection,
} from '@kanjo/core';
import { localContext, type LocalIdentity } from '$lib/db/local-context';
import { getMeta, setMeta } from '$lib/db/meta';
import {
  syncTables,
  type ConflictRow,
  type DealRow,
  type KanjoDB,
  type OutboxEntry,
} from '$lib/db/schema';
import { clearOrders, OrderChanges } from '$lib/db/order';
import { applyWrites, putStates } from '$lib/db/writes';

type ServerState = { entity: EntityName; id: string; row: EntityRowMap[EntityName] | null };

/**
 * Applies one pull page in ONE transaction: server rows, conflicts,
 * acknowledged outbox entries, rejections, cursor — and a rebase of the
 * still-pending edits on top of the new server state.
 */
export async function applyPullPage(
  db: KanjoDB,
  identity: LocalIdentity,
  page: PullResponse,
  now: Date,
): Promise<void> {
  await db.transaction('rw', syncTables(db), async () => {
    const confirmed = new Map<string, ServerState>();
    for (const base of await db._base.toArray()) confirmed.set(`${base.entity}:${base.id}`, base);
    const conflicts = { puts: [] as ConflictRow[], deletes: [] as string[] };
    const deals = { puts: [] as DealRow[], deletes: [] as string[] };
    for (const change of page.changes) {
      if (change.entity === 'conflict') {
        if (change.op === 'delete') conflicts.deletes.push(change.id);
        else conflicts.puts.push(change.row);
        continue;
      }
      // Deals are the CRM's, read-only here: no pending edit ever touches them.
      if (change.entity === 'deal') {
        if (change.op === 'delete') deals.deletes.push(change.id);
        else deals.puts.push(change.row);
        continue;
      }
      const row = change.op === 'delete' ? null : change.row;
      confirmed.set(`${change.entity}:${change.id}`, { entity: change.entity, id: change.id, row });
    }
    await db._conflicts.bulkDelete(conflicts.deletes);
    await db._conflicts.bulkPut(conflicts.puts);
    await db.deals.bulkDelete(deals.deletes);
    await db.deals.bulkPut(deals.puts);
    // Why: an optimistic row must never double-apply a pending effect (a payment's
    // amountPaid) and the server's order always wins, so every row touched by this
    // page or by a pending edit restarts from its server-confirmed state and the
    // pending edits re-run on top, in seq order.
    const order = new OrderChanges(db);
    await putStates(db, confirmed.values(), order);
    await db._base.clear();
    const settledBefore = (await getMeta(db, 'lastSeq')) ?? 0;
    await storeRejections(db, page.rejections, settledBefore, now);
    await db._outbox.where('seq').belowOrEqual(page.lastSeq).delete();
    for (const entry of await db._outbox.orderBy('seq').toArray()) {
      await replay(db, identity, entry, order);
    }
    await order.flush();
    await setMeta(db, 'cursor', page.cursor);
    await setMeta(db, 'lastSeq', Math.max(settledBefore, page.lastSeq));
  });
}

/** Re-runs a pending edit locally; one that now fails stays queued: the server decides. */
async function replay(
  db: KanjoDB,
  identity: LocalIdentity,
  entry: OutboxEntry,
  order: OrderChanges,
): Promise<void> {
  const ctx = localContext(db, identity, { seq: entry.seq, now: entry.createdAt });
  try {
    await applyWrites(db, await runMutation(entry.name, entry.entityId, entry.args, ctx), order);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

/**
 * Keeps refusals the device has not recorded yet (seq above what it had
 * settled), so a dismissed one does not come back with the next pull.
 */
export async function storeRejections(
  db: KanjoDB,
  rejections: readonly SyncRejection[],
  settledBefore: number,
  now: Date,
): Promise<void> {
  const rejectedAt = now.toISOString();
  for (const rejection of rejections) {
    if (rejection.seq <= settledBefore) continue;
    const { seq, name, entityId, code, message, args } = rejection;
    await db._rejections.put({ seq, name, entityId, code, message, args, rejectedAt });
  }
}

/**
 * 410 CURSOR_EXPIRED: the log no longer holds what this device missed
 * (deletes included), so drop every server row and pull from 0. The outbox
 * stays; its edits re-run as the rows they need come back.
 */
export async function resetForResync(db: KanjoDB): Promise<void> {
  await db.transaction('rw', syncTables(db), async () => {
    for (const table of syncTables(db)) {
      if (table.name.startsWith('_')) continue;
      await table.clear();
    }
    await db._conflicts.clear();
    await clearOrders(db);
    await db._base.toCollection().modify((base) => {
      base.row = null;
    });
    await setMeta(db, 'cursor', 0);
  });
}
