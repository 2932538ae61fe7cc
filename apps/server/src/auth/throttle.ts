/**
 * Counts failed logins per account in a sliding window (R16). An account with
 * `maxFailures` failures in the last `windowMs` is refused until the oldest of
 * them leaves the window — even with the right password, so guessing gains
 * nothing. One instance per app; never module state.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until the account may try again, or 0 when it may now. */
  retryAfterMs(account: string, now: number): number {
    const recent = this.#recent(account, now);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[recent.length - this.maxFailures] ?? now;
    return Math.max(1, oldest + this.windowMs - now);
  }

  recordFailure(account: string, now: number): void {
    const recent = this.#recent(account, now);
    recent.push(now);
    this.#failures.set(account, recent);
  }

  reset(account: string): void {
    this.#failures.delete(account);
  }

  #recent(account: string, now: number): number[] {
    return (this.#failures.get(account) ?? []).filter((t) => t > now - this.windowMs);
  }
}
