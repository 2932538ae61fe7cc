import { runMutation, type MutationName, type Write } from '@kanjo/core';
import { localContext, type LocalIdentity } from './local-context';
import { getMeta, setMeta } from './meta';
import { entityTable, syncTables, type KanjoDB } from './schema';
import { applyWrites, entityOf } from './writes';

export interface LocalMutation {
  name: MutationName;
  entityId: string;
  args: unknown;
  /** The device clock: only stamps (createdAt/updatedAt), never orders anything. */
  now: Date;
}

/**
 * Runs a mutation optimistically and queues it: ONE rw transaction writes the
 * rows and appends the outbox entry, so an edit the UI calls saved is also
 * one the sync will send — and a refused edit (DomainError) writes neither.
 */
export async function mutateLocal(
  db: KanjoDB,
  identity: LocalIdentity,
  { name, entityId, args, now }: LocalMutation,
): Promise<{ seq: number; writes: Write[] }> {
  // Exactly what the server will receive (no proxies, no undefined), so both run the same input.
  const wireArgs: unknown = JSON.parse(JSON.stringify(args ?? {}));
  return db.transaction('rw', syncTables(db), async () => {
    const seq = (await lastSeqUsed(db)) + 1;
    const createdAt = now.toISOString();
    const current = await entityTable(db, entityOf(name)).get(entityId);
    const ctx = localContext(db, identity, { seq, now: createdAt });
    const writes = await runMutation(name, entityId, wireArgs, ctx);
    await applyWrites(db, writes);
    const baseVersion = current?.version ?? 0;
    await db._outbox.add({ seq, name, entityId, args: wireArgs, baseVersion, createdAt });
    await setMeta(db, 'seq', seq);
    return { seq, writes };
  });
}

/**
 * Seqs must be contiguous (the server stops at a gap), so they come from a
 * counter committed with the entry, not from IndexedDB's key generator.
 */
async function lastSeqUsed(db: KanjoDB): Promise<number> {
  const last = await db._outbox.orderBy('seq').last();
  return Math.max(
    (await getMeta(db, 'seq')) ?? 0,
    (await getMeta(db, 'lastSeq')) ?? 0,
    last?.seq ?? 0,
  );
}
