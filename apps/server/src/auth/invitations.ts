import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { writeTransaction, type Db } from '../db/database';
import { loadOrganization } from '../db/organizations';
import type { UserTable } from '../db/schema';
import { ServiceError } from '../errors';
import { hashPassword } from './password';
import { hashSecret } from './session';
import { emailTaken } from './signup';

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

export interface AcceptInvitationInput {
  /** `id.secret`, as the invitation link carries it. */
  token: string;
  password: string;
  name?: string | undefined;
}

/** One answer for every invitation that cannot be used: it says nothing about why. */
const invalidInvitation = () =>
  new ServiceError('invalid', 'INVALID_INVITATION', 'This invitation is invalid, used or expired.');

/**
 * Joins the invitation's organization as a new user with the role it names,
 * in one transaction that also marks it accepted: a token used twice at once
 * makes one user. An email registered meanwhile (in any organization) refuses it.
 */
export async function acceptInvitation(
  db: Db,
  input: AcceptInvitationInput,
  { now, newId }: { now: Date; newId: () => string },
): Promise<{ userId: string }> {
  const [id, secret] = input.token.split('.');
  if (!id || !secret) throw invalidInvitation();
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  await writeTransaction(db, null, async (trx) => {
    const inv = await usableInvitation(trx, { id, secret, now });
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', inv.email)
      .executeTakeFirst();
    if (taken) throw emailTaken();
    const org = await loadOrganization(trx, inv.organization_id);
    await trx
      .insertInto('users')
      .values({
        id: userId,
        organization_id: inv.organization_id,
        email: inv.email,
        name: input.name ?? inv.name,
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
  return { userId };
}

/** The invitation while it can still be accepted with this secret; refused otherwise. */
async function usableInvitation(trx: Db, token: { id: string; secret: string; now: Date }) {
  const inv = await trx
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', token.id)
    .executeTakeFirst();
  if (!inv || inv.accepted_at || inv.revoked_at || new Date(inv.expires_at) <= token.now) {
    throw invalidInvitation();
  }
  if (!constantTimeEqual(hashSecret(token.secret), new Uint8Array(inv.secret_hash))) {
    throw invalidInvitation();
  }
  // An invitation speaks for its inviter: it dies with their right to invite.
  if (!(await inviterMayStillInvite(trx, inv.invited_by, inv.organization_id))) {
    throw invalidInvitation();
  }
  return inv;
}
