import { Hono } from 'hono';
import { listPendingInvitations, revokeInvitation } from '../auth/invitations';
import { requireRole } from '../auth/middleware';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { documented, jsonResponse } from './openapi-docs';

/**
 * The organization's pending invitations, for owners and admins: who made
 * each and when it expires, and revoking one. Accepted, revoked and expired
 * invitations are not listed; another organization's id is 404.
 */
export const invitationRoutes = new Hono<AppEnv>()
  .get(
    '/',
    documented({
      summary: 'Pending invitations (owners and admins)',
      tags: ['Users'],
      description:
        'Invitations that can still be accepted, newest first, with who made them and when they expire (7 days after they were made).',
      responses: {
        200: jsonResponse(
          '`{ items: [{ id, email, role, name?, invitedBy: { id, name, email }, createdAt, expiresAt }] }`',
        ),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const { db, clock } = c.var.deps;
      const items = await listPendingInvitations(db, c.var.user.organizationId, clock());
      return c.json({ items });
    },
  )
  .delete(
    '/:id',
    documented({
      summary: 'Revoke a pending invitation (owners and admins)',
      tags: ['Users'],
      responses: { 204: jsonResponse('Revoked: the invitation can no longer be accepted') },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const { db, clock } = c.var.deps;
      const id = c.req.param('id');
      if (!(await revokeInvitation(db, c.var.user.organizationId, id, clock()))) {
        throw notFound('Invitation');
      }
      return c.body(null, 204);
    },
  );
