import {
  CRM_RUN_COUNTED,
  CRM_RUN_ENTITIES,
  zeroCounts,
  type CrmEntityCounts,
  type CrmRunAction,
  type CrmRunTrigger,
  type CrmFieldChange,
  type CrmRunView,
  type CrmRunItemView,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmRunItemTable, CrmRunTable, CrmSyncEntity } from '../../db/schema';

/** The history of runs: counts per entity, and per record what changed and why. */

export type RunTrigger = CrmRunTrigger;
export type RunAction = CrmRunAction;

export type FieldChange = CrmFieldChange;

export interface RunItem {
  entity: CrmSyncEntity;
  localId: string | null;
  crmModule: string;
  crmId: string | null;
  action: RunAction;
  direction: 'inbound' | 'outbound';
  changes?: FieldChange[];
  reason?: string;
  errorCode?: string;
  errorMessage?: string;
}

export type EntityCounts = CrmEntityCounts;
export type RunCounts = Record<CrmSyncEntity, EntityCounts>;

function zeroRunCounts(): RunCounts {
  return Object.fromEntries(CRM_RUN_ENTITIES.map((e) => [e, zeroCounts()])) as RunCounts;
}

/** Run items written by one statement. */
const FLUSH_ROWS = 1_000;

/**
 * Collects a run's items in memory and writes them in batches, so a large
 * import does not pay one fsync per record.
 */
export class RunRecorder {
  readonly counts: RunCounts = zeroRunCounts();
  private pending: RunItem[] = [];
  private seq = 0;

  constructor(
    private readonly db: Db,
    readonly runId: string,
    readonly organizationId: string,
  ) {}

  add(item: RunItem): void {
    this.counts[item.entity][CRM_RUN_COUNTED[item.action]] += 1;
    this.pending.push(item);
  }

  /** `db`: a transaction the items join (a page's, so its history commits with its writes). */
  async flush(db: Db = this.db): Promise<void> {
    const items = this.pending;
    this.pending = [];
    // One insert per slice: SQLite takes at most 32,766 bound values in a statement
    // (13 a row), and a first import reads tens of thousands of records.
    for (let start = 0; start < items.length; start += FLUSH_ROWS) {
      await db
        .insertInto('crm_run_items')
        .values(items.slice(start, start + FLUSH_ROWS).map((item) => this.row(item)))
        .execute();
    }
  }

  private row(item: RunItem) {
    return {
      run_id: this.runId,
      organization_id: this.organizationId,
      seq: ++this.seq,
      entity: item.entity,
      local_id: item.localId,
      crm_module: item.crmModule,
      crm_id: item.crmId,
      action: item.action,
      direction: item.direction,
      changes: JSON.stringify(item.changes ?? []),
      reason: item.reason ?? null,
      error_code: item.errorCode ?? null,
      error_message: item.errorMessage ?? null,
    };
  }
}

export async function insertRun(
  db: Db,
  run: { id: string; organizationId: string; trigger: RunTrigger; dryRun: boolean; now: string },
): Promise<void> {
  await db
    .insertInto('crm_runs')
    .values({
      id: run.id,
      organization_id: run.organizationId,
      trigger: run.trigger,
      dry_run: run.dryRun ? 1 : 0,
      status: 'running',
      started_at: run.now,
      finished_at: null,
      counts: JSON.stringify(zeroRunCounts()),
      api_calls: 0,
      retries: 0,
      error: null,
    })
    .execute();
}

/** The organization's run going now, if one is recorded. */
export async function runningRunId(db: Db, organizationId: string): Promise<string | undefined> {
  const run = await db
    .selectFrom('crm_runs')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
  return run?.id;
}

/**
 * Runs left `running` by a server that stopped mid-run. Called under the
 * organization's lock, so none of them is really running.
 */
export async function failInterruptedRuns(
  db: Db,
  organizationId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('crm_runs')
    .set({
      status: 'failed',
      finished_at: now,
      error: 'INTERRUPTED: the server stopped during this run',
    })
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'running')
    .execute();
}

export async function finishRun(
  db: Db,
  run: {
    id: string;
    status: 'succeeded' | 'failed';
    now: string;
    counts: RunCounts;
    apiCalls: number;
    retries: number;
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('crm_runs')
    .set({
      status: run.status,
      finished_at: run.now,
      counts: JSON.stringify(run.counts),
      api_calls: run.apiCalls,
      retries: run.retries,
      error: run.error,
    })
    .where('id', '=', run.id)
    .execute();
}

export type RunView = CrmRunView;

const toRunView = (row: CrmRunTable): RunView => ({
  id: row.id,
  trigger: row.trigger,
  dryRun: row.dry_run === 1,
  status: row.status,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  // Runs recorded before deals and documents were synced lack their counts.
  counts: { ...zeroRunCounts(), ...(JSON.parse(row.counts) as Partial<RunCounts>) },
  apiCalls: row.api_calls,
  retries: row.retries,
  error: row.error,
});

/** Newest first; `cursor` is the last id of the previous page (ids are time-ordered). */
export async function listRuns(
  db: Db,
  organizationId: string,
  page: { limit: number; cursor?: string },
): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('crm_runs')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.cursor) query = query.where('id', '<', page.cursor);
  const rows = await query.execute();
  const runs = rows.slice(0, page.limit).map(toRunView);
  return { runs, nextCursor: rows.length > page.limit ? (runs.at(-1)?.id ?? null) : null };
}

export async function loadRun(
  db: Db,
  organizationId: string,
  id: string,
): Promise<RunView | undefined> {
  const row = await db
    .selectFrom('crm_runs')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRunView(row);
}

export type RunItemView = CrmRunItemView;

/** A stored run item as the API shows it. */
export function toRunItemView(row: CrmRunItemTable): RunItemView {
  return {
    seq: row.seq,
    entity: row.entity,
    localId: row.local_id,
    crmModule: row.crm_module,
    crmId: row.crm_id,
    action: row.action,
    direction: row.direction,
    changes: JSON.parse(row.changes) as FieldChange[],
    reason: row.reason,
    errorCode: row.error_code,
    errorMessage: row.error_message,
  };
}

/** A run's items in order; `after` is the last seq of the previous page. */
export async function listRunItems(
  db: Db,
  organizationId: string,
  runId: string,
  page: { limit: number; after: number },
): Promise<{ items: RunItemView[]; nextAfter: number | null }> {
  const rows = await db
    .selectFrom('crm_run_items')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('run_id', '=', runId)
    .where('seq', '>', page.after)
    .orderBy('seq')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toRunItemView);
  return { items, nextAfter: rows.length > page.limit ? (items.at(-1)?.seq ?? null) : null };
}
