import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/database';
import type { AppEnv } from '../http/env';
import { cookieSecure } from './cookies';
import { hashSecret } from './session';

/**
 * The "known device" cookie: one random token per browser (160 bits), kept a
 * year, HttpOnly, sent only to /api. A user who signs in on the browser
 * gets a row with SHA-256 of the token, so the same browser is known to each
 * of its users separately and a leaked database opens nothing.
 */
export const DEVICE_COOKIE = 'kanjo_device';
const DEVICE_TTL_S = 365 * 24 * 60 * 60;
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

function newDeviceToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function deviceToken(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, DEVICE_COOKIE);
  return token && TOKEN_SHAPE.test(token) ? token : undefined;
}

/** The id of this browser's known-device row for `userId`, if it signed in here before. */
export async function findKnownDevice(
  c: Context<AppEnv>,
  userId: string,
): Promise<string | undefined> {
  const token = deviceToken(c);
  if (!token) return undefined;
  const row = await c.var.deps.db
    .selectFrom('known_devices')
    .select('id')
    .where('user_id', '=', userId)
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  return row?.id;
}

/** Marks this browser as known for `userId` (after a successful sign-in) and refreshes the cookie. */
export async function rememberDevice(c: Context<AppEnv>, userId: string): Promise<void> {
  const { db, clock, newId } = c.var.deps;
  const token = deviceToken(c) ?? newDeviceToken();
  const now = clock().toISOString();
  await db
    .insertInto('known_devices')
    .values({
      id: newId(),
      user_id: userId,
      token_hash: hashSecret(token),
      created_at: now,
      last_used_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'token_hash']).doUpdateSet({ last_used_at: now }))
    .execute();
  setCookie(c, DEVICE_COOKIE, token, {
    path: '/api',
    httpOnly: true,
    sameSite: 'Strict',
    secure: cookieSecure(c),
    maxAge: DEVICE_TTL_S,
  });
}

/** Forgets every known device of a user but this browser (after a password change or reset). */
export async function forgetOtherDevices(c: Context<AppEnv>, userId: string): Promise<void> {
  const token = deviceToken(c);
  let query = c.var.deps.db.deleteFrom('known_devices').where('user_id', '=', userId);
  if (token) query = query.where('token_hash', '!=', hashSecret(token));
  await query.execute();
}

/** Forgets every known device of a user. */
export async function forgetDevices(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('known_devices').where('user_id', '=', userId).execute();
}
