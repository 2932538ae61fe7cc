import type { PageResult } from './inbound';
import { earlierTime, laterTime, secondBefore } from './times';

/**
 * Where the module's cursor may move: to the newest record done, never past
 * one that failed (it is read again next run) nor one whose match still waits.
 */
export class CursorMark {
  private newest: string | null;
  private failedAt: string | null = null;
  private deferredAt: string | null = null;

  constructor(public saved: string | null) {
    this.newest = saved;
  }

  add(result: PageResult): void {
    this.newest = laterTime(this.newest, result.newest);
    this.failedAt = oldest(this.failedAt, result.failedAt);
    this.deferredAt = oldest(this.deferredAt, result.deferredAt ?? null);
  }

  /** The waiting matches are settled: their records count as done or failed now. */
  settle(result: PageResult): void {
    this.deferredAt = null;
    this.add(result);
  }

  target(): string | null {
    const stop = oldest(this.failedAt, this.deferredAt);
    return stop === null ? this.newest : earlierTime(secondBefore(stop), this.newest);
  }
}

export const oldest = (a: string | null, b: string | null) =>
  a === null || b === null ? (a ?? b) : earlierTime(a, b);
