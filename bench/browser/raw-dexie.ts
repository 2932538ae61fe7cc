import Dexie from 'dexie';

/** A bare Dexie bulkPut: the floor the app's pull-and-apply is compared with. */
async function kanjoRawBulkPut(rows: unknown[]): Promise<number> {
  const db = new Dexie(`bench-raw-${Date.now()}`, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ customers: 'id' });
  await db.open();
  const start = performance.now();
  await db.table('customers').bulkPut(rows);
  const ms = performance.now() - start;
  db.close();
  return ms;
}

(window as unknown as { kanjoRawBulkPut: typeof kanjoRawBulkPut }).kanjoRawBulkPut =
  kanjoRawBulkPut;
