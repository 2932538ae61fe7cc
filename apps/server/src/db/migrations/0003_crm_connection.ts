import type { Kysely } from 'kysely';

/**
 * The CRM connection of an organization: one row at most. Secrets are
 * stored sealed by the server's secret box, never in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_connections')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('api_domain', 'text', (c) => c.notNull())
    .addColumn('accounts_url', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_enc', 'text', (c) => c.notNull())
    .addColumn('refresh_token_enc', 'text', (c) => c.notNull())
    .addColumn('access_token_enc', 'text')
    .addColumn('access_token_expires_at', 'text')
    .addColumn('crm_org_id', 'text', (c) => c.notNull())
    .addColumn('crm_org_name', 'text', (c) => c.notNull())
    .addColumn('crm_currency', 'text', (c) => c.notNull())
    .addColumn('crm_multi_currency', 'integer', (c) => c.notNull())
    .addColumn('crm_time_zone', 'text', (c) => c.notNull())
    .addColumn('crm_user_id', 'text', (c) => c.notNull())
    .addColumn('crm_user_email', 'text', (c) => c.notNull())
    .addColumn('crm_user_name', 'text', (c) => c.notNull())
    .addColumn('connected_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
}
