import {
  getSyncRun,
  listRunItems,
  type ItemFilter,
  type SyncRun,
  type SyncRunItem,
} from './history-api';

const PAGE = 100;
const POLL_MS = 2000;

/**
 * One run's page: the run (polled while it runs) and its items under a filter.
 * A newer filter wins: answers to an older one are dropped.
 */
export class RunDetailState {
  run = $state<SyncRun>();
  runError = $state.raw<unknown>();
  items = $state<SyncRunItem[]>([]);
  itemsLoaded = $state(false);
  itemsError = $state.raw<unknown>();
  nextAfter = $state<number | null>(null);
  loadingMore = $state(false);
  private filter: ItemFilter = {};
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly runId: string) {}

  async loadRun(): Promise<void> {
    this.runError = undefined;
    const wasRunning = this.run?.status === 'running';
    try {
      this.run = await getSyncRun(this.runId);
    } catch (error) {
      this.runError = error;
      return;
    }
    // The items grew while it ran: show them all once it is done.
    if (wasRunning && this.run.status !== 'running') await this.loadItems(this.filter);
    clearTimeout(this.timer);
    if (!this.stopped && this.run.status === 'running') {
      this.timer = setTimeout(() => void this.loadRun(), POLL_MS);
    }
  }

  async loadItems(filter: ItemFilter): Promise<void> {
    this.filter = filter;
    const generation = ++this.generation;
    this.itemsError = undefined;
    try {
      const page = await listRunItems(this.runId, { ...filter, limit: PAGE });
      if (generation !== this.generation) return;
      this.items = page.items;
      this.nextAfter = page.nextAfter;
      this.itemsLoaded = true;
    } catch (error) {
      if (generation === this.generation) this.itemsError = error;
    }
  }

  async loadMore(): Promise<void> {
    if (this.nextAfter === null || this.loadingMore) return;
    const generation = this.generation;
    this.loadingMore = true;
    try {
      const page = await listRunItems(this.runId, {
        ...this.filter,
        limit: PAGE,
        after: this.nextAfter,
      });
      if (generation !== this.generation) return;
      this.items = [...this.items, ...page.items];
      this.nextAfter = page.nextAfter;
    } catch (error) {
      this.itemsError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
