import type { EntityName, EntityRowMap, MutationName, Write } from '@kanjo/core';
import { ENTITY_TABLES, entityTable, type KanjoDB } from './schema';
import { OrderChanges } from './order';

/** The entity a mutation name is about: 'payment.record' → 'payment'. */
export function entityOf(name: MutationName): EntityName {
  const entity = name.slice(0, name.indexOf('.'));
  if (!Object.hasOwn(ENTITY_TABLES, entity)) throw new Error(`Unknown entity in ${name}`);
  return entity as EntityName;
}

/**
 * Applies a mutation's writes to the local tables (a soft delete removes the
 * row: lists show live rows only). Before a row's first optimistic change its
 * server-confirmed copy goes to `_base`, so a rebase can start from it again.
 * Call inside a rw transaction over the entity tables, `_base` and `_order`.
 * The stored list orders follow: now, or at `order.flush()` when the caller
 * gathers many writes.
 */
export async function applyWrites(
  db: KanjoDB,
  writes: readonly Write[],
  order?: OrderChanges,
): Promise<void> {
  const changes = order ?? new OrderChanges(db);
  for (const write of writes) {
    const table = entityTable(db, write.entity);
    if ((await db._base.get([write.entity, write.id])) === undefined) {
      const row = (await table.get(write.id)) ?? null;
      await db._base.put({ entity: write.entity, id: write.id, row });
    }
    if (write.op === 'delete') await table.delete(write.id);
    else await table.put(write.row);
    changes.note(write.entity, write.id, write.op === 'delete' ? null : write.row);
  }
  if (!order) await changes.flush();
}

/**
 * Sets many rows to known states at once, one bulkPut and one bulkDelete per
 * table: a first sync of tens of thousands of rows must not pay a round trip
 * into IndexedDB per row. The list orders follow as in `applyWrites`.
 */
export async function putStates(
  db: KanjoDB,
  states: Iterable<{ entity: EntityName; id: string; row: EntityRowMap[EntityName] | null }>,
  order?: OrderChanges,
): Promise<void> {
  const changes = order ?? new OrderChanges(db);
  const byEntity = new Map<EntityName, { puts: EntityRowMap[EntityName][]; deletes: string[] }>();
  for (const { entity, id, row } of states) {
    let group = byEntity.get(entity);
    if (!group) byEntity.set(entity, (group = { puts: [], deletes: [] }));
    if (row === null) group.deletes.push(id);
    else group.puts.push(row);
    changes.note(entity, id, row);
  }
  for (const [entity, { puts, deletes }] of byEntity) {
    const table = entityTable(db, entity);
    if (deletes.length > 0) await table.bulkDelete(deletes);
    if (puts.length > 0) await table.bulkPut(puts as never[]);
  }
  if (!order) await changes.flush();
}
