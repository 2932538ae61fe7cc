import {
  buildMatchIndex,
  findMatch,
  firstLinkMerge,
  mergeRecord,
  type CrmRecord,
  type FlatFields,
  type MatchIndex,
  type MergeResult,
  valuesEqual,
} from '@kanjo/core';
import {
  commitRecord,
  readByCrmIds,
  unlinkedRows,
  type EntityState,
  type SyncContext,
} from './context';
import { loadCursor, saveCursor } from './cursors-store';
import { type CrmLink } from './links-store';
import type { FieldChange, RunItem } from './run-store';
import { errorInfo } from './errors';
import { holdBook } from './holds';
import { holdContested, holdIfAmbiguous, keptApartByPerson, recheckHeld } from './inbound-holds';
import { clearInboundFailure, gaveUpReason, givenUp, noteInboundFailure } from './inbound-failures';
import { CursorMark, oldest } from './inbound-cursor';
import { inPage, syncDb } from './page-write';
import { earlierTime, laterTime, overlapped } from './times';
import { sendable } from './picklists';

/**
 * Records per committed page: a page's writes, its cursor and its history
 * commit in one transaction. Zoho's page size: the records of one read are
 * one commit (the page commits before the next read anyway, see leavePage).
 */
const PAGE = 200;

/** What reconciling records did: the newest Modified_Time done, the oldest failed or waiting. */
export interface PageResult {
  newest: string | null;
  failedAt: string | null;
  /** The oldest record whose match waits for the end of the read (see Matcher). */
  deferredAt?: string | null;
}

/** Reconciles a page of records. */
export type ReconcilePage = (records: CrmRecord[]) => Promise<PageResult>;

/**
 * Reads one module's records changed since its cursor (within the chosen
 * view) and reconciles each: linked → three-way merge; unlinked → match by
 * the duplicate and conflict rules. The cursor moves to the newest Modified_Time seen only
 * once the page's local writes committed, and never past a record that failed.
 */
export async function pullModule(
  ctx: SyncContext,
  state: EntityState,
  /** Replaces the per-record reconcile (Contacts of accountsAndContacts go to contact persons). */
  reconcile?: ReconcilePage,
): Promise<void> {
  const { adapter } = state;
  const cursor = await loadCursor(ctx.deps.db, ctx.organizationId, adapter.module);
  const matcher = new Matcher(ctx, state, { deferring: reconcile === undefined });
  const reconcileAny: ReconcilePage =
    reconcile ?? ((records) => reconcilePage(ctx, state, matcher, records));
  const mark = new CursorMark(cursor.modifiedSince);
  // Zoho refuses `sort_by` beside a view's `cvid` (AMBIGUITY_DURING_PROCESSING): within a
  // view records come unordered, so the cursor may move only once every page is done.
  const ordered = adapter.view === undefined;
  let page: CrmRecord[] = [];
  const seen = new Set<string>();
  const save = async (last: boolean) => {
    const target = mark.target();
    if ((ordered || last) && !ctx.dryRun && target !== null && target !== mark.saved) {
      await saveCursor(syncDb(ctx), ctx.organizationId, adapter.module, { modifiedSince: target });
      mark.saved = target;
    }
    await ctx.recorder.flush(syncDb(ctx));
  };
  // The page's writes, then the cursor past them and the history, in one transaction.
  const reconcileInPage = (records: CrmRecord[]) =>
    inPage(ctx, async () => {
      mark.add(await reconcileAny(records));
      await save(false);
    });
  const records = ctx.provider.list(adapter.module, {
    fields: adapter.listFields,
    modifiedSince: overlapped(cursor.modifiedSince),
    ...(ordered ? { oldestChangeFirst: true } : { view: adapter.view }),
  });
  for await (const record of records) {
    page.push(record);
    seen.add(String(record.id));
    if (page.length < PAGE) continue;
    await reconcileInPage(page);
    page = [];
  }
  await reconcileInPage(page);
  // An unchanged held record read again joins the settling, but never moves the cursor.
  await recheckHeld(ctx, state, reconcileAny, seen);
  mark.settle(await settleDeferred(ctx, state, matcher, seen));
  await save(true);
}

/**
 * Settles the matches the read deferred: a Kanjo record matched by one CRM
 * record is linked as usual; one matched by several is held with all of them
 * for a person. What it returns counts only the records of this read's pages
 * (`seen`): a held record read again never moves the cursor.
 */
async function settleDeferred(
  ctx: SyncContext,
  state: EntityState,
  matcher: Matcher,
  seen: ReadonlySet<string>,
): Promise<PageResult> {
  const single: CrmRecord[] = [];
  let newest: string | null = null;
  for (const [localId, contest] of matcher.takeDeferred()) {
    const [only] = contest;
    if (only && contest.length === 1) {
      single.push(only.record);
      continue;
    }
    await holdContested(ctx, state, localId, contest);
    for (const { record } of contest) {
      if (seen.has(String(record.id))) newest = laterTime(newest, timeOf(record));
    }
  }
  const read = single.filter((record) => seen.has(String(record.id)));
  const done = await reconcileInPages(ctx, state, matcher, read);
  await reconcileInPages(
    ctx,
    state,
    matcher,
    single.filter((record) => !seen.has(String(record.id))),
  );
  await ctx.recorder.flush();
  return { newest: laterTime(newest, done.newest), failedAt: done.failedAt };
}

/** `reconcilePage` a page at a time, each page's writes in one transaction. */
async function reconcileInPages(
  ctx: SyncContext,
  state: EntityState,
  matcher: Matcher,
  records: CrmRecord[],
): Promise<PageResult> {
  const mark: PageResult = { newest: null, failedAt: null };
  for (let start = 0; start < records.length; start += PAGE) {
    const page = records.slice(start, start + PAGE);
    const done = await inPage(ctx, () => reconcilePage(ctx, state, matcher, page));
    mark.newest = laterTime(mark.newest, done.newest);
    mark.failedAt = oldest(mark.failedAt, done.failedAt);
  }
  return mark;
}

/**
 * Reconciles the given records (a page, or one record being re-synced): the
 * newest Modified_Time done, and the oldest of those that failed.
 */
export async function reconcilePage(
  ctx: SyncContext,
  state: EntityState,
  matcher: Matcher,
  records: CrmRecord[],
  /** A re-sync tries a record the sync gave up on (inbound-failures.ts). */
  { retryGivenUp = false } = {},
): Promise<PageResult> {
  let newest: string | null = null;
  let oldestFailed: string | null = null;
  let deferredAt: string | null = null;
  await readByCrmIds(
    ctx,
    state,
    records.map((record) => String(record.id)),
  );
  for (const record of records) {
    const time = typeof record.Modified_Time === 'string' ? record.Modified_Time : null;
    const crmId = String(record.id);
    if (!retryGivenUp && (await givenUp(ctx, state, crmId, time))) continue;
    try {
      if ((await reconcileRecord(ctx, state, matcher, record)) === 'deferred') {
        deferredAt = oldest(deferredAt, time);
        continue;
      }
      await clearInboundFailure(ctx, state, crmId);
      newest = laterTime(newest, time);
    } catch (error) {
      const { code, message } = errorInfo(error);
      const note = await noteInboundFailure(ctx, state, {
        crmId,
        modifiedTime: time,
        code,
        message,
      });
      ctx.recorder.add({
        ...itemBase(state, record),
        action: 'failed',
        errorCode: code,
        errorMessage: message,
        reason: note.holds ? undefined : gaveUpReason(note.attempts),
      });
      if (!note.holds) newest = laterTime(newest, time);
      else if (time !== null) {
        oldestFailed = oldestFailed === null ? time : earlierTime(time, oldestFailed);
      }
    }
  }
  return { newest, failedAt: oldestFailed, deferredAt };
}

function itemBase(state: EntityState, record: CrmRecord) {
  const crmId = String(record.id);
  return {
    entity: state.adapter.entity,
    localId: state.byCrmId.get(crmId)?.localId ?? null,
    crmModule: state.adapter.module,
    crmId,
    direction: 'inbound' as const,
  };
}

async function reconcileRecord(
  ctx: SyncContext,
  state: EntityState,
  matcher: Matcher,
  record: CrmRecord,
): Promise<'deferred' | undefined> {
  const link = state.byCrmId.get(String(record.id));
  if (link) await mergeLinked(ctx, state, link, record);
  else return linkOrCreate(ctx, state, matcher, record);
}

async function mergeLinked(
  ctx: SyncContext,
  state: EntityState,
  link: CrmLink,
  record: CrmRecord,
): Promise<void> {
  const { adapter } = state;
  const base = itemBase(state, record);
  const row = state.rows.get(link.localId);
  if (link.status === 'skipped') return;
  if (!row) {
    ctx.recorder.add({ ...base, action: 'skipped', reason: 'deleted in Kanjo: not re-created' });
    return;
  }
  const remote = adapter.remote(record);
  const local = adapter.local(row);
  const merge = mergeRecord({
    base: link.base,
    local,
    remote: remote.fields,
    rule: ctx.settings.conflictRule,
    extent: adapter.extent,
  });
  const changed = Object.keys(merge.toLocal).length > 0;
  const merged: CrmLink = {
    ...link,
    status: 'linked',
    base: agreedBase(merge, remote.fields),
    ...heldFields(merge),
    crmModifiedTime: timeOf(record) ?? link.crmModifiedTime,
  };
  const toSend = await sendable(
    ctx,
    adapter.module,
    { toRemote: merge.toRemote, remote: remote.fields },
    adapter.toCrm,
  );
  const enqueue = Object.keys(toSend).length > 0 ? row.id : undefined;
  // Read again (the cursor's overlap, a page re-read): nothing to write at all.
  if (changed || enqueue || !sameLink(link, merged)) {
    await commitRecord(ctx, state, {
      mutation: changed ? { ...adapter.patch(row, merge.toLocal), entityId: row.id } : undefined,
      link: merged,
      enqueue,
    });
  }
  if (changed) {
    ctx.recorder.add({
      ...base,
      action: 'updated',
      changes: changesOf(merge.toLocal, local),
      reason: notes(remote.notes),
    });
  }
  recordConflicts(ctx, base, merge);
}

async function linkOrCreate(
  ctx: SyncContext,
  state: EntityState,
  matcher: Matcher,
  record: CrmRecord,
): Promise<'deferred' | undefined> {
  const { adapter } = state;
  const base = itemBase(state, record);
  const remote = adapter.remote(record);
  if (await keptApartByPerson(ctx, base)) return;
  const match = await matcher.find(remote.fields);
  // Another CRM record later in the read may match the same Kanjo record: wait for them all.
  if (match && !('ambiguous' in match) && matcher.defer(match.id, { record, detail: match.detail }))
    return 'deferred';
  const rule =
    adapter.entity === 'customer'
      ? ctx.settings.customers.duplicates
      : ctx.settings.items.duplicates;
  // Ambiguous: neither this record nor any candidate is linked, imported or sent.
  const held = await holdIfAmbiguous(ctx, {
    target: base,
    crmName: adapter.label(remote.fields),
    match,
    describe: (id) => {
      const row = state.rows.get(id);
      return { name: row ? adapter.label(adapter.local(row)) : null, parentId: null };
    },
  });
  // (An ambiguous match is always held; the second test narrows the type.)
  if (held || (match && 'ambiguous' in match)) return;
  const linkOf = (localId: string, fields: FlatFields, status: CrmLink['status'], why: string) => ({
    entity: adapter.entity,
    localId,
    crmModule: adapter.module,
    crmId: base.crmId,
    crmModifiedTime: timeOf(record),
    base: fields,
    status,
    held: [],
    linkedReason: why,
  });
  const matched = match ? state.rows.get(match.id) : undefined;
  if (match && matched && rule === 'skip') {
    const reason = `${match.detail}: kept apart by the duplicates rule "skip" (${adapter.entity} ${match.id})`;
    // Remembered, so the Kanjo record is not pushed onto this CRM record later.
    await commitRecord(ctx, state, { link: linkOf(match.id, {}, 'skipped', reason) });
    matcher.claim(match.id);
    ctx.recorder.add({ ...base, localId: match.id, action: 'skipped', reason });
    return;
  }
  if (match && matched && rule === 'overwrite') {
    const local = adapter.local(matched);
    const merge = firstLinkMerge({ local, remote: remote.fields, extent: adapter.extent });
    const changed = Object.keys(merge.toLocal).length > 0;
    await commitRecord(ctx, state, {
      mutation: changed
        ? { ...adapter.patch(matched, merge.toLocal), entityId: match.id }
        : undefined,
      link: linkOf(match.id, agreedBase(merge, remote.fields), 'linked', match.detail),
      enqueue: Object.keys(merge.toRemote).length > 0 ? match.id : undefined,
    });
    matcher.claim(match.id);
    const changes = changesOf(merge.toLocal, local);
    const reason = [match.detail, notes(remote.notes)].filter(Boolean).join('; ');
    ctx.recorder.add({ ...base, localId: match.id, action: 'linked', changes, reason });
    return;
  }
  const create = adapter.create(remote.fields);
  if (!create) {
    ctx.recorder.add({ ...base, action: 'skipped', reason: 'no name' });
    return;
  }
  const localId = ctx.deps.newId();
  await commitRecord(ctx, state, {
    mutation: { ...create, entityId: localId },
    // The base is what the CRM holds: Kanjo now holds the same.
    link: linkOf(localId, remote.fields, 'linked', match ? `cloned: ${match.detail}` : 'new'),
  });
  const changes = changesOf(remote.fields, {});
  const reason = [
    match ? `${match.detail}: cloned by the duplicates rule` : undefined,
    notes(remote.notes),
  ]
    .filter(Boolean)
    .join('; ');
  ctx.recorder.add({ ...base, localId, action: 'added', changes, reason: reason || undefined });
}

/**
 * The link's new base: the merged values, except that a field still to be
 * written to the CRM keeps the CRM's current value, so the outbound step sees
 * it differ and sends it; once sent, the base takes Kanjo's value.
 */
export function agreedBase(merge: MergeResult, remote: FlatFields): FlatFields {
  const base = { ...merge.merged };
  for (const field of Object.keys(merge.toRemote)) base[field] = remote[field] ?? null;
  return base;
}

export function recordConflicts(
  ctx: SyncContext,
  base: Omit<RunItem, 'action'>,
  merge: MergeResult,
) {
  if (merge.conflicts.length === 0) return;
  ctx.recorder.add({
    ...base,
    action: 'conflict',
    changes: merge.conflicts.map((c) => ({
      field: c.field,
      before: c.local,
      after: c.resolution === 'held' ? c.local : c.resolution === 'remote' ? c.remote : c.local,
    })),
    reason: merge.conflicts
      .map(
        (c) =>
          `${c.field}: Kanjo ${JSON.stringify(c.local)}, CRM ${JSON.stringify(c.remote)}, base ${JSON.stringify(c.base)} → ${c.resolution === 'held' ? 'held for a person to decide' : `${c.resolution === 'remote' ? 'CRM' : 'Kanjo'} value kept`}`,
      )
      .join('; '),
  });
}

/**
 * The unlinked Kanjo records an incoming record may duplicate: indexed once
 * per run, on the first record that needs it; a record claimed or linked since
 * is no longer offered.
 */
export class Matcher {
  private index: MatchIndex | undefined;
  private readonly claimed = new Set<string>();
  /** Kanjo record → the CRM records of this read that matched it alone (deferring only). */
  private readonly deferred = new Map<string, DeferredMatch[]>();
  private deferring: boolean;

  constructor(
    private readonly ctx: SyncContext,
    private readonly state: EntityState,
    /** A whole module's read: a match waits until every page was read (settleDeferred). */
    { deferring = false } = {},
  ) {
    this.deferring = deferring;
  }

  /** Keeps the match for later; false when not deferring (the caller settles it now). */
  defer(localId: string, match: DeferredMatch): boolean {
    if (!this.deferring) return false;
    const list = this.deferred.get(localId) ?? [];
    list.push(match);
    this.deferred.set(localId, list);
    return true;
  }

  /** The deferred matches by Kanjo record; from now on a match is settled at once. */
  takeDeferred(): [string, DeferredMatch[]][] {
    this.deferring = false;
    const all = [...this.deferred];
    this.deferred.clear();
    return all;
  }

  async find(remote: FlatFields) {
    const { adapter } = this.state;
    this.index ??= buildMatchIndex(
      (await unlinkedRows(this.ctx, this.state)).map((row) => adapter.localKeys(row)),
    );
    // Nothing unlinked (a first import): no keys to work out for a record that matches nothing.
    if (this.index.entries.size === 0) return null;
    const book = await holdBook(this.ctx);
    // A record a person unlinked or kept apart is matched by a person only.
    const keptApart = (id: string) => book.keptApart(adapter.entity, adapter.module, id);
    return findMatch(
      adapter.remoteKeys(remote),
      this.index,
      (id) => this.claimed.has(id) || this.state.links.has(id) || keptApart(id) !== undefined,
      // Accounts: a phone alone never links a business.
      { business: adapter.module === 'Accounts' },
    );
  }

  claim(id: string): void {
    this.claimed.add(id);
  }
}

/** A CRM record that matched one unlinked Kanjo record, and what matched. */
export interface DeferredMatch {
  record: CrmRecord;
  detail: string;
}

/** The fields a merge held for a person (rule `ask`), with the CRM's value of each. */
export function heldFields(merge: MergeResult): Pick<CrmLink, 'held' | 'heldCrm'> {
  const held = merge.conflicts.filter((c) => c.resolution === 'held');
  return {
    held: held.map((c) => c.field),
    heldCrm: Object.fromEntries(held.map((c) => [c.field, c.remote])),
  };
}

/** Whether two links of one record say the same (nothing to save). */
export function sameLink(a: CrmLink, b: CrmLink): boolean {
  return (
    a.status === b.status &&
    a.crmId === b.crmId &&
    a.crmModifiedTime === b.crmModifiedTime &&
    (a.parentId ?? null) === (b.parentId ?? null) &&
    JSON.stringify(a.held) === JSON.stringify(b.held) &&
    a.held.every((f) => valuesEqual(a.heldCrm?.[f], b.heldCrm?.[f])) &&
    Object.keys({ ...a.base, ...b.base }).every((f) => valuesEqual(a.base[f], b.base[f]))
  );
}

export function changesOf(after: FlatFields, before: FlatFields): FieldChange[] {
  return Object.entries(after)
    .filter(([field, value]) => value !== null || (before[field] ?? null) !== null)
    .map(([field, value]) => ({ field, before: before[field] ?? null, after: value }));
}

export const notes = (list: string[]) => (list.length > 0 ? list.join('; ') : undefined);

export const timeOf = (record: CrmRecord) =>
  typeof record.Modified_Time === 'string' ? record.Modified_Time : null;
