import type { Kysely } from 'kysely';

/**
 * Accounts hardening.
 *
 * - `invitations.revoked_at`: an invitation revoked by an owner or admin, or
 *   because the person who made it was disabled, can no longer be accepted.
 * - `known_devices`: browsers a user has signed in on (only SHA-256 of the
 *   device cookie's random token); such a browser keeps its own small
 *   sign-in budget while the account is locked for unknown devices.
 * - `password_resets`: one-time reset tokens (id + secret, only SHA-256 of
 *   the secret stored), asked for by email or made by an owner or admin.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('revoked_at', 'text').execute();
  await db.schema
    .createIndex('invitations_org')
    .on('invitations')
    .columns(['organization_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('known_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('known_devices_user_token')
    .on('known_devices')
    .columns(['user_id', 'token_hash'])
    .unique()
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    /** The owner or admin who made the link, or null when the user asked by email. */
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_user')
    .on('password_resets')
    .column('user_id')
    .execute();
}
