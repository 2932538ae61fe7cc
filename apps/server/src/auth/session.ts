import type { Role } from '@kanjo/core';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '../db/database';

/**
 * Sessions the way Lucia's current guide designs them (the lucia package itself
 * is deprecated): the token handed to the browser is `<id>.<secret>`, each part
 * 120 random bits. Only SHA-256 of the secret is stored, so a leaked database
 * holds nothing that opens a session, and the stored hash is compared in
 * constant time so timing tells nothing about it.
 */
export const SESSION_COOKIE = 'kanjo_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used in its second half gets a fresh expiry (sliding window). */
const RENEW_WITHIN_MS = SESSION_TTL_MS / 2;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionUser {
  id: string;
  organizationId: string;
  email: string;
  name: string | null;
  role: Role;
  locale: string | null;
}

export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(15); // 120 bits → 24 base32 characters
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ session: Session; token: string }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('sessions')
    .values({
      id,
      secret_hash: hashSecret(secret),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { session: { id, userId, expiresAt }, token: `${id}.${secret}` };
}

/** The session and its user for a token, or null when the token opens nothing. */
export async function validateSessionToken(
  db: Db,
  token: string,
  now: Date,
): Promise<{ session: Session; user: SessionUser } | null> {
  const [id, secret, ...rest] = token.split('.');
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.secret_hash',
      'sessions.expires_at',
      'users.id as userId',
      'users.organization_id',
      'users.email',
      'users.name',
      'users.role',
      'users.locale',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  let expiresAt = new Date(row.expires_at);
  if (row.disabled_at || expiresAt.getTime() <= now.getTime()) {
    await invalidateSession(db, id);
    return null;
  }
  if (expiresAt.getTime() - now.getTime() < RENEW_WITHIN_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db
      .updateTable('sessions')
      .set({ expires_at: expiresAt.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    session: { id, userId: row.userId, expiresAt },
    user: {
      id: row.userId,
      organizationId: row.organization_id,
      email: row.email,
      name: row.name,
      role: row.role,
      locale: row.locale,
    },
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  announceSessionsEnded(db, { sessionId });
}

/** Ends every session of a user but `keepSessionId` (after a password change on that session). */
export async function invalidateOtherSessions(
  db: Db,
  userId: string,
  keepSessionId: string,
): Promise<void> {
  const others = await db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .execute();
  // One at a time through invalidateSession, so each session's listeners hear it end.
  for (const { id } of others) await invalidateSession(db, id);
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  announceSessionsEnded(db, { userId });
}

/**
 * True while the session exists, is unexpired and its user is enabled. Unlike
 * validateSessionToken it neither renews nor deletes anything: long-lived
 * streams call it to notice a session that ended by any path.
 */
export async function sessionIsLive(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.expires_at', 'users.disabled_at'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  return !!row && !row.disabled_at && new Date(row.expires_at).getTime() > now.getTime();
}

/** Which sessions ended: one session, or every session of a user. */
export type EndedSessions = { sessionId: string } | { userId: string };
type SessionsEndedListener = (ended: EndedSessions) => void;

// Keyed by database, so each app (and each test's app) hears only its own sessions end.
const sessionsEndedListeners = new WeakMap<Db, Set<SessionsEndedListener>>();

/**
 * Calls `listener` after sessions of `db` are deleted by invalidateSession or
 * invalidateUserSessions (logout, disable, expiry seen at validation), so what
 * a session holds open (event streams) ends at once. Returns the unsubscribe.
 */
export function onSessionsEnded(db: Db, listener: SessionsEndedListener): () => void {
  let listeners = sessionsEndedListeners.get(db);
  if (!listeners) {
    listeners = new Set();
    sessionsEndedListeners.set(db, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners of `db` that sessions ended (call after deleting them some other way). */
export function announceSessionsEnded(db: Db, ended: EndedSessions): void {
  for (const listener of sessionsEndedListeners.get(db) ?? []) listener(ended);
}
