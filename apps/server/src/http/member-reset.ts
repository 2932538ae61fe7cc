import { Hono, type Context } from 'hono';
import { requireRole } from '../auth/middleware';
import { createResetToken } from '../auth/password-reset';
import { accountMailTransport, sendResetMail } from '../auth/reset-mail';
import { loadOrganization } from '../db/organizations';
import type { AppEnv } from './env';
import { ApiError, forbidden, notFound } from './errors';
import { documented, jsonResponse } from './openapi-docs';

/**
 * `POST /api/users/:id/password-reset`: an owner or admin gets a member back
 * in. With SMTP the one-time link goes to the member's own mailbox; without
 * it the link is answered once, to be handed over like an invitation link
 * (never put in the mail outbox, which other admins read). Never for
 * yourself (change your password in your account settings) and never for
 * the owner.
 */
export const memberResetRoute = new Hono<AppEnv>().post(
  '/:id/password-reset',
  documented({
    summary: 'A password reset link for a member (owners and admins)',
    tags: ['Users'],
    description:
      'With SMTP: 202 `{ delivery: "email" }`, the link is mailed to the member. Without: 201 `{ delivery: "link", reset: { token, resetUrl, expiresAt } }`, shown once. The link expires in an hour and works once. Not for yourself or the owner (403); a disabled member: 409 USER_DISABLED.',
    responses: {
      201: jsonResponse('`{ delivery: "link", reset: { token, resetUrl, expiresAt } }`'),
      202: jsonResponse('`{ delivery: "email" }`'),
    },
  }),
  requireRole('owner', 'admin'),
  async (c) => {
    const { deps } = c.var;
    const target = await resettableMember(c, c.req.param('id'));
    const transport = accountMailTransport(deps);
    if (transport) {
      const organization = await loadOrganization(deps.db, target.organization_id);
      await sendResetMail(deps, transport, {
        user: {
          id: target.id,
          organizationId: target.organization_id,
          email: target.email,
          locale: target.locale,
        },
        createdBy: c.var.user.id,
        organizationName: organization?.name ?? '',
      });
      return c.json({ delivery: 'email' }, 202);
    }
    const reset = await createResetToken(deps.db, {
      organizationId: target.organization_id,
      userId: target.id,
      createdBy: c.var.user.id,
      now: deps.clock(),
    });
    return c.json(
      {
        delivery: 'link',
        reset: {
          token: reset.token,
          resetUrl: `/reset-password#${reset.token}`,
          expiresAt: reset.expiresAt,
        },
      },
      201,
    );
  },
);

/** The member whose password an owner or admin may reset, or the reason they may not. */
async function resettableMember(c: Context<AppEnv>, id: string) {
  const target = await c.var.deps.db
    .selectFrom('users')
    .select(['id', 'organization_id', 'email', 'role', 'locale', 'disabled_at'])
    .where('id', '=', id)
    .where('organization_id', '=', c.var.user.organizationId)
    .executeTakeFirst();
  if (!target) throw notFound('User');
  if (target.id === c.var.user.id) {
    throw forbidden('Change your own password in your account settings.');
  }
  if (target.role === 'owner') throw forbidden('The owner’s password cannot be reset here.');
  if (target.disabled_at) {
    throw new ApiError(409, 'USER_DISABLED', 'Enable the user before resetting their password.');
  }
  return target;
}
