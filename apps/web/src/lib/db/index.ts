/**
 * The device database. Pages read it with liveQuery:
 *
 * @example const invoices = liveQuery(() => local().invoices.toArray());
 */
export { closeLocal, local, openLocal, wipeLocal } from '$lib/sync/session';
export { ENTITY_TABLES, databaseName } from './schema';
export type { BaseRow, ConflictRow, DealRow, KanjoDB, OutboxEntry, RejectionRow } from './schema';
