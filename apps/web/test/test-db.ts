import { makeOrganization } from './test-kit';
import { uuidv7 } from '$lib/db/ids';
import type { LocalIdentity } from '$lib/db/local-context';
import { createDatabase } from '$lib/db/schema';

/** The device's owner in the local-mutation tests. */
export const ownerIdentity: LocalIdentity = {
  organization: makeOrganization(),
  actor: { userId: 'user-1', role: 'owner' },
};

/** The moment the local-mutation tests edit at. */
export const TEST_NOW = new Date('2026-11-20T02:00:00.000Z');

/** A fresh, open local database of its own (with fake-indexeddb imported by the test). */
export async function openTestDb() {
  const db = createDatabase(`test-${uuidv7()}`);
  await db.open();
  return db;
}
