import type { CrmRecordHistoryItem } from '@kanjo/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { likeIgnoringCase } from '../../db/dialect';
import type { CrmRunItemTable, CrmSyncEntity } from '../../db/schema';
import { toRunItemView, type RunAction, type RunItemView } from './run-store';

/**
 * Read-side queries of the sync audit trail: one record's history across
 * runs, and a run's items filtered by action, entity and text.
 */

/** A run item, with the run it belongs to. */
export interface HistoryItemView extends RunItemView {
  runId: string;
}

/** An item of one record's history also says which run it came from and when. */
export type RecordHistoryItemView = CrmRecordHistoryItem;

const toItemView = (row: CrmRunItemTable): HistoryItemView => ({
  runId: row.run_id,
  ...toRunItemView(row),
});

/** `%`, `_` and `\` are LIKE wildcards: a search for "50%" means the text "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export interface RunItemFilter {
  action?: RunAction;
  entity?: CrmSyncEntity;
  /** Case-insensitive text in a field name or value, an id, the reason or the CRM's error. */
  q?: string;
}

/** A run's items in order, filtered; `after` is the last seq of the previous page. */
export async function findRunItems(
  db: Db,
  input: {
    organizationId: string;
    runId: string;
    filter: RunItemFilter;
    limit: number;
    after: number;
  },
): Promise<{ items: HistoryItemView[]; nextAfter: number | null }> {
  const { filter } = input;
  let query = db
    .selectFrom('crm_run_items')
    .selectAll()
    .where('organization_id', '=', input.organizationId)
    .where('run_id', '=', input.runId)
    .where('seq', '>', input.after);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.q) {
    query = query.where(textMatches(db, likePattern(filter.q)));
  }
  const rows = await query
    .orderBy('seq')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map(toItemView);
  return { items, nextAfter: rows.length > input.limit ? (items.at(-1)?.seq ?? null) : null };
}

const SEARCHED = [
  'changes',
  'local_id',
  'crm_id',
  'reason',
  'error_code',
  'error_message',
] as const;

const textMatches = (db: Db, pattern: string) =>
  sql<boolean>`(${sql.join(
    SEARCHED.map((column) => likeIgnoringCase(db, column, pattern)),
    sql` or `,
  )})`;

/** Cursor of one record's history: the last item's `runId:seq`. */
export interface HistoryCursor {
  runId: string;
  seq: number;
}

export const encodeCursor = (cursor: HistoryCursor) => `${cursor.runId}:${cursor.seq}`;

/** What a cursor looks like; routes check it before `decodeCursor`. */
export const CURSOR = /^([\w-]{1,64}):(\d{1,9})$/;

export function decodeCursor(text: string): HistoryCursor | undefined {
  const match = CURSOR.exec(text);
  return match?.[1] && match[2] ? { runId: match[1], seq: Number(match[2]) } : undefined;
}

/**
 * One record's history, newest first: items naming it, and items about its CRM
 * record before it was linked (no local id yet). Dry runs changed nothing, so
 * they are left out unless asked for.
 */
export async function findRecordHistory(
  db: Db,
  input: {
    organizationId: string;
    entity: CrmSyncEntity;
    localId: string;
    crmKey?: { module: string; id: string };
    includeDryRuns: boolean;
    limit: number;
    cursor?: HistoryCursor;
  },
): Promise<{ items: RecordHistoryItemView[]; nextCursor: string | null }> {
  const { crmKey, cursor } = input;
  let query = db
    .selectFrom('crm_run_items as i')
    .innerJoin('crm_runs as r', 'r.id', 'i.run_id')
    .selectAll('i')
    .select(['r.trigger', 'r.dry_run', 'r.started_at'])
    .where('i.organization_id', '=', input.organizationId)
    .where('i.entity', '=', input.entity)
    .where((eb) =>
      eb.or([
        eb('i.local_id', '=', input.localId),
        ...(crmKey
          ? [eb.and([eb('i.crm_module', '=', crmKey.module), eb('i.crm_id', '=', crmKey.id)])]
          : []),
      ]),
    );
  if (!input.includeDryRuns) query = query.where('r.dry_run', '=', 0);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('i.run_id', '<', cursor.runId),
        eb.and([eb('i.run_id', '=', cursor.runId), eb('i.seq', '<', cursor.seq)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('i.run_id', 'desc')
    .orderBy('i.seq', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map((row): RecordHistoryItemView => ({
    ...toItemView(row),
    trigger: row.trigger,
    dryRun: row.dry_run === 1,
    startedAt: row.started_at,
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? encodeCursor({ runId: last.runId, seq: last.seq }) : null,
  };
}
