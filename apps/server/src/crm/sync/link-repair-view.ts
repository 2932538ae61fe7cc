import {
  composeIndividualName,
  crmRecordUrl,
  type CrmHoldView,
  type CrmLinkRepairView,
  type CrmSyncSettings,
  type EntityRowMap,
} from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import { decode, entityTable } from '../../db/entities';
import { notFound } from '../../errors';
import { loadConnectionRow } from '../connection-store';
import { loadSyncSettings } from '../settings-store';
import { customerAdapters, type LocalRow } from './adapters';
import { loadHoldsOf, type Hold } from './hold-store';
import type { RepairModule } from './link-candidates';
import { findLinkView, loadLink, loadLinksByLocalIds } from './links-store';

/** A customer or an item: the records with a CRM link panel of their own. */
export type RepairEntity = 'customer' | 'item';

export interface RepairTarget {
  entity: RepairEntity;
  localId: string;
}

/** The organization's live rows of an entity among `ids`, by id. */
export async function liveRows(
  db: Db,
  organizationId: string,
  entity: RepairEntity,
  ids: readonly string[],
): Promise<Map<string, LocalRow>> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db
      .selectFrom(entityTable[entity])
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, decode<typeof entity>(r.data, r.version) as LocalRow]));
}

/** The record, or 404 as every route answers another organization's id. */
export async function targetRow(db: Db, organizationId: string, target: RepairTarget) {
  const row = (await liveRows(db, organizationId, target.entity, [target.localId])).get(
    target.localId,
  );
  if (!row) throw notFound(target.entity === 'customer' ? 'Customer' : 'Item');
  return row;
}

/** The CRM module the record syncs with under these rules; null when it does not. */
export function moduleOf(
  settings: CrmSyncSettings,
  entity: RepairEntity,
  row: LocalRow,
): RepairModule | null {
  if (entity === 'item') return settings.items.mode === 'off' ? null : 'Products';
  return customerAdapters(settings).find((adapter) => adapter.owns(row))?.module ?? null;
}

export const nameOf = (entity: RepairEntity, row: LocalRow): string =>
  entity === 'customer'
    ? (row as EntityRowMap['customer']).displayName
    : (row as EntityRowMap['item']).name;

/**
 * What a customer's or item's page shows of its CRM side: the record it is
 * linked to (module, name, id, where to open it), and what waits for a
 * person — ambiguous matches naming it or its contact persons, with every
 * candidate, and the CRM records a person kept apart from it.
 */
export async function repairView(
  db: Db,
  organizationId: string,
  target: RepairTarget,
): Promise<CrmLinkRepairView> {
  const row = await targetRow(db, organizationId, target);
  const [link, stored, connection] = await Promise.all([
    loadLink(db, organizationId, target.entity, target.localId),
    loadSyncSettings(db, organizationId),
    loadConnectionRow(db, organizationId),
  ]);
  const apiDomain = connection?.api_domain ?? '';
  const own = await loadHoldsOf(db, organizationId, target);
  const persons =
    target.entity === 'customer'
      ? await loadHoldsOf(db, organizationId, { parentId: target.localId })
      : [];
  const base = link?.base ?? {};
  const linkedName = base.displayName ?? base.name ?? null;
  return {
    ...target,
    crmModule: link?.crmModule ?? moduleOf(stored.settings, target.entity, row),
    link: link
      ? {
          crmModule: link.crmModule,
          crmId: link.crmId,
          name: linkedName === null ? null : String(linkedName),
          url: crmRecordUrl(apiDomain, link.crmModule, link.crmId),
          status: link.status,
          linkedReason: link.linkedReason,
          lastSyncedAt: (await findLinkView(db, { organizationId, ...target }))?.lastSyncedAt ?? '',
        }
      : null,
    holds: await holdViews(db, organizationId, oncePerCrmRecord([...own, ...persons]), apiDomain),
  };
}

/** One hold per CRM record and kind: several persons of a customer may wait on one Contact. */
function oncePerCrmRecord(holds: Hold[]): Hold[] {
  const seen = new Set<string>();
  return holds.filter((hold) => {
    const key = `${hold.kind}:${hold.crmModule}:${hold.crmId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Each hold with every Kanjo candidate of its CRM record, their names and whether linked since. */
async function holdViews(
  db: Db,
  organizationId: string,
  holds: Hold[],
  apiDomain: string,
): Promise<CrmHoldView[]> {
  const views: CrmHoldView[] = [];
  const emails = await userEmails(db, organizationId, holds);
  for (const hold of holds) {
    const all =
      hold.kind === 'ambiguous'
        ? (
            await loadHoldsOf(db, organizationId, { crmModule: hold.crmModule, crmId: hold.crmId })
          ).filter((h) => h.kind === 'ambiguous')
        : [hold];
    views.push({
      kind: hold.kind,
      entity:
        hold.entity === 'item' ? 'item' : hold.entity === 'customer' ? 'customer' : 'contactPerson',
      crm: {
        crmModule: hold.crmModule,
        crmId: hold.crmId,
        name: hold.crmName,
        url: crmRecordUrl(apiDomain, hold.crmModule, hold.crmId),
      },
      reason: hold.reason,
      since: hold.createdAt,
      by: hold.decidedBy === null ? null : (emails.get(hold.decidedBy) ?? null),
      candidates: await candidatesOf(db, organizationId, all),
    });
  }
  return views;
}

async function candidatesOf(db: Db, organizationId: string, holds: Hold[]) {
  const [first] = holds;
  if (!first) return [];
  const ids = holds.map((h) => h.localId);
  const links = await loadLinksByLocalIds(db, organizationId, first.entity, ids);
  const linked = new Set(links.filter((l) => l.status === 'linked').map((l) => l.localId));
  const names = await candidateNames(db, organizationId, holds);
  return holds.map((h) => ({
    localId: h.localId,
    name: names.get(h.localId) ?? null,
    linked: linked.has(h.localId),
  }));
}

/** Customers' and items' names; a contact person's from its customer's list. */
async function candidateNames(
  db: Db,
  organizationId: string,
  holds: Hold[],
): Promise<Map<string, string>> {
  const [first] = holds;
  if (!first) return new Map();
  if (first.entity === 'customer' || first.entity === 'item') {
    const entity = first.entity;
    const rows = await liveRows(
      db,
      organizationId,
      entity,
      holds.map((h) => h.localId),
    );
    return new Map([...rows].map(([id, row]) => [id, nameOf(entity, row)]));
  }
  const parents = holds.flatMap((h) => (h.parentId === null ? [] : [h.parentId]));
  const customers = await liveRows(db, organizationId, 'customer', parents);
  const names = new Map<string, string>();
  for (const customer of customers.values()) {
    for (const person of (customer as EntityRowMap['customer']).contactPersons) {
      const name = { firstName: person.firstName, lastName: person.lastName };
      names.set(person.id, composeIndividualName(name) ?? person.lastName);
    }
  }
  return names;
}

async function userEmails(db: Db, organizationId: string, holds: Hold[]) {
  const ids = [...new Set(holds.flatMap((h) => (h.decidedBy === null ? [] : [h.decidedBy])))];
  if (ids.length === 0) return new Map<string, string>();
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .execute();
  return new Map(users.map((u) => [u.id, u.email]));
}
