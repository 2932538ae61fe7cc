import type { Table } from 'dexie';

/**
 * Every row of `table`, read in a transaction of its own. Inside a live query
 * that keeps Dexie from caching the result and handing out a deep clone of
 * it: for a list of thousands of rows the clone cost as much as the read.
 * The live query still follows every change to the table.
 */
export function readAllRows<T, K, I>(table: Table<T, K, I>): Promise<T[]> {
  return table.db.transaction('r', table, () => table.toArray());
}
