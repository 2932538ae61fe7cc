import { isCurrencyCode } from '@kanjo/core';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { hashPassword, verifyPassword } from '../auth/password';
import { requireUser } from '../auth/middleware';
import { SESSION_COOKIE, createSession, hashSecret, invalidateSession } from '../auth/session';
import { writeTransaction } from '../db/database';
import { defaultSettings, loadOrganization } from '../db/organizations';
import { presentMe } from './me';
import { ApiError } from './errors';
import type { AppEnv } from './env';
import { readBody } from './validate';
import { documented, jsonResponse } from './openapi-docs';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

export const emailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'Email is too long.'),
  v.email('Enter a valid email address.'),
);
export const passwordSchema = v.pipe(
  v.string(),
  v.minLength(10, 'Use at least 10 characters.'),
  v.maxLength(256, 'Use at most 256 characters.'),
);
export const localeSchema = v.picklist(['en', 'ja'], 'Choose English (en) or Japanese (ja).');

export const signupSchema = v.strictObject({
  organizationName: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a name.'), v.maxLength(200)),
  email: emailSchema,
  password: passwordSchema,
  baseCurrency: v.pipe(
    v.string(),
    v.check((code) => isCurrencyCode(code), 'Choose an ISO 4217 currency code such as JPY or USD.'),
  ),
  locale: v.optional(localeSchema),
});

export const loginSchema = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254)),
  password: v.pipe(v.string(), v.maxLength(256)),
});

export const acceptInviteSchema = v.strictObject({
  token: v.pipe(v.string(), v.maxLength(200)),
  password: passwordSchema,
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
});

/**
 * A hash of a random, discarded password with the same parameters: verified
 * against when the email is unknown, so a login's timing does not reveal
 * whether an account exists.
 */
const TIMING_EQUALIZER_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$9LpBjImM9CCtzPx+qDNp+Q$l52QSNwGTXOM0PXfWNZJT0KKywXlWYqlARWQcv/aWrw';

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/signup',
    documented({
      summary: 'Sign up: a new organization and its owner',
      tags: ['Auth'],
      body: signupSchema,
      public: true,
      responses: { 201: jsonResponse('`{ user, organization }` and a session cookie') },
    }),
    async (c) => {
      const body = await readBody(c, signupSchema);
      const { db, clock, newId } = c.var.deps;
      const now = clock().toISOString();
      const passwordHash = await hashPassword(body.password);
      const organizationId = newId();
      const userId = newId();
      const locale = body.locale ?? 'en';
      await writeTransaction(db, async (trx) => {
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('email', '=', body.email)
          .executeTakeFirst();
        if (taken)
          throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.', {
            fields: [{ path: 'email', message: 'This email is already registered.' }],
          });
        await trx
          .insertInto('organizations')
          .values({
            id: organizationId,
            name: body.organizationName,
            settings: JSON.stringify(defaultSettings({ baseCurrency: body.baseCurrency, locale })),
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            organization_id: organizationId,
            email: body.email,
            name: null,
            role: 'owner',
            locale,
            password_hash: passwordHash,
            created_at: now,
          })
          .execute();
      });
      await startSession(c, userId);
      return c.json(await presentMe(db, userId), 201);
    },
  )
  .post(
    '/login',
    documented({
      summary: 'Log in',
      tags: ['Auth'],
      description:
        'Throttled per account: after 5 wrong passwords in a minute, 429 TOO_MANY_ATTEMPTS.',
      body: loginSchema,
      public: true,
      responses: {
        200: jsonResponse('`{ user, organization }` and a session cookie'),
        429: jsonResponse('TOO_MANY_ATTEMPTS'),
      },
    }),
    async (c) => {
      const body = await readBody(c, loginSchema);
      const { db, clock, throttle } = c.var.deps;
      const now = clock().getTime();
      const retryAfter = throttle.retryAfterMs(body.email, now);
      if (retryAfter > 0) {
        c.header('Retry-After', String(Math.ceil(retryAfter / 1000)));
        throw new ApiError(
          429,
          'TOO_MANY_ATTEMPTS',
          'Too many failed sign-ins. Wait a minute and try again.',
          {
            retryAfterSeconds: Math.ceil(retryAfter / 1000),
          },
        );
      }
      const user = await db
        .selectFrom('users')
        .select(['id', 'password_hash', 'disabled_at'])
        .where('email', '=', body.email)
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? TIMING_EQUALIZER_HASH, body.password);
      if (!user || !ok || user.disabled_at) {
        throttle.recordFailure(body.email, now);
        throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.');
      }
      throttle.reset(body.email);
      await startSession(c, user.id);
      return c.json(await presentMe(db, user.id));
    },
  )
  .post(
    '/logout',
    documented({
      summary: 'Log out (ends this session)',
      tags: ['Auth'],
      responses: { 204: jsonResponse('Logged out') },
    }),
    requireUser,
    async (c) => {
      await invalidateSession(c.var.deps.db, c.var.session.id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .post(
    '/accept-invite',
    documented({
      summary: 'Accept an invitation: set a password and join the organization',
      tags: ['Auth'],
      body: acceptInviteSchema,
      public: true,
      responses: { 201: jsonResponse('`{ user, organization }` and a session cookie') },
    }),
    async (c) => {
      const body = await readBody(c, acceptInviteSchema);
      const { db, clock, newId } = c.var.deps;
      const now = clock();
      const [id, secret] = body.token.split('.');
      const invalid = new ApiError(
        400,
        'INVALID_INVITATION',
        'This invitation is invalid, used or expired.',
      );
      if (!id || !secret) throw invalid;
      const passwordHash = await hashPassword(body.password);
      const userId = newId();
      await writeTransaction(db, async (trx) => {
        const inv = await trx
          .selectFrom('invitations')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!inv || inv.accepted_at || new Date(inv.expires_at) <= now) throw invalid;
        if (!constantTimeEqual(hashSecret(secret), new Uint8Array(inv.secret_hash))) throw invalid;
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('email', '=', inv.email)
          .executeTakeFirst();
        if (taken)
          throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.');
        const org = await loadOrganization(trx, inv.organization_id);
        await trx
          .insertInto('users')
          .values({
            id: userId,
            organization_id: inv.organization_id,
            email: inv.email,
            name: body.name ?? inv.name,
            role: inv.role,
            locale: org?.locale ?? 'en',
            password_hash: passwordHash,
            created_at: now.toISOString(),
          })
          .execute();
        await trx
          .updateTable('invitations')
          .set({ accepted_at: now.toISOString() })
          .where('id', '=', id)
          .execute();
      });
      await startSession(c, userId);
      return c.json(await presentMe(db, userId), 201);
    },
  );

async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { db, clock } = c.var.deps;
  const { session, token } = await createSession(db, userId, clock());
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLoopback(new URL(c.req.url).hostname),
    expires: session.expiresAt,
  });
}

/** Plain-HTTP loopback is the only place a session cookie may travel without `Secure`. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}
