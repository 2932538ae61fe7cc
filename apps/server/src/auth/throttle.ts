import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import { writeTransaction, type Db } from '../db/database';
import { dialectOf } from '../db/dialect';

/**
 * A sliding-window budget per key, where an attempt is reserved BEFORE the
 * work it guards starts (the sign-in policy in the README). Checking and
 * reserving happen in one synchronous call, so concurrent requests cannot all
 * pass the check before any of them is counted; a success gives its
 * reservation back, so only failures use the budget up. In one process's
 * memory: it counts refused CRM callbacks per address, a flood guard each
 * instance keeps for itself. Sign-in budgets are shared (`LoginThrottle`).
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

export type Reservation =
  { ok: true; release: () => Promise<void> } | { ok: false; retryAfterMs: number };

type BudgetName = 'account' | 'address' | 'device' | 'reset-email' | 'reset-address';

interface Keyed {
  budget: BudgetName;
  spec: BudgetSpec;
  keyHash: Uint8Array;
}

/** Attempts older than every window are deleted at most this often per process. */
const SWEEP_EVERY_MS = 60_000;
/** Distinguishes this lock from the other advisory locks Kanjo takes. */
const ATTEMPT_LOCK_CLASS = 0x4b4a5349; // "KJSI"

/**
 * Every budget of password checking, one instance per app; never module
 * state. The attempts live in the database (`sign_in_attempts`), so every
 * instance of a deployment counts against the same budgets. A known device
 * of the account is counted only in its own budget, so an attacker who locks
 * the account (or the address) does not lock out the person who signs in
 * from their usual device.
 */
export class LoginThrottle {
  #lastSweep = 0;
  readonly #longestWindow: number;

  constructor(
    readonly policy: ThrottlePolicy = defaultThrottlePolicy,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.#longestWindow = Math.max(
      ...[policy.account, policy.address, policy.device, policy.resetRequest].map(
        (spec) => spec.windowMs,
      ),
    );
  }

  /**
   * Reserves one password check, or says how long to wait. Call it after the
   * last other `await` before verifying the password: checking and counting
   * happen in one transaction that serializes the attempts on the same keys,
   * so however many requests run at once, on however many instances, no more
   * than the budget's worth of guesses is ever verified.
   */
  reserve(db: Db, attempt: PasswordAttempt, now: number): Promise<Reservation> {
    const keyed: Keyed[] = attempt.device
      ? [keyedBy('device', this.policy.device, attempt.device)]
      : [
          keyedBy('account', this.policy.account, attempt.account),
          keyedBy('address', this.policy.address, attempt.address),
        ];
    return this.#reserveAll(db, keyed, now);
  }

  /** Counts one password-reset request (they are never given back). */
  reserveResetRequest(db: Db, email: string, address: string, now: number): Promise<Reservation> {
    return this.#reserveAll(
      db,
      [
        keyedBy('reset-email', this.policy.resetRequest, email),
        keyedBy('reset-address', this.policy.resetRequest, address),
      ],
      now,
    );
  }

  async #reserveAll(db: Db, keyed: Keyed[], now: number): Promise<Reservation> {
    await this.#sweep(db, now);
    const ids = await underAttemptLocks(db, keyed, async (trx) => {
      let retryAfterMs = 0;
      for (const { budget, spec, keyHash } of keyed) {
        const recent = await trx
          .selectFrom('sign_in_attempts')
          .select('at_ms')
          .where('budget', '=', budget)
          .where('key_hash', '=', keyHash)
          .where('at_ms', '>', now - spec.windowMs)
          .orderBy('at_ms', 'desc')
          .limit(spec.limit)
          .execute();
        const oldest = recent[spec.limit - 1];
        if (oldest) {
          retryAfterMs = Math.max(retryAfterMs, 1, Number(oldest.at_ms) + spec.windowMs - now);
        }
      }
      if (retryAfterMs > 0) return { retryAfterMs };
      const rows = keyed.map(({ budget, keyHash }) => ({
        id: this.newId(),
        budget,
        key_hash: keyHash,
        at_ms: now,
      }));
      await trx.insertInto('sign_in_attempts').values(rows).execute();
      return rows.map((row) => row.id);
    });
    if (!Array.isArray(ids)) return { ok: false, ...ids };
    let released = false;
    return {
      ok: true,
      release: async () => {
        if (released) return;
        released = true;
        await db.deleteFrom('sign_in_attempts').where('id', 'in', ids).execute();
      },
    };
  }

  /** Keys are attacker-chosen (any email): expired attempts go, so the table stays bounded by the rate. */
  async #sweep(db: Db, now: number): Promise<void> {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    await db
      .deleteFrom('sign_in_attempts')
      .where('at_ms', '<=', now - this.#longestWindow)
      .execute();
  }
}

function keyedBy(budget: BudgetName, spec: BudgetSpec, key: string): Keyed {
  return { budget, spec, keyHash: sha256(new TextEncoder().encode(key)) };
}

/**
 * Runs `fn` in a transaction that no other attempt on the same keys runs
 * beside: on SQLite `BEGIN IMMEDIATE` takes the database's one write lock; on
 * PostgreSQL a transaction-scoped advisory lock per key, taken in one order
 * so two attempts never wait on each other crosswise.
 */
async function underAttemptLocks<T>(db: Db, keyed: Keyed[], fn: (trx: Db) => Promise<T>) {
  return writeTransaction(db, null, async (trx) => {
    if (dialectOf(db) === 'postgres') {
      const locks = keyed.map(({ budget, keyHash }) => `${budget}:${encodeHexLowerCase(keyHash)}`);
      for (const lock of locks.sort()) {
        await sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK_CLASS}::int, hashtext(${lock})::int)`.execute(
          trx,
        );
      }
    }
    return fn(trx);
  });
}
