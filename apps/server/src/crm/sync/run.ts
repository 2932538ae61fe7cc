import type { CrmCallStats } from '@kanjo/core';
import type { Db } from '../../db/database';
import { ServiceError } from '../../errors';
import type { CommitSeam } from '../../mutations/committed';
import { loadOrganization } from '../../db/organizations';
import { loadConnectionRow } from '../connection-store';
import { crmProviderFor, type CrmClientDeps } from '../crm-clients';
import { holdCrmCalls } from '../settings-api-usage';
import { assertCrmActive } from '../settings-store';
import { currencyStatus } from '../sync-settings';
import { customerAdapters, itemAdapter, type SyncAdapter } from './adapters';
import { ContactPersonSync } from './contacts-persons';
import { pushContactPersons } from './contacts-push';
import { entityState, readByLocalIds, type EntityState, type SyncContext } from './context';
import { hasLinked, pullDeletions } from './deletions';
import { errorInfo } from './errors';
import { Matcher, pullModule, reconcilePage } from './inbound';
import { loadLink } from './links-store';
import { leaveOutOfReach, runReach } from './run-reach';
import { syncNotified } from './notified';
import { leaveOutWaitingViews } from './view-waits';
import { pushModule } from './outbound';
import { syncDeals } from '../deals/deal-sync';
import { pushDocuments } from '../documents/push';
import { importRecord, type ImportRequest } from '../lookup/import';
import {
  RunRecorder,
  failInterruptedRuns,
  finishRun,
  insertRun,
  runningRunId,
  type RunTrigger,
} from './run-store';
import { inProcessClaims, type RunClaims } from './run-claims';

/** What a CRM notification named: a module, its record ids and the operation. */
export interface NotifiedRecords {
  module: 'Deals' | 'Accounts' | 'Contacts' | 'Products';
  ids: string[];
  operation: 'insert' | 'update' | 'delete';
}

export interface CrmSyncDeps extends CrmClientDeps {
  newId: () => string;
  /** The app's write path: a run's commits reach the same listeners as a person's. */
  commits: CommitSeam;
}

export interface RunRequest {
  deps: CrmSyncDeps;
  organizationId: string;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** Re-sync one linked record instead of the whole organization. */
  only?: { entity: 'customer' | 'item'; localId: string };
  /**
   * A CRM notification: read these records of one module only (and
   * run deal automation for Deals) instead of the whole organization.
   */
  crmIds?: NotifiedRecords;
  /** Import one CRM record picked in "Search in CRM". */
  importRecord?: ImportRequest;
  /** A person's link change (trigger `link`): the work, run under the organization's lock. */
  repair?: (ctx: SyncContext, adapters: SyncAdapter[]) => Promise<void>;
}

export interface StartedRun {
  runId: string;
  /** True when another run of the organization was already going: this is its id. */
  alreadyRunning: boolean;
  done: Promise<void>;
}

/**
 * Runs the reconciler, one run per organization at a time. Lives as long as
 * the app (one per `createApp`), so the lock is not module state.
 *
 * @example
 * const runner = new CrmSyncRunner();
 * const { runId, done } = await runner.start({ deps, organizationId, trigger: 'manual' });
 * await done;
 */
export class CrmSyncRunner {
  private readonly running = new Map<string, { runId: string; done: Promise<void> }>();

  /** `claims`: how instances sharing a database keep one run per organization among them. */
  constructor(private readonly claims: RunClaims = inProcessClaims) {}

  /**
   * Refuses before any CRM call when the CRM is not connected, disabled or
   * sync is paused; otherwise records the run and starts it in the background.
   */
  async start(request: RunRequest): Promise<StartedRun> {
    const current = this.running.get(request.organizationId);
    if (current) return { ...current, alreadyRunning: true };
    const runId = request.deps.newId();
    // Claimed before the first await, so two requests cannot both start.
    let release: () => void = () => undefined;
    const claimed = new Promise<void>((resolve) => (release = resolve));
    this.running.set(request.organizationId, { runId, done: claimed });
    let claim: { release: () => Promise<void> } | null = null;
    try {
      claim = await this.claims.claim(request.organizationId);
      if (!claim) {
        this.running.delete(request.organizationId);
        release();
        return await this.runningElsewhere(request);
      }
      const held = claim;
      const prepared = await prepare(request, runId);
      const done = execute(prepared).finally(async () => {
        await held.release();
        this.running.delete(request.organizationId);
        release();
      });
      this.running.set(request.organizationId, { runId, done });
      return { runId, alreadyRunning: false, done };
    } catch (error) {
      await claim?.release();
      this.running.delete(request.organizationId);
      release();
      throw error;
    }
  }

  /** Another instance holds the organization's claim: its run, and when it ends. */
  private async runningElsewhere(request: RunRequest): Promise<StartedRun> {
    const { db } = request.deps;
    // The holder records its run right after claiming: a moment may pass before it shows.
    let runId = await runningRunId(db, request.organizationId);
    for (let tries = 0; runId === undefined && tries < 20; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runId = await runningRunId(db, request.organizationId);
    }
    return {
      runId: runId ?? '',
      alreadyRunning: true,
      done: this.claims.released(request.organizationId),
    };
  }

  /** The running run's id for the organization, if any, on this instance. */
  current(organizationId: string): string | undefined {
    return this.running.get(organizationId)?.runId;
  }

  /**
   * The organization's run going now on any instance: this one's, or the
   * one recorded by whoever holds the organization's claim (a run left
   * `running` by a dead instance holds no claim, so it is not going).
   */
  async currentAnywhere(db: Db, organizationId: string): Promise<string | undefined> {
    const here = this.current(organizationId);
    if (here) return here;
    const free = await this.claims.claim(organizationId);
    if (free) {
      await free.release();
      return undefined;
    }
    return runningRunId(db, organizationId);
  }
}

/**
 * One whole run, awaited: what tests and the interval scheduler call.
 * @example const { runId } = await runCrmSync({ deps, organizationId, trigger: 'manual', runner });
 */
export async function runCrmSync(
  request: RunRequest & { runner?: CrmSyncRunner },
): Promise<{ runId: string }> {
  const runner = request.runner ?? new CrmSyncRunner();
  const started = await runner.start(request);
  if (started.alreadyRunning) throw syncRunning(started.runId);
  await started.done;
  return { runId: started.runId };
}

export const syncRunning = (runId: string) =>
  new ServiceError('conflict', 'CRM_SYNC_RUNNING', 'A CRM sync is already running.', { runId });

interface Prepared {
  ctx: SyncContext;
  adapters: SyncAdapter[];
  only: RunRequest['only'];
  crmIds: RunRequest['crmIds'];
  importRequest: RunRequest['importRecord'];
  repair: RunRequest['repair'];
  trigger: RunTrigger;
  runId: string;
  before: CrmCallStats;
}

async function prepare(request: RunRequest, runId: string): Promise<Prepared> {
  const { deps, organizationId } = request;
  const dryRun = request.dryRun ?? false;
  const { settings } = await assertCrmActive(deps.db, organizationId, { dryRun });
  const [organization, connection] = await Promise.all([
    loadOrganization(deps.db, organizationId),
    loadConnectionRow(deps.db, organizationId),
  ]);
  if (!organization || !connection)
    throw new ServiceError('notFound', 'CRM_NOT_CONNECTED', 'Not connected.');
  const provider = await crmProviderFor(deps, organizationId);
  const recorder = new RunRecorder(deps.db, runId, organizationId);
  const now = deps.clock().toISOString();
  await failInterruptedRuns(deps.db, organizationId, now);
  await insertRun(deps.db, { id: runId, organizationId, trigger: request.trigger, dryRun, now });
  // With different base currencies, only fetching customers is allowed.
  const twoWay = currencyStatus(organization.baseCurrency, connection).twoWayAllowed;
  const adapters: SyncAdapter[] = customerAdapters(settings).map((customers) =>
    twoWay ? customers : { ...customers, extent: 'fetch' },
  );
  if (settings.items.mode !== 'off' && twoWay) {
    adapters.push(itemAdapter(settings, organization.baseCurrency));
  }
  const reach = runReach({ connection, settings, adapters });
  const ctx: SyncContext = {
    deps,
    organizationId,
    actor: { userId: connection.connected_by, role: 'admin' },
    provider,
    settings,
    dryRun,
    recorder,
    outOfReach: reach.modules,
  };
  const { only, trigger, crmIds, importRecord: importRequest, repair } = request;
  const before = provider.callStats();
  // A module whose chosen CRM view is gone is said once, then waits for an admin.
  // A module the CRM user cannot use is said once a run and left out, not failed record by record.
  const reachable = leaveOutOfReach(ctx, adapters, reach, trigger);
  const active = await leaveOutWaitingViews(ctx, reachable, trigger);
  return { ctx, adapters: active, only, crmIds, importRequest, repair, trigger, runId, before };
}

async function execute(prepared: Prepared): Promise<void> {
  const { ctx, adapters, only, crmIds, importRequest, repair, trigger, runId, before } = prepared;
  let error: string | null = null;
  // The run's calls are counted with its page writes, not committed one by one.
  const calls = holdCrmCalls(ctx.organizationId);
  try {
    if (only) await resyncOne(ctx, adapters, only);
    else if (crmIds) await syncNotified(ctx, adapters, crmIds);
    else if (importRequest) await importRecord(ctx, adapters, importRequest);
    else if (repair) await repair(ctx, adapters);
    // Sync now retries every queued record; automatic runs wait out each one's backoff.
    else await syncAll(ctx, adapters, { dueOnly: trigger !== 'manual' });
  } catch (caught) {
    const { code, message } = errorInfo(caught);
    error = `${code}: ${message}`;
    ctx.deps.log.error('CRM sync failed', { organizationId: ctx.organizationId, runId, error });
  } finally {
    await calls.release(ctx.deps.db).catch((failed: unknown) =>
      ctx.deps.log.error('could not count CRM API calls', {
        organizationId: ctx.organizationId,
        error: String(failed),
      }),
    );
  }
  const after = ctx.provider.callStats();
  await ctx.recorder.flush().catch(() => undefined);
  await finishRun(ctx.deps.db, {
    id: runId,
    status: error === null ? 'succeeded' : 'failed',
    now: ctx.deps.clock().toISOString(),
    counts: ctx.recorder.counts,
    apiCalls: after.calls - before.calls,
    retries: after.retries - before.retries,
    error,
  });
}

/**
 * Inbound per module, then deletions, then outbound — but new items go out
 * first: both ways, Kanjo's new items are sent before the CRM's products are
 * read in, so a duplicate is met on the CRM's side (one way, it is met in
 * Kanjo). Changes of linked items go after the read, like every module's, so
 * the three-way merge and the conflict rule see the CRM's current values.
 */
async function syncAll(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  { dueOnly }: { dueOnly: boolean },
): Promise<void> {
  const states = adapters.map(entityState);
  // Accounts and their Contacts: the Contacts read also feeds contact persons.
  const persons = await ContactPersonSync.load(ctx, states);
  const linkedBefore = new Map<EntityState, boolean>();
  for (const state of states) linkedBefore.set(state, await hasLinked(ctx, state));
  const itemsFirst = states.filter((state) => state.adapter.entity === 'item');
  for (const state of itemsFirst) await pushModule(ctx, state, undefined, { dueOnly, part: 'new' });
  for (const state of states) await pullModule(ctx, state, persons?.readerOf(state));
  for (const state of states) {
    await pullDeletions(ctx, state, persons?.deletionsOf(state), {
      nothingLinkedBefore: !linkedBefore.get(state),
    });
  }
  await syncDeals(ctx, states);
  for (const state of states) {
    // New items went out already; their changes go now, merged with what was read.
    const part = itemsFirst.includes(state) ? 'changes' : undefined;
    await pushModule(ctx, state, undefined, { dueOnly, ...(part ? { part } : {}) });
  }
  if (persons) await pushContactPersons(ctx, persons, { dueOnly });
  await pushDocuments(ctx, { dueOnly });
}

/** "Re-sync a single customer": fetch that linked record, merge, send what Kanjo changed. */
async function resyncOne(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  only: NonNullable<RunRequest['only']>,
): Promise<void> {
  // A customer may sync to Accounts or to Contacts: the adapter is the one of its link's module.
  const stored = await loadLink(ctx.deps.db, ctx.organizationId, only.entity, only.localId);
  const adapter = adapters.find((a) => a.entity === only.entity && a.module === stored?.crmModule);
  if (!adapter) return;
  const state = entityState(adapter);
  await readByLocalIds(ctx, state, [only.localId]);
  const link = state.links.get(only.localId);
  if (!link) return;
  const record = await ctx.provider.record(adapter.module, link.crmId, adapter.listFields);
  if (record) {
    await reconcilePage(ctx, state, new Matcher(ctx, state), [record], { retryGivenUp: true });
  } else if (link.status === 'linked') {
    ctx.recorder.add({
      entity: adapter.entity,
      localId: link.localId,
      crmModule: adapter.module,
      crmId: link.crmId,
      action: 'failed',
      direction: 'inbound',
      errorCode: 'CRM_NOT_FOUND',
      errorMessage: 'the linked CRM record was not found',
    });
  }
  await ctx.recorder.flush();
  await pushModule(ctx, state, new Set([only.localId]));
}
