import { Hono } from 'hono';
import * as v from 'valibot';
import { forgetDevices } from '../auth/known-device';
import { hashPassword } from '../auth/password';
import { tooManyAttempts } from '../auth/password-check';
import { redeemResetToken } from '../auth/password-reset';
import { accountMailTransport, sendResetMail } from '../auth/reset-mail';
import { invalidateUserSessions } from '../auth/session';
import { writeTransaction } from '../db/database';
import { loadOrganization } from '../db/organizations';
import { clientLimitKey } from './client-address';
import type { AppDeps, AppEnv } from './env';
import { emailSchema, passwordSchema, startSession } from './auth';
import { presentMe } from './me';
import { documented, jsonResponse } from './openapi-docs';
import { readBody } from './validate';

const resetRequestSchema = v.strictObject({ email: emailSchema });
const resetConfirmSchema = v.strictObject({
  token: v.pipe(v.string(), v.maxLength(200)),
  password: passwordSchema,
});

/**
 * Resetting a forgotten password: `POST /password-reset` mails a one-time
 * link (1 hour) when SMTP and PUBLIC_URL are set, and answers the same
 * whether or not the email has an account; `POST /password-reset/confirm`
 * sets the new password, ends every session of the user and signs this
 * browser in.
 */
export const passwordResetRoutes = new Hono<AppEnv>()
  .post(
    '/password-reset',
    documented({
      summary: 'Ask for a password reset link by email',
      tags: ['Auth'],
      description:
        'Always 202 with the same body, whether or not the email has an account. The link is sent only through SMTP (SMTP_URL) to PUBLIC_URL/reset-password, never into the mail outbox. 3 requests per email and per client address per hour, then 429.',
      body: resetRequestSchema,
      public: true,
      responses: {
        202: jsonResponse('`{ requested: true }`'),
        429: jsonResponse('TOO_MANY_ATTEMPTS'),
      },
    }),
    async (c) => {
      const { email } = await readBody(c, resetRequestSchema);
      const { deps } = c.var;
      const address = clientLimitKey(c, { trustProxy: deps.trustProxy === true });
      const reservation = await deps.throttle.reserveResetRequest(
        deps.db,
        email,
        address,
        deps.clock().getTime(),
      );
      if (!reservation.ok) throw tooManyAttempts(c, reservation.retryAfterMs);
      // After the answer, so its timing says nothing about whether the account exists.
      mailResetLink(deps, email).catch((error: unknown) =>
        deps.log.error('password reset mail not sent', { error: String(error) }),
      );
      return c.json({ requested: true }, 202);
    },
  )
  .post(
    '/password-reset/confirm',
    documented({
      summary: 'Set a new password with a reset link',
      tags: ['Auth'],
      description:
        'The token is single-use and expires an hour after it was made. Ends every session of the user and forgets their known devices, then signs this browser in.',
      body: resetConfirmSchema,
      public: true,
      responses: {
        200: jsonResponse('`{ user, organization }` and a session cookie'),
        400: jsonResponse('INVALID_RESET_TOKEN or VALIDATION_FAILED'),
      },
    }),
    async (c) => {
      const body = await readBody(c, resetConfirmSchema);
      const { db, clock } = c.var.deps;
      const passwordHash = await hashPassword(body.password);
      const userId = await writeTransaction(db, null, (trx) =>
        redeemResetToken(trx, { token: body.token, passwordHash, now: clock() }),
      );
      await invalidateUserSessions(db, userId);
      await forgetDevices(db, userId);
      await startSession(c, userId);
      return c.json(await presentMe(db, userId));
    },
  );

async function mailResetLink(deps: AppDeps, email: string): Promise<void> {
  const transport = accountMailTransport(deps);
  if (!transport) return;
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'organization_id', 'email', 'locale', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user || user.disabled_at) return;
  const organization = await loadOrganization(deps.db, user.organization_id);
  await sendResetMail(deps, transport, {
    user: {
      id: user.id,
      organizationId: user.organization_id,
      email: user.email,
      locale: user.locale,
    },
    createdBy: null,
    organizationName: organization?.name ?? '',
  });
}
