import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import { generateSecureRandomString, hashSecret } from '../auth/session';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { emailSchema } from './auth';
import { presentUser } from './me';
import { readBody } from './validate';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const inviteSchema = v.strictObject({
  email: emailSchema,
  role: v.picklist(['admin', 'accountant', 'sales'], 'Choose admin, accountant or sales.'),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
});

/**
 * Users of the caller's organization. Inviting creates a one-time invitation
 * whose token (id + secret, only the secret's hash stored) the inviter hands
 * over; `POST /api/auth/accept-invite` turns it into a user with a password.
 */
export const userRoutes = new Hono<AppEnv>()
  .get('/', requireRole('owner', 'admin'), async (c) => {
    const rows = await c.var.deps.db
      .selectFrom('users')
      .select(['id', 'organization_id', 'email', 'name', 'role', 'locale'])
      .where('organization_id', '=', c.var.user.organizationId)
      .orderBy('created_at')
      .execute();
    return c.json({ items: rows.map(presentUser) });
  })
  .post('/', requireRole('owner', 'admin'), async (c) => {
    const body = await readBody(c, inviteSchema);
    const { db, clock } = c.var.deps;
    const taken = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', body.email)
      .executeTakeFirst();
    if (taken) {
      throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists.', {
        fields: [{ path: 'email', message: 'This email is already registered.' }],
      });
    }
    const now = clock();
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
    await db
      .insertInto('invitations')
      .values({
        id,
        organization_id: c.var.user.organizationId,
        email: body.email,
        role: body.role,
        name: body.name ?? null,
        secret_hash: hashSecret(secret),
        invited_by: c.var.user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    const token = `${id}.${secret}`;
    return c.json(
      {
        invitation: {
          id,
          email: body.email,
          role: body.role,
          expiresAt,
          token,
          acceptUrl: `/accept-invite#${token}`,
        },
      },
      201,
    );
  });
