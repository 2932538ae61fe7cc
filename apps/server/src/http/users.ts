import { singleLineText } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { INVITATION_TTL_MS, revokeInvitationsBy } from '../auth/invitations';
import { requireRole } from '../auth/middleware';
import { generateSecureRandomString, hashSecret, invalidateUserSessions } from '../auth/session';
import type { AppEnv } from './env';
import { ApiError, forbidden, notFound } from './errors';
import { emailSchema } from './auth';
import { presentUser } from './me';
import { documented, jsonResponse } from './openapi-docs';
import { memberResetRoute } from './member-reset';
import { readBody } from './validate';

const inviteSchema = v.strictObject({
  email: emailSchema,
  role: v.picklist(['admin', 'accountant', 'sales'], 'Choose admin, accountant or sales.'),
  name: v.optional(singleLineText(200)),
});

const patchUserSchema = v.strictObject({
  role: v.optional(
    v.picklist(['admin', 'accountant', 'sales'], 'Choose admin, accountant or sales.'),
  ),
  name: v.optional(v.nullable(singleLineText(200))),
  disabled: v.optional(v.boolean()),
});

/**
 * Users of the caller's organization. Inviting creates a one-time invitation
 * whose token (id + secret, only the secret's hash stored) the inviter hands
 * over; `POST /api/auth/accept-invite` turns it into a user with a password.
 */
export const userRoutes = new Hono<AppEnv>()
  .get(
    '/',
    documented({
      summary: 'Users of the organization (owners and admins)',
      tags: ['Users'],
      responses: {
        200: jsonResponse(
          '`{ items: [{ id, organizationId, email, name?, role, locale?, disabledAt? }] }`',
        ),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const rows = await c.var.deps.db
        .selectFrom('users')
        .select(['id', 'organization_id', 'email', 'name', 'role', 'locale', 'disabled_at'])
        .where('organization_id', '=', c.var.user.organizationId)
        .orderBy('created_at')
        .execute();
      return c.json({
        items: rows.map((row) => ({
          ...presentUser(row),
          ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
        })),
      });
    },
  )
  .post(
    '/',
    documented({
      summary: 'Invite a user (owners and admins)',
      tags: ['Users'],
      description:
        'Makes a one-time invitation for admin, accountant or sales (never owner), valid 7 days; the token is shown once. It dies if its inviter is disabled or no longer an owner or admin.',
      body: inviteSchema,
      responses: {
        201: jsonResponse('`{ invitation: { id, email, role, expiresAt, token, acceptUrl } }`'),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
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
    },
  )
  .patch(
    '/:id',
    documented({
      summary: 'Change a user’s role or name, or disable them (owners and admins)',
      tags: ['Users'],
      description:
        'Not the owner, not yourself. Disabling ends the user’s sessions at once and revokes the invitations they made.',
      body: patchUserSchema,
      responses: { 200: jsonResponse('The user, with `disabledAt` when disabled') },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const body = await readBody(c, patchUserSchema);
      const { db, clock } = c.var.deps;
      const target = await db
        .selectFrom('users')
        .select(['id', 'role', 'disabled_at'])
        .where('id', '=', c.req.param('id'))
        .where('organization_id', '=', c.var.user.organizationId)
        .executeTakeFirst();
      if (!target) throw notFound('User');
      if (target.role === 'owner' || target.id === c.var.user.id) {
        throw forbidden('The owner and your own account cannot be changed here.');
      }
      const changes: {
        role?: 'admin' | 'accountant' | 'sales';
        name?: string | null;
        disabled_at?: string | null;
      } = {};
      if (body.role !== undefined) changes.role = body.role;
      if (body.name !== undefined) changes.name = body.name || null;
      if (body.disabled !== undefined)
        changes.disabled_at = body.disabled ? (target.disabled_at ?? clock().toISOString()) : null;
      if (Object.keys(changes).length > 0) {
        await db.updateTable('users').set(changes).where('id', '=', target.id).execute();
      }
      // A disabled user's sessions die at once, not at their expiry, and so do the invitations they made.
      if (body.disabled) {
        await invalidateUserSessions(db, target.id);
        await revokeInvitationsBy(db, target.id, clock());
      }
      const row = await db
        .selectFrom('users')
        .select(['id', 'organization_id', 'email', 'name', 'role', 'locale', 'disabled_at'])
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      return c.json({
        ...presentUser(row),
        ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
      });
    },
  )
  .route('/', memberResetRoute);
