import { isCurrencyCode, singleLineText } from '@kanjo/core';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { cookieSecure } from '../auth/cookies';
import { acceptInvitation } from '../auth/invitations';
import { rememberDevice } from '../auth/known-device';
import { checkPassword } from '../auth/password-check';
import { requireUser } from '../auth/middleware';
import { SESSION_COOKIE, createSession, invalidateSession } from '../auth/session';
import { signUp } from '../auth/signup';
import { presentMe } from './me';
import { ApiError } from './errors';
import type { AppEnv } from './env';
import { readBody } from './validate';
import { documented, jsonResponse } from './openapi-docs';

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
  organizationName: v.pipe(singleLineText(200), v.minLength(1, 'Enter a name.')),
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
  name: v.optional(singleLineText(200)),
});

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
      const { userId } = await signUp(
        db,
        { ...body, locale: body.locale ?? 'en' },
        { now: clock(), newId },
      );
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
        'Throttled: 5 failed sign-ins per account per minute and 20 per client address per 10 minutes from unknown devices; a browser that signed in to the account before has its own budget of 5 per minute. Over budget: 429 TOO_MANY_ATTEMPTS with Retry-After, even for the right password.',
      body: loginSchema,
      public: true,
      responses: {
        200: jsonResponse('`{ user, organization }` and a session cookie'),
        429: jsonResponse('TOO_MANY_ATTEMPTS'),
      },
    }),
    async (c) => {
      const body = await readBody(c, loginSchema);
      const user = await c.var.deps.db
        .selectFrom('users')
        .select(['id', 'password_hash', 'disabled_at'])
        .where('email', '=', body.email)
        .executeTakeFirst();
      const check = await checkPassword(c, {
        account: body.email,
        ...(user ? { user } : {}),
        password: body.password,
      });
      // A disabled account's right password still counts as a failure: it opens nothing.
      if (!user || !check.ok || user.disabled_at) {
        throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.');
      }
      await check.release();
      await startSession(c, user.id);
      return c.json(await presentMe(c.var.deps.db, user.id));
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
      const { userId } = await acceptInvitation(db, body, { now: clock(), newId });
      await startSession(c, userId);
      return c.json(await presentMe(db, userId), 201);
    },
  );

/** Starts a session on this browser and marks the browser as known for the user. */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { db, clock } = c.var.deps;
  const { session, token } = await createSession(db, userId, clock());
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: cookieSecure(c),
    expires: session.expiresAt,
  });
  await rememberDevice(c, userId);
}
