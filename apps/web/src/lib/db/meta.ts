import type { KanjoDB, MetaKey, MetaValues } from './schema';

/** One `_meta` value; undefined until first set. Only `setMeta` writes the table, so the type holds. */
export async function getMeta<K extends MetaKey>(
  db: KanjoDB,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db._meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  db: KanjoDB,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db._meta.put({ key, value });
}
