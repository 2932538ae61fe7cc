import type { CrmSyncSettings, MutationName, Role } from '@kanjo/core';
import type { ZohoClient } from '@kanjo/crm-zoho';
import { writeTransaction, type Db } from '../../db/database';
import { decode, entityTable } from '../../db/entities';
import type { Logger } from '../../log';
import { applyMutationIn } from '../../mutations/apply-mutation';
import type { LocalRow, SyncAdapter } from './adapters';
import {
  enqueueOutbox,
  loadLinksByCrmIds,
  loadLinksByLocalIds,
  saveLink,
  type CrmLink,
} from './link-store';
import type { RunRecorder } from './run-store';

/** What one run works with; built once by `runCrmSync`. */
export interface SyncContext {
  deps: { db: Db; clock: () => Date; newId: () => string; log: Logger };
  organizationId: string;
  /** Who CRM-made writes are attributed to: the user who connected the CRM. */
  actor: { userId: string; role: Role };
  crm: ZohoClient;
  settings: CrmSyncSettings;
  dryRun: boolean;
  recorder: RunRecorder;
  /** Pokes the organization's SSE streams after a commit moved its seq. */
  notify: (seq: number) => void;
}

/** Links by Kanjo id and by CRM id, kept in step with the database during a run. */
export interface LinkMaps {
  links: Map<string, CrmLink>;
  byCrmId: Map<string, CrmLink>;
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
  /** Kanjo ids whose row and link were read (found or not). */
  readLocal: Set<string>;
  /** CRM ids whose link was read (found or not). */
  readCrm: Set<string>;
  /** The rows without a link in this module when first asked, in creation order. */
  unlinked: string[] | undefined;
  /** Kanjo ids this run linked (a new Account link brings its persons along). */
  newlyLinked: Set<string>;
  /** The module's records that failed to come in before (see inbound-failures.ts), once read. */
  failing: Map<string, { attempts: number; modifiedTime: string | null }> | undefined;
}

export function entityState(adapter: SyncAdapter): EntityState {
  return {
    adapter,
    links: new Map(),
    byCrmId: new Map(),
    rows: new Map(),
    foreign: new Set(),
    readLocal: new Set(),
    readCrm: new Set(),
    unlinked: undefined,
    newlyLinked: new Set(),
    failing: undefined,
  };
}

/** Puts a link in the run's memory, in place of the record's previous one. */
export function rememberLink(maps: LinkMaps, link: CrmLink): void {
  const previous = maps.links.get(link.localId);
  if (previous) maps.byCrmId.delete(previous.crmId);
  maps.links.set(link.localId, link);
  maps.byCrmId.set(link.crmId, link);
}

/** Reads the links of these CRM records, and the Kanjo rows they link to. */
export async function readByCrmIds(
  ctx: SyncContext,
  state: EntityState,
  crmIds: readonly string[],
): Promise<void> {
  const fresh = [...new Set(crmIds)].filter((id) => !state.readCrm.has(id));
  if (fresh.length === 0) return;
  const { entity, module } = state.adapter;
  const where = { entity, crmModule: module };
  const links = await loadLinksByCrmIds(ctx.deps.db, ctx.organizationId, where, fresh);
  for (const id of fresh) state.readCrm.add(id);
  for (const link of links) if (!state.links.has(link.localId)) rememberLink(state, link);
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
  const fresh = [...new Set(localIds)].filter((id) => !state.readLocal.has(id));
  if (fresh.length === 0) return;
  const { entity, module } = state.adapter;
  const links = await loadLinksByLocalIds(ctx.deps.db, ctx.organizationId, entity, fresh);
  for (const link of links) {
    if (link.crmModule !== module || state.links.has(link.localId)) continue;
    if (state.byCrmId.has(link.crmId)) continue;
    rememberLink(state, link);
    state.readCrm.add(link.crmId);
  }
  await readRows(ctx, state, fresh);
}

async function readRows(ctx: SyncContext, state: EntityState, ids: readonly string[]) {
  const fresh = ids.filter((id) => !state.readLocal.has(id) && !state.rows.has(id));
  for (const id of fresh) state.readLocal.add(id);
  const { adapter } = state;
  for (let i = 0; i < fresh.length; i += 500) {
    const stored = await ctx.deps.db
      .selectFrom(entityTable[adapter.entity])
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', ctx.organizationId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', fresh.slice(i, i + 500))
      .execute();
    for (const r of stored) keep(state, decode<typeof adapter.entity>(r.data, r.version));
  }
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
    const stored = await ctx.deps.db
      .selectFrom(table)
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', ctx.organizationId)
      .where('deleted_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('crm_links')
              .select('crm_links.local_id')
              .where('crm_links.organization_id', '=', ctx.organizationId)
              .where('crm_links.entity', '=', entity)
              .where('crm_links.crm_module', '=', module)
              .whereRef('crm_links.local_id', '=', `${table}.id`),
          ),
        ),
      )
      .orderBy('id')
      .execute();
    const unlinked: string[] = [];
    for (const r of stored) {
      const row = decode<typeof entity>(r.data, r.version) as LocalRow;
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
  /** Kanjo values still have to reach the CRM. */
  enqueue?: string;
}

/**
 * Commits one record's local write, its link and its outbox row in one
 * transaction, then updates the run's memory — only after the commit, so
 * memory never holds what the database does not. A dry run writes nothing and
 * only updates memory, so later records see what a real run would have done.
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
    const seq = await writeTransaction(ctx.deps.db, async (trx) => {
      let moved: number | undefined;
      if (work.mutation) {
        const applied = await applyMutationIn(trx, {
          organizationId: ctx.organizationId,
          actor: ctx.actor,
          ...work.mutation,
          now,
          newId: ctx.deps.newId,
          // Echo suppression: a write that came from the CRM never goes back to it.
          source: 'crm',
        });
        moved = applied.seq;
        const own = applied.writes.find((w) => w.entity === entity);
        written = own?.row as LocalRow | undefined;
      }
      const nowIso = now.toISOString();
      if (work.link) await saveLink(trx, ctx.organizationId, work.link, nowIso);
      if (work.enqueue) {
        const row = { organizationId: ctx.organizationId, entity, localId: work.enqueue };
        await enqueueOutbox(trx, { ...row, now: nowIso });
      }
      return moved;
    });
    if (seq !== undefined) ctx.notify(seq);
  }
  if (written) state.rows.set(written.id, written);
  if (work.link) {
    const before = linkMaps.links.get(work.link.localId)?.status;
    rememberLink(linkMaps, work.link);
    const linkedNow = before !== 'linked' && work.link.status === 'linked';
    if (linkMaps === state && linkedNow) state.newlyLinked.add(work.link.localId);
  }
}
