import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Db } from '../db/database';
import { ServiceError } from '../errors';
import { generateSecureRandomString, hashSecret } from './session';

/** A reset link lives an hour and opens once. */
export const RESET_TTL_MS = 60 * 60 * 1000;

export interface ResetToken {
  id: string;
  /** `<id>.<secret>`: only SHA-256 of the secret is stored. */
  token: string;
  expiresAt: string;
}

/** Makes a one-time reset token for a user; `createdBy` is the owner or admin who made it, if any. */
export async function createResetToken(
  db: Db,
  input: { organizationId: string; userId: string; createdBy: string | null; now: Date },
): Promise<ResetToken> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const expiresAt = new Date(input.now.getTime() + RESET_TTL_MS).toISOString();
  await db
    .insertInto('password_resets')
    .values({
      id,
      organization_id: input.organizationId,
      user_id: input.userId,
      secret_hash: hashSecret(secret),
      created_by: input.createdBy,
      created_at: input.now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { id, token: `${id}.${secret}`, expiresAt };
}

export const invalidResetToken = () =>
  new ServiceError(
    'invalid',
    'INVALID_RESET_TOKEN',
    'This reset link is invalid, used or expired.',
  );

/**
 * Sets a new password with a reset token, inside the caller's write
 * transaction (so two uses at once cannot both pass): checks it is unused,
 * unexpired and its user enabled, then uses up every open reset of the user.
 * Returns the user's id.
 */
export async function redeemResetToken(
  trx: Db,
  input: { token: string; passwordHash: string; now: Date },
): Promise<string> {
  const [id, secret, ...rest] = input.token.split('.');
  if (!id || !secret || rest.length > 0) throw invalidResetToken();
  const row = await trx
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.secret_hash', 'r.expires_at', 'r.used_at', 'r.user_id', 'u.disabled_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row || row.used_at || row.disabled_at || new Date(row.expires_at) <= input.now) {
    throw invalidResetToken();
  }
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) {
    throw invalidResetToken();
  }
  await trx
    .updateTable('users')
    .set({ password_hash: input.passwordHash })
    .where('id', '=', row.user_id)
    .execute();
  await useUpResets(trx, row.user_id, input.now);
  return row.user_id;
}

/** Every open reset link of a user stops working (its password just changed). */
export async function useUpResets(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
