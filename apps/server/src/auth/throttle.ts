/**
 * A sliding-window budget per key, where an attempt is reserved BEFORE the
 * work it guards starts (the sign-in policy in the README). Checking and
 * reserving happen in one synchronous call, so concurrent requests cannot all
 * pass the check before any of them is counted; a success gives its
 * reservation back, so only failures use the budget up. Also counts refused
 * CRM callbacks per address.
 */
export class AttemptBudget {
  readonly #stamps = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? now;
    return Math.max(1, oldest + this.windowMs - now);
  }

  /** Counts one attempt now; returns its stamp for `giveBack`. Call only after `retryAfterMs` is 0. */
  take(key: string, now: number): number {
    this.#sweep(now);
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#stamps.set(key, recent);
    return now;
  }

  /** Removes one attempt taken at `stamp` (the attempt succeeded). */
  giveBack(key: string, stamp: number): void {
    const stamps = this.#stamps.get(key);
    const at = stamps?.indexOf(stamp) ?? -1;
    if (!stamps || at < 0) return;
    stamps.splice(at, 1);
    if (stamps.length === 0) this.#stamps.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#stamps.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Keys are attacker-chosen (any email): forget expired ones so memory stays bounded by the rate. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.windowMs) return;
    this.#lastSweep = now;
    for (const [key, stamps] of this.#stamps) {
      if (!stamps.some((t) => t > now - this.windowMs)) this.#stamps.delete(key);
    }
  }
}

export interface BudgetSpec {
  limit: number;
  windowMs: number;
}

/** The sign-in policy; the README's "Sign-in security" section states these numbers. */
export interface ThrottlePolicy {
  /** Password checks per account from devices it has not signed in on before. */
  account: BudgetSpec;
  /** Password checks per client address (any accounts), unknown devices only. */
  address: BudgetSpec;
  /** Password checks per known device of an account; such a device skips the two budgets above. */
  device: BudgetSpec;
  /** Password-reset requests per email and per client address. */
  resetRequest: BudgetSpec;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  account: { limit: 5, windowMs: 60_000 },
  address: { limit: 20, windowMs: 10 * 60_000 },
  device: { limit: 5, windowMs: 60_000 },
  resetRequest: { limit: 3, windowMs: 60 * 60_000 },
};

/** Who is checking a password: the account, the client address, and the known device, if any. */
export interface PasswordAttempt {
  account: string;
  address: string;
  /** The known-device row of this account the request came from. */
  device?: string;
}

export type Reservation = { ok: true; release: () => void } | { ok: false; retryAfterMs: number };

/**
 * Every budget of password checking, one instance per app; never module state.
 * A known device of the account is counted only in its own budget, so an
 * attacker who locks the account (or the address) does not lock out the
 * person who signs in from their usual device.
 */
export class LoginThrottle {
  readonly #account: AttemptBudget;
  readonly #address: AttemptBudget;
  readonly #device: AttemptBudget;
  readonly #resetEmail: AttemptBudget;
  readonly #resetAddress: AttemptBudget;

  constructor(readonly policy: ThrottlePolicy = defaultThrottlePolicy) {
    this.#account = budget(policy.account);
    this.#address = budget(policy.address);
    this.#device = budget(policy.device);
    this.#resetEmail = budget(policy.resetRequest);
    this.#resetAddress = budget(policy.resetRequest);
  }

  /**
   * Reserves one password check, or says how long to wait. Synchronous on
   * purpose: call it after the last `await` before verifying the password.
   */
  reserve(attempt: PasswordAttempt, now: number): Reservation {
    const keyed: [AttemptBudget, string][] = attempt.device
      ? [[this.#device, attempt.device]]
      : [
          [this.#account, attempt.account],
          [this.#address, attempt.address],
        ];
    return reserveAll(keyed, now);
  }

  /** Counts one password-reset request (they are never given back). */
  reserveResetRequest(email: string, address: string, now: number): Reservation {
    return reserveAll(
      [
        [this.#resetEmail, email],
        [this.#resetAddress, address],
      ],
      now,
    );
  }
}

function budget(spec: BudgetSpec): AttemptBudget {
  return new AttemptBudget(spec.limit, spec.windowMs);
}

function reserveAll(keyed: [AttemptBudget, string][], now: number): Reservation {
  const retryAfterMs = Math.max(0, ...keyed.map(([b, key]) => b.retryAfterMs(key, now)));
  if (retryAfterMs > 0) return { ok: false, retryAfterMs };
  const taken = keyed.map(([b, key]) => ({ b, key, stamp: b.take(key, now) }));
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      for (const { b, key, stamp } of taken) b.giveBack(key, stamp);
    },
  };
}
