import type { Db } from '../db/database';
import type { UserTable } from '../db/schema';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Who may invite whom: owners and admins, never to be owner (there is one owner). */
export const INVITING_ROLES: readonly UserTable['role'][] = ['owner', 'admin'];

/** True while the invitation's maker is an enabled owner or admin of the organization. */
export async function inviterMayStillInvite(
  db: Db,
  inviterId: string,
  organizationId: string,
): Promise<boolean> {
  const inviter = await db
    .selectFrom('users')
    .select(['role', 'disabled_at'])
    .where('id', '=', inviterId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return !!inviter && !inviter.disabled_at && INVITING_ROLES.includes(inviter.role);
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: 'admin' | 'accountant' | 'sales';
  name?: string;
  invitedBy: { id: string; name: string | null; email: string };
  createdAt: string;
  expiresAt: string;
}

/** Invitations of the organization that can still be accepted, newest first. */
export async function listPendingInvitations(
  db: Db,
  organizationId: string,
  now: Date,
): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.invited_by')
    .select([
      'i.id',
      'i.email',
      'i.role',
      'i.name',
      'i.created_at',
      'i.expires_at',
      'u.id as inviter_id',
      'u.name as inviter_name',
      'u.email as inviter_email',
    ])
    .where('i.organization_id', '=', organizationId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now.toISOString())
    .orderBy('i.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    ...(row.name ? { name: row.name } : {}),
    invitedBy: { id: row.inviter_id, name: row.inviter_name, email: row.inviter_email },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }));
}

/** Revokes one pending invitation of the organization; false when there is none by that id. */
export async function revokeInvitation(
  db: Db,
  organizationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every pending invitation a user made (they were disabled). */
export async function revokeInvitationsBy(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now.toISOString() })
    .where('invited_by', '=', userId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}
