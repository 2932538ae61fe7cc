/**
 * A fixed-window counter per key: at most `limit` hits per `windowMs`. Keys
 * whose window has passed are dropped as the map is swept, so a flood of
 * distinct keys cannot grow it past `maxKeys` (beyond which, until the next
 * window, unknown keys are refused: a flood of addresses is itself an attack).
 * One instance per app; never module state.
 *
 * @example
 * const limiter = new RateLimiter({ limit: 30, windowMs: 60_000 });
 * if (!limiter.hit(address, Date.now())) return c.json(..., 429);
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys: number;

  constructor({
    limit,
    windowMs,
    maxKeys = 10_000,
  }: {
    limit: number;
    windowMs: number;
    maxKeys?: number;
  }) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Counts one hit for `key`; false when it is over the limit (the hit is then not counted). */
  hit(key: string, now: number): boolean {
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.#windows.size >= this.maxKeys) {
        this.#sweep(now);
        if (this.#windows.size >= this.maxKeys) return false;
      }
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.limit) return false;
    window.count += 1;
    return true;
  }

  /** Milliseconds until `key` may hit again (0 when it may now). */
  retryAfterMs(key: string, now: number): number {
    const window = this.#windows.get(key);
    if (!window || window.count < this.limit) return 0;
    return Math.max(0, window.start + this.windowMs - now);
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.windowMs) this.#windows.delete(key);
    }
  }
}
