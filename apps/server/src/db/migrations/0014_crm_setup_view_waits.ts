import { sql, type Kysely } from 'kysely';

/**
 * CRM setup, and modules waiting for a view.
 *
 * - `crm_settings.setup_at`: when an owner or admin first saved the sync
 *   rules. Until then the organization is connected but not set up, and
 *   nothing syncs (a dry run excepted). Rules saved before this migration
 *   count as set up from their last save; so does an organization that
 *   already ran a real sync on the defaults, so an upgrade stops nobody.
 * - `crm_view_waits`: a module whose chosen CRM view disappeared from the CRM.
 *   The run that found it out said so once; later runs leave the module out
 *   until an admin saves another view (or none) for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crm_settings').addColumn('setup_at', 'text').execute();
  await sql`UPDATE crm_settings SET setup_at = updated_at WHERE settings IS NOT NULL`.execute(db);
  await sql`
    INSERT INTO crm_settings (organization_id, settings, paused_at, updated_at, updated_by, setup_at)
    SELECT c.organization_id, NULL, NULL, c.updated_at, c.connected_by, c.updated_at
    FROM crm_connections c
    WHERE EXISTS (
      SELECT 1 FROM crm_runs r WHERE r.organization_id = c.organization_id AND r.dry_run = 0
    )
    ON CONFLICT (organization_id) DO UPDATE
      SET setup_at = coalesce(crm_settings.setup_at, excluded.setup_at)
  `.execute(db);

  await db.schema
    .createTable('crm_view_waits')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('crm_module', 'text', (c) => c.notNull())
    /** The view id that the CRM no longer has. */
    .addColumn('view_id', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    /** The run that found it out and said so. */
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_view_waits_pk', ['organization_id', 'crm_module'])
    .execute();
}
