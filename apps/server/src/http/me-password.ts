import { Hono } from 'hono';
import * as v from 'valibot';
import { forgetOtherDevices } from '../auth/known-device';
import { hashPassword } from '../auth/password';
import { checkPassword } from '../auth/password-check';
import { useUpResets } from '../auth/password-reset';
import { invalidateOtherSessions } from '../auth/session';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { passwordSchema } from './auth';
import { documented, jsonResponse } from './openapi-docs';
import { readBody } from './validate';

const changePasswordSchema = v.strictObject({
  currentPassword: v.pipe(v.string(), v.maxLength(256)),
  newPassword: passwordSchema,
});

/**
 * `POST /api/me/password`: the signed-in user changes their password. The
 * current one is checked under the same throttle as signing in (a stolen
 * session must not become a way to guess it); on success every other session
 * of the user ends, this one stays.
 */
export const mePasswordRoutes = new Hono<AppEnv>().post(
  '/password',
  documented({
    summary: 'Change your password',
    tags: ['Auth'],
    description:
      'Needs the current password (throttled like signing in: 429 TOO_MANY_ATTEMPTS). Ends every other session of the user and forgets their other known devices; this session stays.',
    body: changePasswordSchema,
    responses: {
      204: jsonResponse('Changed'),
      400: jsonResponse('WRONG_PASSWORD (details.fields: currentPassword) or VALIDATION_FAILED'),
      429: jsonResponse('TOO_MANY_ATTEMPTS'),
    },
  }),
  async (c) => {
    const body = await readBody(c, changePasswordSchema);
    const { db, clock } = c.var.deps;
    const user = await db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash'])
      .where('id', '=', c.var.user.id)
      .executeTakeFirstOrThrow();
    const check = await checkPassword(c, {
      account: user.email,
      user,
      password: body.currentPassword,
    });
    if (!check.ok) {
      throw new ApiError(400, 'WRONG_PASSWORD', 'The current password is wrong.', {
        fields: [{ path: 'currentPassword', message: 'The current password is wrong.' }],
      });
    }
    await check.release();
    const passwordHash = await hashPassword(body.newPassword);
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', user.id)
      .execute();
    await useUpResets(db, user.id, clock());
    await invalidateOtherSessions(db, user.id, c.var.session.id);
    await forgetOtherDevices(c, user.id);
    return c.body(null, 204);
  },
);
