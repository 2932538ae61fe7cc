import type { MatchResult } from '@kanjo/core';
import type { EntityState, SyncContext } from './context';
import type { HeldCandidate } from './holds';
import { holdBook } from './holds';
import type { DeferredMatch, ReconcilePage } from './inbound';
import type { RunItem } from './run-store';

/**
 * What the inbound step does with holds (see hold-store.ts): a CRM record a
 * person kept apart is left alone; an ambiguous match holds the CRM record and
 * every Kanjo candidate for a person instead of guessing; and each run reads
 * the held CRM records again, so a match that stopped being ambiguous (a
 * candidate deleted or renamed, the CRM record gone) is settled normally.
 */

/** A run item's who-is-who for one incoming CRM record. */
export type InboundTarget = Pick<RunItem, 'entity' | 'crmModule' | 'direction'> & {
  crmId: string;
};

/** True (and reported) when a person kept this CRM record apart: nothing is matched or imported. */
export async function keptApartByPerson(ctx: SyncContext, target: InboundTarget) {
  const book = await holdBook(ctx);
  const hold = book.ofCrm(target.crmModule, target.crmId).find((h) => h.kind === 'kept_apart');
  if (!hold) return false;
  ctx.recorder.add({
    ...target,
    localId: hold.localId,
    action: 'skipped',
    reason: `kept apart by a person (${hold.reason}): not imported or matched until it is linked from a Kanjo record's page, or released there`,
  });
  return true;
}

export interface AmbiguityCheck {
  target: InboundTarget;
  /** The CRM record's name, as the history and the record's page show it. */
  crmName: string | null;
  match: MatchResult;
  /** Each candidate's name and, for a contact person, its customer. */
  describe: (localId: string) => { name: string | null; parentId: string | null };
}

/**
 * Holds the CRM record and its Kanjo candidates when the match is ambiguous,
 * or when its one candidate already waits for a choice about another CRM
 * record; true when held. Otherwise a hold the record had is let go (its
 * candidates are queued to sync again) and the caller links or imports it.
 */
export async function holdIfAmbiguous(ctx: SyncContext, check: AmbiguityCheck): Promise<boolean> {
  const { target, match } = check;
  const book = await holdBook(ctx);
  const crm = { crmModule: target.crmModule, crmId: target.crmId };
  const ids = match === null ? [] : 'ambiguous' in match ? match.ambiguous : [match.id];
  const elsewhere = ids.some((id) =>
    book.heldElsewhere(target.entity, target.crmModule, id, target.crmId),
  );
  if (match === null || (!('ambiguous' in match) && !elsewhere)) {
    await book.release(crm);
    return false;
  }
  const reason =
    'ambiguous' in match ? match.detail : `${match.detail}, already a candidate of another choice`;
  const candidates: HeldCandidate[] = ids.map((localId) => ({
    localId,
    parentId: check.describe(localId).parentId,
  }));
  const held = { ...crm, entity: target.entity, crmName: check.crmName, reason };
  // Said when the hold is new or changed; later runs say it only of an edit that waits.
  if (!(await book.hold(held, candidates))) return true;
  const list = ids.map((id) => `${check.describe(id).name ?? '(no name)'} (${id})`).join(', ');
  const about = `«${check.crmName ?? target.crmId}» matches ${ids.length} ${target.entity} record(s) (${reason}): ${list}`;
  for (const localId of ids) {
    ctx.recorder.add({
      ...target,
      localId,
      action: 'held',
      reason: `${about}; none is linked or sent to the CRM until a person chooses`,
    });
    book.reported.add(`${target.entity}:${localId}`);
  }
  return true;
}

/**
 * Holds a Kanjo record that several CRM records of one read matched, each
 * alone: one hold per CRM record, naming them all, so nothing is linked,
 * imported or sent until a person links one from the record's page. Said in
 * the history for each hold that is new or changed.
 */
export async function holdContested(
  ctx: SyncContext,
  state: EntityState,
  localId: string,
  contest: readonly DeferredMatch[],
): Promise<void> {
  const { adapter } = state;
  const book = await holdBook(ctx);
  const crm = [...contest]
    .map(({ record, detail }) => ({
      crmId: String(record.id),
      name: adapter.label(adapter.remote(record).fields),
      detail,
    }))
    .sort((a, b) => a.crmId.localeCompare(b.crmId));
  const row = state.rows.get(localId);
  const name = row ? adapter.label(adapter.local(row)) : null;
  const list = crm.map((c) => `${c.name} (${c.crmId}): ${c.detail}`).join('; ');
  const reason = `${crm.length} ${adapter.module} records match the same ${adapter.entity}: ${list}`;
  for (const { crmId, name: crmName } of crm) {
    const held = { entity: adapter.entity, crmModule: adapter.module, crmId, crmName, reason };
    if (!(await book.hold(held, [{ localId, parentId: null }]))) continue;
    ctx.recorder.add({
      entity: adapter.entity,
      localId,
      crmModule: adapter.module,
      crmId,
      direction: 'inbound',
      action: 'held',
      reason: `«${name ?? localId}» (${localId}) is matched by ${reason}; none is linked, imported or sent to the CRM until a person chooses`,
    });
    book.reported.add(`${adapter.entity}:${localId}`);
  }
}

/**
 * Reads again the module's CRM records held for a choice that this run did
 * not read (unchanged since), and reconciles them: a hold whose reason is gone
 * is settled. A held record the CRM no longer has lets its candidates go.
 */
export async function recheckHeld(
  ctx: SyncContext,
  state: EntityState,
  reconcile: ReconcilePage,
  seen: ReadonlySet<string>,
): Promise<void> {
  const { adapter } = state;
  const book = await holdBook(ctx);
  const ids = book.ambiguousCrmIds(adapter.module).filter((id) => !seen.has(id));
  if (ids.length === 0) return;
  const records = await ctx.provider.records(adapter.module, ids, adapter.listFields);
  const found = new Set(records.map((record) => String(record.id)));
  for (const crmId of ids.filter((id) => !found.has(id))) {
    const freed = await book.release({ crmModule: adapter.module, crmId });
    for (const hold of freed) {
      ctx.recorder.add({
        entity: hold.entity,
        localId: hold.localId,
        crmModule: adapter.module,
        crmId,
        direction: 'inbound',
        action: 'released',
        reason: 'the CRM record it was held for is gone: it syncs again',
      });
    }
  }
  if (records.length > 0) await reconcile(records);
  await ctx.recorder.flush();
}
