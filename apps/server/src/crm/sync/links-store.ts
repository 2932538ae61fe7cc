import type { CrmLinkView, FlatFields } from '@kanjo/core';
import { expressionBuilder, sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import { readInChunks, type Db } from '../../db/database';
import { prepared } from '../../db/prepared';
import type { EntityTableName } from '../../db/entities';
import type { CrmLinkTable, CrmSyncEntity } from '../../db/schema';
import { linkMatchKey } from './match-key';

/**
 * The links between Kanjo records and CRM records. Every writer takes the
 * caller's transaction, so a link moves together with the local write it
 * describes.
 */

export interface CrmLink {
  entity: CrmSyncEntity;
  localId: string;
  crmModule: string;
  crmId: string;
  crmModifiedTime: string | null;
  base: FlatFields;
  /** `skipped`: a known duplicate the duplicate rule `skip` keeps apart from this record. */
  status: 'linked' | 'crm_deleted' | 'skipped';
  /** Fields in conflict held for a person (rule `ask`): neither side is written. */
  held: string[];
  /** The CRM's value of each held field when it was held (absent: not known). */
  heldCrm?: FlatFields;
  linkedReason: string | null;
  /** A contact person's customer (entity `contactPerson` only). */
  parentId?: string | null;
}

const toLink = (row: CrmLinkTable): CrmLink => ({
  entity: row.entity,
  localId: row.local_id,
  crmModule: row.crm_module,
  crmId: row.crm_id,
  crmModifiedTime: row.crm_modified_time,
  base: JSON.parse(row.base) as FlatFields,
  status: row.status,
  held: JSON.parse(row.held) as string[],
  heldCrm: JSON.parse(row.held_crm) as FlatFields,
  linkedReason: row.linked_reason,
  parentId: row.parent_id,
});

/** The organization's links of one entity. */
const linksOf = (db: Db, organizationId: string, entity: CrmSyncEntity) =>
  db
    .selectFrom('crm_links')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity);

/** The links of an entity in one CRM module whose CRM ids are given. */
export async function loadLinksByCrmIds(
  db: Db,
  organizationId: string,
  where: { entity: CrmSyncEntity; crmModule: string },
  crmIds: readonly string[],
): Promise<CrmLink[]> {
  const rows = await readInChunks(crmIds, (chunk) =>
    linksOf(db, organizationId, where.entity)
      .where('crm_module', '=', where.crmModule)
      .where('crm_id', 'in', chunk)
      .execute(),
  );
  return rows.map(toLink);
}

/** The links of the given Kanjo records of an entity. */
export async function loadLinksByLocalIds(
  db: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  localIds: readonly string[],
): Promise<CrmLink[]> {
  const rows = await readInChunks(localIds, (chunk) =>
    linksOf(db, organizationId, entity).where('local_id', 'in', chunk).execute(),
  );
  return rows.map(toLink);
}

/** The Kanjo ids of the entity's records linked in the module. */
const linkedIn = (
  db: Db,
  organizationId: string,
  where: { entity: CrmSyncEntity; crmModule: string },
) =>
  db
    .selectFrom('crm_links')
    .select('local_id')
    .where('organization_id', '=', organizationId)
    .where('crm_module', '=', where.crmModule)
    .where('entity', '=', where.entity)
    .where('status', '=', 'linked');

/** Whether any record of the entity is linked in the module. */
export async function hasLinkedRecord(
  db: Db,
  organizationId: string,
  where: { entity: CrmSyncEntity; crmModule: string },
): Promise<boolean> {
  const row = await linkedIn(db, organizationId, where).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Every record of the entity linked in the module. */
export async function linkedLocalIds(
  db: Db,
  organizationId: string,
  where: { entity: CrmSyncEntity; crmModule: string },
): Promise<string[]> {
  const rows = await linkedIn(db, organizationId, where).execute();
  return rows.map((row) => row.local_id);
}

/**
 * A condition on an entity table: no link of the entity (in the module, when
 * given) names the row. A `not exists` on the links' key, so a read of the
 * unlinked rows reads no link.
 */
export function hasNoLink(
  db: Db,
  organizationId: string,
  table: EntityTableName,
  where: { entity: CrmSyncEntity; crmModule?: string },
): Expression<SqlBool> {
  let links = db
    .selectFrom('crm_links')
    .select('crm_links.local_id')
    .where('crm_links.organization_id', '=', organizationId)
    .where('crm_links.entity', '=', where.entity);
  if (where.crmModule !== undefined) {
    links = links.where('crm_links.crm_module', '=', where.crmModule);
  }
  const { not, exists } = expressionBuilder(links);
  return not(exists(links.where('crm_links.local_id', '=', sql.ref<string>(`${table}.id`))));
}

/** Linked records with fields held for a person (rule `ask`), least recently synced first. */
export async function loadHeldLinks(
  db: Db,
  organizationId: string,
  where: { entities: readonly CrmSyncEntity[]; localId?: string | undefined },
): Promise<CrmLink[]> {
  let query = db
    .selectFrom('crm_links')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'linked')
    .where('held', '!=', '[]')
    .where('entity', 'in', where.entities);
  if (where.localId !== undefined) query = query.where('local_id', '=', where.localId);
  const rows = await query.orderBy('updated_at').execute();
  return rows.map(toLink);
}

/**
 * The Kanjo record already linked, in the module, to a CRM record with each of
 * the given match keys (of any entity: a Contact may be a person or an
 * individual customer). An upsert with such a key would land on that record.
 * `runLinks`, this run's links, count too: a dry run's are only in memory.
 */
export async function linkedByMatchKey(
  db: Db,
  organizationId: string,
  crmModule: string,
  keys: readonly string[],
  runLinks: Iterable<CrmLink> = [],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await readInChunks([...new Set(keys)], (chunk) =>
    db
      .selectFrom('crm_links')
      .select(['match_key', 'local_id'])
      .where('organization_id', '=', organizationId)
      .where('crm_module', '=', crmModule)
      .where('status', '=', 'linked')
      .where('match_key', 'in', chunk)
      .execute(),
  );
  const taken = new Map(rows.map((row) => [row.match_key ?? '', row.local_id]));
  for (const link of runLinks) {
    const key = linkMatchKey(link);
    if (link.status === 'linked' && link.crmModule === crmModule && key) {
      taken.set(key, link.localId);
    }
  }
  return taken;
}

export async function loadLink(
  db: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  localId: string,
): Promise<CrmLink | undefined> {
  const row = await linksOf(db, organizationId, entity)
    .where('local_id', '=', localId)
    .executeTakeFirst();
  return row && toLink(row);
}

/** The link to one CRM record, of whichever entity: a CRM record is linked once. */
export async function loadLinkToCrmRecord(
  db: Db,
  organizationId: string,
  crm: { crmModule: string; crmId: string },
): Promise<CrmLink | undefined> {
  const row = await db
    .selectFrom('crm_links')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('crm_module', '=', crm.crmModule)
    .where('crm_id', '=', crm.crmId)
    .executeTakeFirst();
  return row && toLink(row);
}

/** One record's link as the API shows it, or `null` when it was never linked. */
export async function findLinkView(
  db: Db,
  input: { organizationId: string; entity: CrmSyncEntity; localId: string },
): Promise<CrmLinkView | null> {
  const row = await db
    .selectFrom('crm_links')
    .select(['crm_module', 'crm_id', 'status', 'linked_reason', 'crm_modified_time', 'updated_at'])
    .where('organization_id', '=', input.organizationId)
    .where('entity', '=', input.entity)
    .where('local_id', '=', input.localId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    crmModule: row.crm_module,
    crmId: row.crm_id,
    status: row.status,
    linkedReason: row.linked_reason,
    crmModifiedTime: row.crm_modified_time,
    // `updated_at` moves on every sync of the record.
    lastSyncedAt: row.updated_at,
  };
}

/** A link's upsert, compiled once: a first import saves one per record. */
const upsertLink = prepared((db, row: Insertable<CrmLinkTable>) => {
  // A link saved again keeps its key and when it was made.
  const {
    organization_id: _org,
    entity: _entity,
    local_id: _id,
    created_at: _made,
    ...values
  } = row;
  return db
    .insertInto('crm_links')
    .values(row)
    .onConflict((oc) => oc.columns(['organization_id', 'entity', 'local_id']).doUpdateSet(values));
});

export async function saveLink(
  trx: Db,
  organizationId: string,
  link: CrmLink,
  now: string,
): Promise<void> {
  await upsertLink(trx, {
    organization_id: organizationId,
    entity: link.entity,
    local_id: link.localId,
    created_at: now,
    crm_module: link.crmModule,
    crm_id: link.crmId,
    crm_modified_time: link.crmModifiedTime,
    base: JSON.stringify(link.base),
    status: link.status,
    held: JSON.stringify(link.held),
    held_crm: JSON.stringify(
      Object.fromEntries(
        link.held.flatMap((field) =>
          link.heldCrm && field in link.heldCrm ? [[field, link.heldCrm[field]]] : [],
        ),
      ),
    ),
    linked_reason: link.linkedReason,
    parent_id: link.parentId ?? null,
    match_key: linkMatchKey(link),
    updated_at: now,
  });
}

/**
 * Removes a record's link (a person unlinked it, or linked it elsewhere);
 * with `crmId`, only while the link still names that CRM record.
 */
export async function deleteLink(
  trx: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  localId: string,
  crmId?: string,
): Promise<void> {
  let query = trx
    .deleteFrom('crm_links')
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .where('local_id', '=', localId);
  if (crmId !== undefined) query = query.where('crm_id', '=', crmId);
  await query.execute();
}
