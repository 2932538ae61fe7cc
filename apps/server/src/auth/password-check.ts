import type { Context } from 'hono';
import { clientLimitKey } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ServiceError } from '../errors';
import { findKnownDevice } from './known-device';
import { verifyPassword } from './password';

/**
 * A hash of a random, discarded password with the same parameters: verified
 * against when the email is unknown, so a login's timing does not reveal
 * whether an account exists.
 */
const TIMING_EQUALIZER_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$9LpBjImM9CCtzPx+qDNp+Q$l52QSNwGTXOM0PXfWNZJT0KKywXlWYqlARWQcv/aWrw';

export interface PasswordCheck {
  ok: boolean;
  /** Gives the reserved attempt back: call it when the sign-in (or change) succeeds. */
  release: () => Promise<void>;
}

/**
 * Verifies a password under the sign-in throttle: the attempt is counted
 * before the (slow) verification, in a transaction that serializes attempts
 * on the same keys, so however many requests run at once, on however many
 * instances, no more than the budget's worth of guesses is ever verified.
 * Throws 429 TOO_MANY_ATTEMPTS when over budget.
 */
export async function checkPassword(
  c: Context<AppEnv>,
  input: { account: string; user?: { id: string; password_hash: string }; password: string },
): Promise<PasswordCheck> {
  const { db, clock, throttle, trustProxy } = c.var.deps;
  const device = input.user ? await findKnownDevice(c, input.user.id) : undefined;
  const reservation = await throttle.reserve(
    db,
    {
      account: input.account,
      address: clientLimitKey(c, { trustProxy: trustProxy === true }),
      ...(device ? { device } : {}),
    },
    clock().getTime(),
  );
  if (!reservation.ok) throw tooManyAttempts(c, reservation.retryAfterMs);
  const ok = await verifyPassword(
    input.user?.password_hash ?? TIMING_EQUALIZER_HASH,
    input.password,
  );
  return { ok, release: reservation.release };
}

export function tooManyAttempts(c: Context, retryAfterMs: number): ServiceError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  c.header('Retry-After', String(seconds));
  return new ServiceError(
    'tooMany',
    'TOO_MANY_ATTEMPTS',
    'Too many failed attempts. Wait a little and try again.',
    { retryAfterSeconds: seconds },
  );
}
