import { ServiceError } from '../../errors';
import type { CrmSyncDeps, CrmSyncRunner, NotifiedRecords } from '../sync/run';

/** Ids held per organization; past it the ids fold into one whole run, which reads every change anyway. */
const MAX_PENDING_IDS = 10_000;
/** Ids handed to one run; the rest wait for the next. */
const MAX_IDS_PER_RUN = 1_000;

export interface NotifiedRunQueueOptions {
  runner: CrmSyncRunner;
  maxPendingIds?: number;
}

interface Group {
  module: NotifiedRecords['module'];
  operation: NotifiedRecords['operation'];
  ids: Set<string>;
}

interface OrganizationQueue {
  deps: CrmSyncDeps;
  /** By module and operation, in order of first arrival. */
  groups: Map<string, Group>;
  pendingIds: number;
  /** Too many ids were held: one run of the whole organization replaces them. */
  wholeRun: boolean;
  draining?: Promise<void>;
}

/** What one run is handed: a group's first ids, or the whole organization. */
type Batch = { key: string; records: NotifiedRecords } | { whole: true };

/**
 * Hands notified ids to the sync runner, one app-wide queue: ids are
 * coalesced per organization, module and operation, so a notification
 * delivered twice, or many while a run is going, makes one run. A run already
 * going is waited for, never raced; ids are dropped only when the organization
 * is paused, disabled or disconnected (the interval poll catches up on resume).
 *
 * @example
 * const queue = new NotifiedRunQueue({ runner });
 * queue.add(deps, organizationId, { module: 'Deals', ids: ['1'], operation: 'update' });
 * await queue.settled();
 */
export class NotifiedRunQueue {
  private readonly queues = new Map<string, OrganizationQueue>();

  constructor(private readonly options: NotifiedRunQueueOptions) {}

  add(deps: CrmSyncDeps, organizationId: string, records: NotifiedRecords): void {
    if (records.ids.length === 0) return;
    const queue = this.queues.get(organizationId) ?? {
      deps,
      groups: new Map<string, Group>(),
      pendingIds: 0,
      wholeRun: false,
    };
    this.queues.set(organizationId, queue);
    if (!queue.wholeRun) this.hold(queue, records);
    if (queue.pendingIds > (this.options.maxPendingIds ?? MAX_PENDING_IDS)) {
      deps.log.info('CRM notifications folded into one whole run', {
        organizationId,
        pendingIds: queue.pendingIds,
      });
      queue.groups.clear();
      queue.pendingIds = 0;
      queue.wholeRun = true;
    }
    this.kick(organizationId, queue);
  }

  /** Resolves once every queued id was handed over and its run ended (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const draining = [...this.queues.values()].flatMap((q) => q.draining ?? []);
      if (draining.length === 0) return;
      await Promise.all(draining);
    }
  }

  private hold(queue: OrganizationQueue, { module, operation, ids }: NotifiedRecords): void {
    const key = `${module}\u0000${operation}`;
    const group = queue.groups.get(key) ?? { module, operation, ids: new Set<string>() };
    queue.groups.set(key, group);
    for (const id of ids) {
      if (group.ids.has(id)) continue;
      group.ids.add(id);
      queue.pendingIds += 1;
    }
  }

  private kick(organizationId: string, queue: OrganizationQueue): void {
    if (queue.draining) return;
    queue.draining = this.drain(organizationId, queue)
      .catch((error: unknown) =>
        queue.deps.log.error('CRM notification hand-off failed', {
          organizationId,
          error: String(error),
        }),
      )
      .finally(() => {
        queue.draining = undefined;
        // Ids added after the loop's last look would otherwise wait for the next notification.
        if (queue.wholeRun || queue.groups.size > 0) this.kick(organizationId, queue);
        else if (this.queues.get(organizationId) === queue) this.queues.delete(organizationId);
      });
  }

  private async drain(organizationId: string, queue: OrganizationQueue): Promise<void> {
    for (let batch = next(queue); batch; batch = next(queue)) {
      const request = {
        deps: queue.deps,
        organizationId,
        trigger: 'notification' as const,
        ...('whole' in batch ? {} : { crmIds: batch.records }),
      };
      let started;
      try {
        started = await this.options.runner.start(request);
      } catch (error) {
        ignored(queue, organizationId, batch, error);
        release(queue, batch);
        continue;
      }
      // Ids stay queued (and may grow) until a run of ours starts: its read comes after them.
      if (!started.alreadyRunning) release(queue, batch);
      await started.done.catch(() => undefined);
    }
  }
}

function next(queue: OrganizationQueue): Batch | undefined {
  if (queue.wholeRun) return { whole: true };
  const [entry] = queue.groups;
  if (!entry) return undefined;
  const [key, group] = entry;
  const ids = [...group.ids].slice(0, MAX_IDS_PER_RUN);
  return { key, records: { module: group.module, operation: group.operation, ids } };
}

/** Forgets what a started (or refused) run was handed; ids that came meanwhile stay. */
function release(queue: OrganizationQueue, batch: Batch): void {
  if ('whole' in batch) {
    queue.wholeRun = false;
    return;
  }
  const group = queue.groups.get(batch.key);
  if (!group) return;
  for (const id of batch.records.ids) if (group.ids.delete(id)) queue.pendingIds -= 1;
  if (group.ids.size === 0) queue.groups.delete(batch.key);
}

function ignored(queue: OrganizationQueue, organizationId: string, batch: Batch, error: unknown) {
  const what =
    'whole' in batch
      ? { whole: true }
      : {
          module: batch.records.module,
          operation: batch.records.operation,
          ids: batch.records.ids.length,
        };
  // Paused, disabled or disconnected: expected, and the interval poll catches up on resume.
  if (error instanceof ServiceError) {
    queue.deps.log.info('CRM notification ignored', { organizationId, code: error.code, ...what });
  } else {
    queue.deps.log.error('CRM notification run not started', {
      organizationId,
      error: String(error),
      ...what,
    });
  }
}
