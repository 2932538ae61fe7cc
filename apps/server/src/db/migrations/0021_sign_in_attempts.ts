import type { Kysely } from 'kysely';

/**
 * Sign-in and password-reset attempts, counted in the database rather than
 * in one process's memory, so several instances behind a load balancer share
 * one budget per account, address and known device: an attacker gains
 * nothing by spreading guesses over instances. Keys are stored as SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('budget', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'blob', (c) => c.notNull())
    .addColumn('at_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_attempts_by_key')
    .on('sign_in_attempts')
    .columns(['budget', 'key_hash', 'at_ms'])
    .execute();
  await db.schema
    .createIndex('sign_in_attempts_by_time')
    .on('sign_in_attempts')
    .column('at_ms')
    .execute();
}
