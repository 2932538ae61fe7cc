const MINUTE_MS = 60_000;
const MAX_DELAY_MS = 6 * 60 * MINUTE_MS;

/**
 * How long a record that failed `attempts` times waits before automatic runs
 * send it again: 2^attempts minutes, at most 6 hours. No jitter: runs are
 * per organization and already spread by the scheduler.
 *
 * @example retryDelayMs(1) // 120_000
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts, 0) * MINUTE_MS, MAX_DELAY_MS);
}
