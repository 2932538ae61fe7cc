import { firstLinkMerge, type FieldValue, type MergeResult } from '@kanjo/core';
import { applyMutationIn } from '../../mutations/apply-mutation';
import { commitWrite } from '../../mutations/committed';
import { crmProviderFor } from '../crm-clients';
import { fromCrm } from '../lookup/reads';
import type { LocalRow, SyncAdapter } from './adapters';
import { entityState, readByLocalIds, type SyncContext } from './context';
import {
  deleteHoldsOfCrm,
  deleteHoldsOfLocal,
  insertHolds,
  loadHoldsOf,
  type Hold,
} from './hold-store';
import { agreedBase, Matcher, reconcilePage, timeOf } from './inbound';
import type { RepairModule } from './link-candidates';
import {
  crmRecordNotFound,
  moduleFor,
  notSynced,
  refuseLinkedElsewhere,
  runRepair,
  type RepairRequest,
} from './link-repair';
import { saveLink, type CrmLink } from './links-store';
import { enqueueOutbox } from './outbox-store';

/**
 * Links the record to the CRM record `crmId` as a first link would (the
 * duplicates rule `overwrite`: the CRM's values fill Kanjo, Kanjo's missing
 * ones go out). The other candidates of an ambiguous match on that CRM record
 * stay unlinked and are kept apart (not sent as new); a CRM record it was
 * linked to before is kept apart too (not imported as new). 409 when another
 * Kanjo record holds the CRM record.
 */
export async function linkRecord(req: RepairRequest, crmId: string): Promise<void> {
  const module = await moduleFor(req);
  await refuseLinkedElsewhere(req, module, crmId);
  const crm = await crmProviderFor(req.deps, req.organizationId);
  const exists = await fromCrm(() => crm.record(module, crmId, ['Modified_Time']));
  if (!exists) throw crmRecordNotFound(module, crmId);
  await runRepair(req, (ctx, adapters) => linkInRun(req, ctx, adapters, { module, crmId }));
}

/** What linking changes: read under the run lock. */
interface LinkPlan {
  adapter: SyncAdapter;
  row: LocalRow;
  link: CrmLink;
  merge: MergeResult;
  previous: CrmLink | undefined;
  /** The other candidates of an ambiguous match on the CRM record: kept apart now. */
  others: Hold[];
  /** Other CRM records held because they matched this record alone too: let go now. */
  rivals: string[];
}

async function linkInRun(
  req: RepairRequest,
  ctx: SyncContext,
  adapters: SyncAdapter[],
  target: { module: RepairModule; crmId: string },
): Promise<void> {
  // Read again under the lock: a sync may have linked it meanwhile.
  await refuseLinkedElsewhere(req, target.module, target.crmId);
  const plan = await planLink(req, ctx, adapters, target);
  await writeLink(req, ctx, plan);
  reportLink(req, ctx, plan);
  await admitRivals(ctx, plan);
}

/**
 * The other CRM records that matched the chosen Kanjo record are no longer
 * held by that match: they come in now as the rules say (imported as their
 * own records, or matched to another one).
 */
async function admitRivals(ctx: SyncContext, plan: LinkPlan): Promise<void> {
  if (plan.rivals.length === 0) return;
  const { adapter } = plan;
  const records = await ctx.provider.records(adapter.module, plan.rivals, adapter.listFields);
  const state = entityState(adapter);
  await reconcilePage(ctx, state, new Matcher(ctx, state), records);
}

/** CRM records held for a choice whose only candidate is this Kanjo record. */
async function rivalsOf(req: RepairRequest, module: string, chosen: string): Promise<string[]> {
  const { db } = req.deps;
  const own = await loadHoldsOf(db, req.organizationId, req.target);
  const rivals: string[] = [];
  for (const hold of own) {
    if (hold.kind !== 'ambiguous' || hold.crmModule !== module || hold.crmId === chosen) continue;
    const all = await loadHoldsOf(db, req.organizationId, hold);
    if (all.every((h) => h.kind !== 'ambiguous' || h.localId === hold.localId))
      rivals.push(hold.crmId);
  }
  return rivals;
}

async function planLink(
  req: RepairRequest,
  ctx: SyncContext,
  adapters: SyncAdapter[],
  { module, crmId }: { module: RepairModule; crmId: string },
): Promise<LinkPlan> {
  const { entity, localId } = req.target;
  const adapter = adapters.find((a) => a.entity === entity && a.module === module);
  if (!adapter) throw notSynced(entity);
  const state = entityState(adapter);
  await readByLocalIds(ctx, state, [localId]);
  const row = state.rows.get(localId);
  if (!row) throw notSynced(entity);
  const record = await ctx.provider.record(module, crmId, adapter.listFields);
  if (!record) throw crmRecordNotFound(module, crmId);
  const remote = adapter.remote(record).fields;
  const merge = firstLinkMerge({ local: adapter.local(row), remote, extent: adapter.extent });
  const link: CrmLink = {
    ...{ entity, localId, crmModule: module, crmId, status: 'linked', held: [] },
    crmModifiedTime: timeOf(record),
    base: agreedBase(merge, remote),
    linkedReason: `chosen by ${req.user.email}`,
  };
  const held = await loadHoldsOf(ctx.deps.db, ctx.organizationId, { crmModule: module, crmId });
  const others = held.filter(
    (h) => h.kind === 'ambiguous' && !(h.entity === entity && h.localId === localId),
  );
  const rivals = await rivalsOf(req, module, crmId);
  return { adapter, row, link, merge, previous: state.links.get(localId), others, rivals };
}

/** The link, Kanjo's new values, what goes out next run, and the holds: one transaction. */
async function writeLink(req: RepairRequest, ctx: SyncContext, plan: LinkPlan) {
  const { adapter, row, link, merge } = plan;
  const { entity, localId } = req.target;
  const now = ctx.deps.clock();
  const nowIso = now.toISOString();
  const organizationId = ctx.organizationId;
  const queue = { organizationId, localId, now: nowIso, actorUserId: req.user.id };
  await commitWrite(ctx.deps, organizationId, async (tx) => {
    const { trx } = tx;
    const patch = Object.keys(merge.toLocal).length > 0 ? adapter.patch(row, merge.toLocal) : null;
    if (patch) {
      await applyMutationIn(tx, {
        ...{ organizationId, entityId: localId, now, newId: ctx.deps.newId },
        actor: { userId: req.user.id, role: req.user.role },
        ...patch,
        // Kanjo takes the CRM's values: nothing of this goes back.
        source: 'crm',
      });
    }
    await saveLink(trx, organizationId, link, nowIso);
    if (Object.keys(merge.toRemote).length > 0) await enqueueOutbox(trx, { ...queue, entity });
    // A newly linked account compares its contact persons on the next run.
    if (link.crmModule === 'Accounts') {
      await enqueueOutbox(trx, { ...queue, entity: 'contactPerson' });
    }
    tx.queuedForCrm(organizationId);
    // The choice settles the match; pairs other people kept apart stay as they are.
    const crm = { crmModule: link.crmModule, crmId: link.crmId };
    await deleteHoldsOfCrm(trx, organizationId, { ...crm, kind: 'ambiguous' });
    await deleteHoldsOfLocal(trx, organizationId, { entity, localId, crmId: link.crmId });
    for (const rival of plan.rivals) {
      await deleteHoldsOfCrm(trx, organizationId, { ...crm, crmId: rival, kind: 'ambiguous' });
    }
    await insertHolds(trx, organizationId, keptApartBy(req, plan, nowIso));
  });
}

/** The holds the choice leaves: the other candidates, and the CRM record linked before. */
function keptApartBy(req: RepairRequest, plan: LinkPlan, createdAt: string): Hold[] {
  const { link, previous } = plan;
  const decided = { kind: 'kept_apart' as const, decidedBy: req.user.id, createdAt };
  const chosen = `${req.user.email} linked ${link.crmModule} ${link.crmId} to ${link.entity} ${link.localId}`;
  const held = plan.others.map((h) => ({ ...h, ...decided, reason: chosen }));
  if (!previous || previous.crmId === link.crmId) return held;
  const reason = `${req.user.email} linked it to ${link.crmModule} ${link.crmId} instead`;
  return [...held, { ...keptApartOf(previous), ...decided, reason }];
}

/** A hold keeping a link's two records apart (its CRM name as last agreed). */
export function keptApartOf(
  link: CrmLink,
): Omit<Hold, 'kind' | 'decidedBy' | 'createdAt' | 'reason'> {
  const name = link.base.displayName ?? link.base.name ?? null;
  return {
    entity: link.entity,
    localId: link.localId,
    crmModule: link.crmModule,
    crmId: link.crmId,
    crmName: name === null ? null : String(name),
    parentId: null,
  };
}

function reportLink(req: RepairRequest, ctx: SyncContext, plan: LinkPlan): void {
  const { link, previous, adapter } = plan;
  const by = req.user.email;
  const where = { entity: link.entity, crmModule: link.crmModule, direction: 'inbound' as const };
  const local = adapter.local(plan.row);
  const changes = Object.entries(plan.merge.toLocal).map(
    ([field, after]: [string, FieldValue]) => ({
      field,
      before: local[field] ?? null,
      after,
    }),
  );
  const reason = `linked by ${by}, chosen by a person`;
  ctx.recorder.add({
    ...where,
    localId: link.localId,
    crmId: link.crmId,
    action: 'linked',
    changes,
    reason,
  });
  for (const hold of plan.others) {
    ctx.recorder.add({
      ...where,
      entity: hold.entity,
      localId: hold.localId,
      crmId: link.crmId,
      action: 'skipped',
      reason: `${by} linked ${link.crmModule} ${link.crmId} to ${link.entity} ${link.localId}: this one stays unlinked and is not sent until linked or released`,
    });
  }
  if (!previous || previous.crmId === link.crmId) return;
  ctx.recorder.add({
    ...where,
    crmModule: previous.crmModule,
    localId: link.localId,
    crmId: previous.crmId,
    action: 'unlinked',
    reason: `unlinked by ${by} (linked to ${link.crmModule} ${link.crmId} instead): kept apart, not imported as new until linked or released`,
  });
}
