import type { CrmProvider, CrmSyncSettings, MutationName, Role } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import { decode, entityTable } from '../../db/entities';
import type { CrmSyncEntity } from '../../db/schema';
import type { Logger } from '../../log';
import { applyMutationIn } from '../../mutations/apply-mutation';
import type { CommitSeam } from '../../mutations/committed';
import type { LocalRow, SyncAdapter } from './adapters';
import {
  hasNoLink,
  loadLinksByCrmIds,
  loadLinksByLocalIds,
  saveLink,
  type CrmLink,
} from './links-store';
import { enqueueOutbox } from './outbox-store';
import { syncDb, writeUnit, type PageWrite } from './page-write';
import type { RunRecorder } from './run-store';

/** What one run works with; built once by `runCrmSync`. */
export interface SyncContext {
  deps: { db: Db; clock: () => Date; newId: () => string; log: Logger; commits: CommitSeam };
  organizationId: string;
  /** Who CRM-made writes are attributed to: the user who connected the CRM. */
  actor: { userId: string; role: Role };
  /** The CRM as the reconciler asks it, in no one CRM's words. */
  provider: CrmProvider;
  settings: CrmSyncSettings;
  dryRun: boolean;
  recorder: RunRecorder;
  /** CRM modules the CRM user cannot use as this run needs: left out of it. */
  outOfReach?: ReadonlySet<string>;
  /** The page of inbound records being written in one transaction, if any (see page-write.ts). */
  page?: PageWrite;
}

/**
 * Links of one kind by Kanjo id and by CRM id, read from the database as a run
 * needs them (each id once) and kept in step with its commits.
 */
export interface LinkMaps {
  links: Map<string, CrmLink>;
  byCrmId: Map<string, CrmLink>;
  /** CRM ids and Kanjo ids whose link was read, found or not. */
  readCrm: Set<string>;
  readLocal: Set<string>;
}

export function linkMaps(): LinkMaps {
  return { links: new Map(), byCrmId: new Map(), readCrm: new Set(), readLocal: new Set() };
}

/** Which links a map holds: one entity in one CRM module. */
export interface LinkKind {
  entity: CrmSyncEntity;
  crmModule: string;
}

/**
 * One entity's links and live rows (those its module owns), read from the
 * database only as a run needs them — the records of a page, the queued ones,
 * the unlinked ones — so an incremental run costs what it touches, not what
 * the organization holds. What was read is kept in step with every commit.
 */
export interface EntityState extends LinkMaps {
  adapter: SyncAdapter;
  rows: Map<string, LocalRow>;
  /** Live rows of the entity that another module syncs (an individual customer beside Accounts). */
  foreign: Set<string>;
  /** Kanjo ids whose row was read, found or not. */
  readRows: Set<string>;
  /** The rows without a link in this module when first asked, in creation order. */
  unlinked: string[] | undefined;
  /** Kanjo ids this run linked (a new Account link brings its persons along). */
  newlyLinked: Set<string>;
  /** The module's records that failed to come in before (see inbound-failures.ts), once read. */
  failing: Map<string, { attempts: number; modifiedTime: string | null }> | undefined;
}

export function entityState(adapter: SyncAdapter): EntityState {
  return {
    ...linkMaps(),
    adapter,
    rows: new Map(),
    foreign: new Set(),
    readRows: new Set(),
    unlinked: undefined,
    newlyLinked: new Set(),
    failing: undefined,
  };
}

const kindOf = (state: EntityState): LinkKind => ({
  entity: state.adapter.entity,
  crmModule: state.adapter.module,
});

/**
 * Puts a link in the run's memory, in place of the record's previous one. Its
 * ids count as read: the database holds no newer link for them than this.
 */
export function rememberLink(maps: LinkMaps, link: CrmLink): void {
  const previous = maps.links.get(link.localId);
  if (previous) maps.byCrmId.delete(previous.crmId);
  maps.links.set(link.localId, link);
  maps.byCrmId.set(link.crmId, link);
  maps.readLocal.add(link.localId);
  maps.readCrm.add(link.crmId);
}

/** A link read from the database; what this run already holds for the record wins. */
function keepRead(maps: LinkMaps, link: CrmLink): void {
  maps.readCrm.add(link.crmId);
  maps.readLocal.add(link.localId);
  if (!maps.links.has(link.localId) && !maps.byCrmId.has(link.crmId)) rememberLink(maps, link);
}

const unread = (ids: readonly string[], read: Set<string>) =>
  [...new Set(ids)].filter((id) => !read.has(id));

/** Reads the links of these CRM records not read yet; returns those found. */
export async function readLinksByCrmIds(
  ctx: SyncContext,
  maps: LinkMaps,
  kind: LinkKind,
  crmIds: readonly string[],
): Promise<CrmLink[]> {
  const fresh = unread(crmIds, maps.readCrm);
  if (fresh.length === 0) return [];
  const links = await loadLinksByCrmIds(syncDb(ctx), ctx.organizationId, kind, fresh);
  for (const id of fresh) maps.readCrm.add(id);
  for (const link of links) keepRead(maps, link);
  return links;
}

/** Reads the links of these Kanjo records not read yet. */
export async function readLinksByLocalIds(
  ctx: SyncContext,
  maps: LinkMaps,
  kind: LinkKind,
  localIds: readonly string[],
): Promise<void> {
  const fresh = unread(localIds, maps.readLocal);
  if (fresh.length === 0) return;
  const links = await loadLinksByLocalIds(syncDb(ctx), ctx.organizationId, kind.entity, fresh);
  for (const id of fresh) maps.readLocal.add(id);
  for (const link of links) if (link.crmModule === kind.crmModule) keepRead(maps, link);
}

/** Reads the links of these CRM records, and the Kanjo rows they link to. */
export async function readByCrmIds(
  ctx: SyncContext,
  state: EntityState,
  crmIds: readonly string[],
): Promise<void> {
  const links = await readLinksByCrmIds(ctx, state, kindOf(state), crmIds);
  await readRows(
    ctx,
    state,
    links.map((link) => link.localId),
  );
}

/** Reads these Kanjo rows and their links in this module. */
export async function readByLocalIds(
  ctx: SyncContext,
  state: EntityState,
  localIds: readonly string[],
): Promise<void> {
  await readLinksByLocalIds(ctx, state, kindOf(state), localIds);
  await readRows(ctx, state, localIds);
}

async function readRows(ctx: SyncContext, state: EntityState, ids: readonly string[]) {
  const fresh = unread(ids, state.readRows).filter((id) => !state.rows.has(id));
  for (const id of fresh) state.readRows.add(id);
  const { entity } = state.adapter;
  const stored = await readInChunks(fresh, (chunk) =>
    syncDb(ctx)
      .selectFrom(entityTable[entity])
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', ctx.organizationId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', chunk)
      .execute(),
  );
  for (const r of stored) keep(state, decode<typeof entity>(r.data, r.version));
}

function keep(state: EntityState, row: LocalRow): void {
  if (state.adapter.owns(row)) state.rows.set(row.id, row);
  else state.foreign.add(row.id);
}

/**
 * The live rows this module owns that have no link in it, read once per run
 * (with their rows), less those linked since. In a settled organization this
 * is the handful of records made since the last run.
 */
export async function unlinkedRows(ctx: SyncContext, state: EntityState): Promise<LocalRow[]> {
  if (state.unlinked === undefined) {
    const { entity, module } = state.adapter;
    const table = entityTable[entity];
    const db = syncDb(ctx);
    const stored = await db
      .selectFrom(table)
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', ctx.organizationId)
      .where('deleted_at', 'is', null)
      .where(hasNoLink(db, ctx.organizationId, table, { entity, crmModule: module }))
      .orderBy('id')
      .execute();
    const unlinked: string[] = [];
    for (const r of stored) {
      const row = decode<typeof entity>(r.data, r.version) as LocalRow;
      // Read, and without a link in this module.
      state.readRows.add(row.id);
      state.readLocal.add(row.id);
      if (state.links.has(row.id)) continue;
      if (!state.rows.has(row.id)) keep(state, row);
      if (state.rows.has(row.id)) unlinked.push(row.id);
    }
    state.unlinked = unlinked;
  }
  return state.unlinked.flatMap((id) => {
    const row = state.rows.get(id);
    return row && !state.links.has(id) ? [row] : [];
  });
}

export interface RecordWork {
  mutation?: { name: MutationName; entityId: string; args: unknown };
  link?: CrmLink;
  /** More links written with the same unit (a customer's persons added in one patch). */
  links?: readonly CrmLink[];
  /** Kanjo values still have to reach the CRM. */
  enqueue?: string;
}

/**
 * Commits one record's local write, its link and its outbox row as one unit
 * (its own transaction, or a savepoint of the page being written), then
 * updates the run's memory — only once the unit is written, so memory never
 * holds what the database does not. A dry run writes nothing and only
 * updates memory, so later records see what a real run would have done.
 */
export async function commitRecord(
  ctx: SyncContext,
  state: EntityState,
  work: RecordWork,
  /** Where the link goes in memory: a contact person's link is not its customer's. */
  linkMaps: LinkMaps = state,
): Promise<void> {
  const { entity } = state.adapter;
  let written: LocalRow | undefined;
  if (!ctx.dryRun) {
    const now = ctx.deps.clock();
    await writeUnit(ctx, async (tx) => {
      const { trx } = tx;
      if (work.mutation) {
        const applied = await applyMutationIn(tx, {
          organizationId: ctx.organizationId,
          actor: ctx.actor,
          ...work.mutation,
          now,
          newId: ctx.deps.newId,
          // Echo suppression: a write that came from the CRM never goes back to it.
          source: 'crm',
        });
        const own = applied.writes.find((w) => w.entity === entity);
        written = own?.row as LocalRow | undefined;
      }
      const nowIso = now.toISOString();
      for (const link of linksOf(work)) await saveLink(trx, ctx.organizationId, link, nowIso);
      if (work.enqueue) {
        const row = { organizationId: ctx.organizationId, entity, localId: work.enqueue };
        await enqueueOutbox(trx, { ...row, now: nowIso });
      }
    });
  }
  if (written) state.rows.set(written.id, written);
  for (const link of linksOf(work)) {
    const before = linkMaps.links.get(link.localId)?.status;
    rememberLink(linkMaps, link);
    const linkedNow = before !== 'linked' && link.status === 'linked';
    if (linkMaps === state && linkedNow) state.newlyLinked.add(link.localId);
  }
}

const linksOf = (work: RecordWork): readonly CrmLink[] =>
  work.link ? [work.link, ...(work.links ?? [])] : (work.links ?? []);
