/** Retry delays of the sync loop. */
export const BACKOFF = { baseMs: 1_000, capMs: 60_000 } as const;

/**
 * "Full jitter" (AWS Architecture Blog): a uniform delay in [0, min(cap, base·2^n)),
 * so devices that failed together do not retry together.
 *
 * @example backoffDelay(3, Math.random) // somewhere in [0, 8000)
 */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}
