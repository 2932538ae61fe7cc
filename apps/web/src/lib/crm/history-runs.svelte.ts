import { describeHistoryFailure, type Message } from './history';
import { listSyncRuns, startSync, type SyncRun } from './history-api';

const PAGE = 20;
const POLL_MS = 2000;

/**
 * The history page's state: runs newest first, "Sync now" / "Dry run", and a
 * poll of the first page while a run is in progress so its counts appear.
 *
 * @example
 * const runs = new SyncRunsState();
 * onMount(() => { void runs.load(); return () => runs.stop(); });
 */
export class SyncRunsState {
  runs = $state<SyncRun[]>([]);
  loaded = $state(false);
  loadError = $state.raw<unknown>();
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);
  /** Which start is in flight. */
  starting = $state<'sync' | 'dryRun'>();
  notice = $state<Message>();
  failure = $state<Message>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  get running(): boolean {
    return this.runs.some((run) => run.status === 'running');
  }

  async load(): Promise<void> {
    this.loadError = undefined;
    try {
      const page = await listSyncRuns({ limit: PAGE });
      // Older pages already shown stay: only the first page is replaced.
      const older = this.runs.filter(
        (run) => !page.runs.some((fresh) => fresh.id === run.id) && this.isOlder(run, page.runs),
      );
      this.runs = [...page.runs, ...older];
      if (!this.loaded) this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      this.loadError = error;
    }
    this.schedule();
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await listSyncRuns({ limit: PAGE, cursor: this.nextCursor });
      this.runs = [...this.runs, ...page.runs];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.failure = describeHistoryFailure(error);
    } finally {
      this.loadingMore = false;
    }
  }

  async start(dryRun: boolean): Promise<void> {
    this.starting = dryRun ? 'dryRun' : 'sync';
    this.notice = undefined;
    this.failure = undefined;
    try {
      await startSync(dryRun);
      this.notice = { key: dryRun ? 'crmHistory.dryRunStarted' : 'crmHistory.started' };
    } catch (error) {
      this.failure = describeHistoryFailure(error);
    } finally {
      this.starting = undefined;
    }
    await this.load();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped || !this.running) return;
    this.timer = setTimeout(() => void this.load(), POLL_MS);
  }

  private isOlder(run: SyncRun, firstPage: SyncRun[]): boolean {
    const last = firstPage.at(-1);
    return last !== undefined && run.id < last.id;
  }
}
