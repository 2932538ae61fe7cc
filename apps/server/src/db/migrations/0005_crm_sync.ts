import type { Kysely } from 'kysely';

/**
 * The reconciler's memory: which Kanjo record is which CRM
 * record and the values both agreed on last, what still has to go out, how far
 * each CRM module was read, and the history of every run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_links')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('crm_modified_time', 'text')
    // The three-way merge's ancestor: mapped values under Kanjo paths.
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON list of fields in conflict held for a person (rule `ask`): sent nowhere until resolved.
    .addColumn('held', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('linked_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_links_pk', ['organization_id', 'entity', 'local_id'])
    .addUniqueConstraint('crm_links_crm_unique', ['organization_id', 'crm_module', 'crm_id'])
    .execute();
  await db.schema
    .createTable('crm_outbox')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('enqueued_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addPrimaryKeyConstraint('crm_outbox_pk', ['organization_id', 'entity', 'local_id'])
    .execute();
  await db.schema
    .createTable('crm_cursors')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('modified_since', 'text')
    .addColumn('deleted_since', 'text')
    .addPrimaryKeyConstraint('crm_cursors_pk', ['organization_id', 'crm_module'])
    .execute();
  await db.schema
    .createTable('crm_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('api_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('crm_runs_by_org')
    .on('crm_runs')
    .columns(['organization_id', 'started_at'])
    .execute();
  await db.schema
    .createTable('crm_run_items')
    .addColumn('run_id', 'text', (c) => c.notNull().references('crm_runs.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text')
    .addColumn('crm_module', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addPrimaryKeyConstraint('crm_run_items_pk', ['run_id', 'seq'])
    .execute();
}
