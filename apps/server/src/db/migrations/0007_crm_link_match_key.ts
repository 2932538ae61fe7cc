import { sql, type Kysely } from 'kysely';

/**
 * A link's duplicate-check value (the name or email its CRM module matches
 * on, width-folded and lower-cased), so a run asks "is this name already
 * linked?" with an index instead of reading every link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crm_links').addColumn('match_key', 'text').execute();
  await db.schema
    .createIndex('crm_links_match_key')
    .on('crm_links')
    .columns(['organization_id', 'crm_module', 'match_key'])
    .execute();
  const links = await sql<{
    organization_id: string;
    entity: string;
    local_id: string;
    crm_module: string;
    base: string;
  }>`select organization_id, entity, local_id, crm_module, base from crm_links`.execute(db);
  for (const link of links.rows) {
    const key = matchKeyOf(link.entity, link.crm_module, JSON.parse(link.base) as object);
    if (key === null) continue;
    await sql`update crm_links set match_key = ${key}
      where organization_id = ${link.organization_id} and entity = ${link.entity}
        and local_id = ${link.local_id}`.execute(db);
  }
}

/** The same rule as `linkMatchKey` in crm/sync/link-store.ts, frozen here as migrations are. */
function matchKeyOf(entity: string, module: string, base: object): string | null {
  const field =
    entity === 'contactPerson'
      ? 'contact.email'
      : module === 'Accounts'
        ? 'displayName'
        : module === 'Contacts'
          ? 'email'
          : 'name';
  const value = (base as Record<string, unknown>)[field];
  if (value === null || value === undefined) return null;
  const key = String(value).normalize('NFKC').trim().toLowerCase();
  return key === '' ? null : key;
}
