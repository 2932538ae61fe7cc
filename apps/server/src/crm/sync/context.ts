import type { CrmSyncSettings, MutationName, Role } from '@kanjo/core';
import type { ZohoClient } from '@kanjo/crm-zoho';
import { writeTransaction, type Db } from '../../db/database';
import { decode, entityTable } from '../../db/entities';
import type { Logger } from '../../log';
import { applyMutationIn } from '../../mutations/apply-mutation';
import type { LocalRow, SyncAdapter } from './adapters';
import { enqueueOutbox, loadLinks, saveLink, type CrmLink } from './link-store';
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

/** One entity's links and live rows (those its module owns), kept in step with the database. */
export interface EntityState extends LinkMaps {
  adapter: SyncAdapter;
  rows: Map<string, LocalRow>;
  /** Live rows of the entity that another module syncs (an individual customer beside Accounts). */
  foreign: Set<string>;
}

export async function loadEntityState(ctx: SyncContext, adapter: SyncAdapter) {
  const { db } = ctx.deps;
  const links = await loadLinks(db, ctx.organizationId, adapter.entity);
  const stored = await db
    .selectFrom(entityTable[adapter.entity])
    .select(['data', 'version'])
    .where('organization_id', '=', ctx.organizationId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const all = stored.map((r) => decode<typeof adapter.entity>(r.data, r.version) as LocalRow);
  const rows = all.filter((row) => adapter.owns(row));
  const own = links.filter((link) => link.crmModule === adapter.module);
  const state: EntityState = {
    adapter,
    links: new Map(own.map((link) => [link.localId, link])),
    byCrmId: new Map(own.map((link) => [link.crmId, link])),
    rows: new Map(rows.map((row) => [row.id, row])),
    foreign: new Set(all.filter((row) => !adapter.owns(row)).map((row) => row.id)),
  };
  return state;
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
    const previous = linkMaps.links.get(work.link.localId);
    if (previous) linkMaps.byCrmId.delete(previous.crmId);
    linkMaps.links.set(work.link.localId, work.link);
    linkMaps.byCrmId.set(work.link.crmId, work.link);
  }
}
