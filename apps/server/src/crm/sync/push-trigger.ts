import type { CommitSeam } from '../../mutations/committed';
import { enqueuedSinceLastRun } from './outbox-store';
import { automaticSyncAllowed, startAutomaticRun, type AutomaticSyncOptions } from './scheduler';

/**
 * The `push` trigger: the write path's seam pokes it after each commit of a
 * change Kanjo made that the CRM may need, and `delayMs` after the last poke
 * of an organization (debounced, so a burst of edits makes one run) it starts
 * a run if automatic sync is allowed and a CRM outbox row was enqueued since
 * the last run started. The outbox is read only when the timer fires, so a
 * poke costs nothing on the write path.
 *
 * @example
 * const push = new CrmPushTrigger({ deps, runner, delayMs: 5000 });
 * push.listenTo(commits);
 */
export class CrmPushTrigger {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Who waits for the pokes' timers to fire (`idle`). */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: AutomaticSyncOptions & { delayMs: number }) {}

  /** Pokes after each commit of a change Kanjo made (not the CRM's own echo). */
  listenTo(commits: CommitSeam): void {
    commits.subscribe(({ organizationId, forCrm }) => {
      if (forCrm) this.poke(organizationId);
    });
  }

  poke(organizationId: string): void {
    clearTimeout(this.timers.get(organizationId));
    const timer = setTimeout(() => {
      this.timers.delete(organizationId);
      const fired = this.fire(organizationId).catch((error: unknown) =>
        this.options.deps.log.error('CRM push trigger failed', { error: String(error) }),
      );
      this.pending.add(fired);
      void fired.finally(() => this.pending.delete(fired));
      this.wake();
    }, this.options.delayMs);
    timer.unref();
    this.timers.set(organizationId, timer);
  }

  /** Starts the run now when one is due; resolves with its id when it ended. */
  async fire(organizationId: string): Promise<string | undefined> {
    const { db, clock } = this.options.deps;
    if (!(await automaticSyncAllowed(db, organizationId))) return undefined;
    if (!(await enqueuedSinceLastRun(db, organizationId, clock().toISOString()))) return undefined;
    return startAutomaticRun(this.options, organizationId, 'push');
  }

  /** Waits for the runs fired so far (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Waits until no poke waits for its delay and the runs fired so far ended (tests). */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise<void>((resolve) => this.waiting.add(resolve));
    await this.settled();
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }
}
