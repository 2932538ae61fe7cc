import { normalizeValue, valuesEqual, type CrmWriteResult, type FlatFields } from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import { loadConnectionRow } from '../connection-store';
import { loadSyncSettings } from '../settings-store';
import { setOwners, type CrmOwner } from './acting-owner';
import type { LocalRow } from './adapters';
import {
  readByCrmIds,
  readByLocalIds,
  rememberLink,
  unlinkedRows,
  type EntityState,
  type SyncContext,
} from './context';
import { holdBook } from './holds';
import { Matcher, reconcilePage } from './inbound';
import { settleNewItems } from './item-duplicates';
import { notDueOutbox, deleteOutbox, failOutbox, loadOutbox } from './outbox-store';
import { fitPicklists, withNotes, withoutEmpty } from './picklists';
import { laterTime } from './times';
import type { RunItem } from './run-store';
import { batchResults } from './write-answer';
import { loadCursor } from './cursors-store';
import { linkedByMatchKey, saveLink, type CrmLink } from './links-store';

/** Zoho takes at most 100 records per write. */
const BATCH = 100;

export interface Send {
  row: LocalRow;
  link: CrmLink | undefined;
  /** The Kanjo values sent (all mapped fields for a new record, the changed ones otherwise). */
  fields: FlatFields;
  body: Record<string, unknown>;
  /** The Kanjo user whose write queued a new record. */
  actorUserId?: string | null;
  /** The CRM user who owns the record this insert makes. */
  owner?: CrmOwner;
  /** What the write left out and why (a value the CRM's picklist lacks). */
  notes?: string[];
  /** Values that went in the CRM org's picklist spelling (see picklists.ts). */
  sentAs?: FlatFields;
}

/**
 * Sends Kanjo's side to the CRM (extent `both`): records never linked, and
 * records in the outbox. A new record goes by upsert on the module's
 * duplicate-check field, so a lost answer followed by a retry updates the
 * record the first try made instead of adding a second one. A linked
 * record sends only the fields that differ from the link's base. Each record's
 * result is kept on its own: a refused one stays queued with the CRM's reason
 * and is the only one the next run sends again, once its backoff is over
 * (`dueOnly`: automatic runs wait for it; Sync now and a resync do not).
 */
export async function pushModule(
  ctx: SyncContext,
  state: EntityState,
  only?: ReadonlySet<string>,
  {
    retryStale = true,
    dueOnly = false,
    part,
  }: {
    retryStale?: boolean;
    dueOnly?: boolean;
    /**
     * Only records never linked (`new`), or only changes of linked ones
     * (`changes`). Items both ways send their new records before the CRM is
     * read, and their changes after: a change goes out only once the CRM's
     * current values were merged with it, whatever the clocks say.
     */
    part?: 'new' | 'changes';
  } = {},
): Promise<void> {
  if (state.adapter.extent !== 'both') return;
  const waiting =
    dueOnly && !only
      ? await notDueOutbox(
          ctx.deps.db,
          ctx.organizationId,
          state.adapter.entity,
          ctx.deps.clock().toISOString(),
        )
      : new Set<string>();
  const collected = await collectSends(ctx, state, only, waiting, part);
  const { creates, updates } = await settleNewItems(ctx, state, {
    creates: part === 'changes' ? [] : collected.creates,
    updates: part === 'new' ? [] : collected.updates,
  });
  await setOwners(ctx, creates);
  const { module, duplicateField, duplicateKey, toCrm } = state.adapter;
  await fitPicklists(ctx, module, [...creates, ...updates], toCrm);
  const changes = await withoutEmpty(ctx, state, updates);
  if (ctx.dryRun) {
    for (const send of [...creates, ...changes]) record(ctx, state, send, 'would be sent');
    await ctx.recorder.flush();
    return;
  }
  // No duplicate-check value (a Contact without Email): a plain insert, as an upsert could not match.
  const keyed = creates.filter((s) => duplicateKey(s.fields) !== null);
  const unkeyed = creates.filter((s) => duplicateKey(s.fields) === null);
  for (const [group, upsert] of [
    [keyed, true],
    [unkeyed, false],
  ] as const) {
    for (let i = 0; i < group.length; i += BATCH) {
      const batch = group.slice(i, i + BATCH);
      const bodies = batch.map((s) => s.body);
      await sendBatch(ctx, state, batch, () =>
        upsert
          ? ctx.provider.upsert(module, bodies, [duplicateField])
          : ctx.provider.insert(module, bodies),
      );
    }
  }
  const { modifiedSince } = await loadCursor(ctx.deps.db, ctx.organizationId, module);
  const stale: string[] = [];
  for (let i = 0; i < changes.length; i += BATCH) {
    const batch = changes.slice(i, i + BATCH);
    const since = batch.reduce(
      (time, s) => laterTime(time, s.link?.crmModifiedTime ?? null),
      modifiedSince,
    );
    const bodies = batch.map((s) => ({ id: s.link?.crmId, ...s.body }));
    stale.push(
      ...(await sendBatch(ctx, state, batch, () =>
        ctx.provider.updateUnmodified(module, bodies, since),
      )),
    );
  }
  if (stale.length > 0 && retryStale) await remerge(ctx, state, stale);
}

/**
 * The CRM changed these records after this run read them (ALREADY_MODIFIED):
 * read them again, merge against the base, and send what is still Kanjo's —
 * once, so a record edited again meanwhile waits for the next run.
 */
async function remerge(ctx: SyncContext, state: EntityState, localIds: string[]): Promise<void> {
  const { adapter } = state;
  const records = [];
  for (const id of localIds) {
    const link = state.links.get(id);
    const record =
      link && (await ctx.provider.record(adapter.module, link.crmId, adapter.listFields));
    if (record) records.push(record);
  }
  await reconcilePage(ctx, state, new Matcher(ctx, state), records);
  await ctx.recorder.flush();
  await pushModule(ctx, state, new Set(localIds), { retryStale: false });
}

async function collectSends(
  ctx: SyncContext,
  state: EntityState,
  only: ReadonlySet<string> | undefined,
  waiting: ReadonlySet<string>,
  part?: 'new' | 'changes',
) {
  const { adapter } = state;
  const queued = await loadOutbox(ctx.deps.db, ctx.organizationId, adapter.entity);
  const queuedIds = new Set(queued.map((q) => q.localId));
  const actors = new Map(queued.map((q) => [q.localId, q.actorUserId]));
  await readByLocalIds(ctx, state, only ? [...only] : [...queuedIds]);
  const unlinked = !only && (await unqueuedMayExist(ctx)) ? await unlinkedRows(ctx, state) : [];
  const candidates = only ? [...only] : [...queuedIds, ...unlinked.map((row) => row.id)];
  const ids = new Set(
    candidates.filter(
      (id) =>
        !state.foreign.has(id) && !waiting.has(id) && (queuedIds.has(id) || !state.links.has(id)),
    ),
  );
  const takenNames = await linkedNames(ctx, state, ids);
  const book = await holdBook(ctx);
  const creates: Send[] = [];
  const updates: Send[] = [];
  const drop: string[] = [];
  for (const id of ids) {
    const row = state.rows.get(id);
    const link = state.links.get(id);
    // The other part's records are left as they are, for its own pass.
    if ((part === 'new' && link) || (part === 'changes' && !link)) continue;
    // Deleted in Kanjo, deleted in the CRM, or kept apart: nothing goes out.
    if (!row || (link && link.status !== 'linked')) {
      drop.push(id);
      continue;
    }
    const local = adapter.local(row);
    const hold = link ? undefined : book.holding(adapter.entity, adapter.module, id);
    if (hold) {
      // Waits for a person (an ambiguous match, or kept apart): queued again once released.
      book.reportSend(hold);
      drop.push(id);
      continue;
    }
    if (!link) {
      const owner = takenNames.get(adapter.duplicateKey(local) ?? '');
      if (owner !== undefined && owner !== id) {
        // Reported once; it waits for an edit (a new name) to be queued again.
        skipTaken(ctx, state, row, owner);
        drop.push(id);
        continue;
      }
      const actorUserId = actors.get(id) ?? null;
      creates.push({ row, link, fields: local, body: adapter.toCrm(local), actorUserId });
      continue;
    }
    const changed: FlatFields = {};
    for (const [field, value] of Object.entries(local)) {
      const held = link.held.includes(field);
      if (!held && !valuesEqual(value, link.base[field])) changed[field] = value;
    }
    if (Object.keys(changed).length === 0) drop.push(id);
    else updates.push({ row, link, fields: changed, body: adapter.toCrm(changed) });
  }
  if (!ctx.dryRun && drop.length > 0) {
    await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
      for (const id of drop) await deleteOutbox(trx, ctx.organizationId, adapter.entity, id);
    });
  }
  return { creates, updates };
}

/**
 * Whether Kanjo may hold records to send that are not queued. While the CRM
 * is connected with these rules, every write that concerns it is queued (the
 * outbox hook), so a run reads only the queue — its cost does not grow with
 * the organization. Records made before — before the first sync, while the
 * connection was disabled, or under other rules — are found by one look at
 * every unlinked record: on the first run, after the rules or the connection
 * changed, and after a run that did not finish.
 */
export async function unqueuedMayExist(ctx: SyncContext): Promise<boolean> {
  const { db } = ctx.deps;
  const lastRun = await db
    .selectFrom('crm_runs')
    .select('started_at')
    .where('organization_id', '=', ctx.organizationId)
    .where('status', '=', 'succeeded')
    .where('dry_run', '=', 0)
    // A re-sync or a person's link change touches one record: the rest may still wait.
    .where('trigger', 'not in', ['resync', 'link'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!lastRun) return true;
  const [settings, connection] = await Promise.all([
    loadSyncSettings(db, ctx.organizationId),
    loadConnectionRow(db, ctx.organizationId),
  ]);
  const changed = [settings.updatedAt, connection?.updated_at];
  return changed.some((time) => typeof time === 'string' && time >= lastRun.started_at);
}

/**
 * Which Kanjo record holds the CRM record that each new record's
 * duplicate-check value names, if any.
 */
async function linkedNames(
  ctx: SyncContext,
  state: EntityState,
  ids: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const { adapter } = state;
  const keys: string[] = [];
  for (const id of ids) {
    const row = state.rows.get(id);
    const key = row && !state.links.has(id) ? adapter.duplicateKey(adapter.local(row)) : null;
    if (key !== null) keys.push(key);
  }
  const { db } = ctx.deps;
  return linkedByMatchKey(db, ctx.organizationId, adapter.module, keys, state.links.values());
}

/**
 * An upsert would land on the CRM record already linked to another Kanjo
 * record (a clone of the same name): refused here, before any CRM call.
 */
function skipTaken(ctx: SyncContext, state: EntityState, row: LocalRow, owner: string) {
  ctx.recorder.add({
    entity: state.adapter.entity,
    localId: row.id,
    crmModule: state.adapter.module,
    crmId: null,
    action: 'skipped',
    direction: 'outbound',
    reason: takenReason(state, row, owner),
  });
}

/** Why a record is not sent: said so that the person knows what to change. */
function takenReason(state: EntityState, row: LocalRow, owner: string): string {
  const { entity, duplicateLabel } = state.adapter;
  const label = JSON.stringify(state.adapter.label(state.adapter.local(row)));
  return (
    `not sent: the CRM keeps one record per ${duplicateLabel}, and the one with this ` +
    `${duplicateLabel} (${label}) is linked to ${entity} ${owner}; give this ${entity} ` +
    `another ${duplicateLabel} to send it as a record of its own`
  );
}

async function sendBatch(
  ctx: SyncContext,
  state: EntityState,
  batch: Send[],
  call: () => Promise<CrmWriteResult[]>,
): Promise<string[]> {
  const stale: string[] = [];
  const results = await batchResults(batch.length, call);
  const landed = results.flatMap((result) => (result.ok ? [result.id] : []));
  await readByCrmIds(ctx, state, landed);
  const now = ctx.deps.clock();
  const nowIso = now.toISOString();
  const { entity, module } = state.adapter;
  const organizationId = ctx.organizationId;
  const links: CrmLink[] = [];
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const [index, send] of batch.entries()) {
      const result = results[index] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: '' };
      const localId = send.row.id;
      const owner = result.ok ? state.byCrmId.get(result.id) : undefined;
      if (result.ok && (!owner || owner.localId === localId)) {
        // After this write both sides hold `fields`: the next inbound sees remote = base (echo suppression).
        const link: CrmLink = send.link
          ? { ...send.link, base: { ...send.link.base, ...send.fields, ...send.sentAs } }
          : {
              entity,
              localId,
              crmModule: module,
              crmId: result.id,
              crmModifiedTime: null,
              base: { ...send.fields, ...send.sentAs },
              status: 'linked',
              held: [],
              linkedReason:
                result.action === 'update' ? `same ${state.adapter.duplicateField}` : 'pushed',
            };
        await saveLink(trx, organizationId, link, nowIso);
        await deleteOutbox(trx, organizationId, entity, localId);
        links.push(link);
        record(ctx, state, send, undefined, result.id);
        continue;
      }
      if (!result.ok && 'stale' in result && result.stale === true) {
        stale.push(localId);
        continue;
      }
      const failure = result.ok
        ? {
            code: 'CRM_ALREADY_LINKED',
            message: `CRM record ${result.id} is linked to ${entity} ${owner?.localId ?? '?'}`,
          }
        : { code: result.code, message: result.message };
      await failOutbox(trx, { organizationId, entity, localId, now, ...failure });
      ctx.recorder.add({
        entity,
        localId,
        crmModule: module,
        crmId: send.link?.crmId ?? null,
        action: 'failed',
        direction: 'outbound',
        errorCode: failure.code,
        errorMessage: failure.message,
      });
    }
  });
  for (const link of links) {
    if (state.links.get(link.localId)?.status !== 'linked') state.newlyLinked.add(link.localId);
    rememberLink(state, link);
  }
  await ctx.recorder.flush();
  return stale;
}

function record(
  ctx: SyncContext,
  state: EntityState,
  send: Send,
  reason: string | undefined,
  crmId: string | undefined = send.link?.crmId,
) {
  const { entity, module } = state.adapter;
  ctx.recorder.add(
    pushedItem({ entity, localId: send.row.id, crmModule: module, crmId }, send, reason),
  );
}

/**
 * The run item of a record sent to the CRM: each field sent, from the link's
 * base (before) to Kanjo's value (after).
 */
export function pushedItem(
  target: Pick<RunItem, 'entity' | 'localId' | 'crmModule'> & { crmId: string | undefined },
  send: {
    fields: FlatFields;
    link: CrmLink | undefined;
    owner?: CrmOwner | undefined;
    notes?: string[] | undefined;
  },
  reason: string | undefined,
): RunItem {
  const before = (field: string) => send.link?.base[field] ?? null;
  const what = withNotes(
    reason ?? (send.link ? 'updated in the CRM' : 'created in the CRM'),
    send.notes,
  );
  return {
    ...target,
    crmId: target.crmId ?? null,
    action: 'pushed',
    direction: 'outbound',
    changes: Object.entries(send.fields)
      .filter(([field, value]) => value !== null || normalizeValue(before(field)) !== null)
      .map(([field, value]) => ({ field, before: before(field), after: value })),
    reason: send.owner ? `${what}; owner: ${send.owner.email}` : what,
  };
}
