import type { EntityName, EntityRowMap, MutationName, Write } from '@kanjo/core';
import { ENTITY_TABLES, entityTable, type KanjoDB } from './schema';

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
 * Call inside a rw transaction over the entity tables and `_base`.
 */
export async function applyWrites(db: KanjoDB, writes: readonly Write[]): Promise<void> {
  for (const write of writes) {
    const table = entityTable(db, write.entity);
    if ((await db._base.get([write.entity, write.id])) === undefined) {
      const row = (await table.get(write.id)) ?? null;
      await db._base.put({ entity: write.entity, id: write.id, row });
    }
    if (write.op === 'delete') await table.delete(write.id);
    else await table.put(write.row);
  }
}

/** Sets a row to a known state: `null` removes it. */
export async function putState<E extends EntityName>(
  db: KanjoDB,
  entity: E,
  id: string,
  row: EntityRowMap[E] | null,
): Promise<void> {
  const table = entityTable(db, entity);
  if (row === null) await table.delete(id);
  else await table.put(row);
}
