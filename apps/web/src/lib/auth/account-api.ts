/**
 * The server's account routes: passwords (change, forgotten), invitations
 * and the team (owners and admins). Online only; nothing here is synced.
 */
import { request } from '$lib/http/client';
import type { Role } from '@kanjo/core';
import type { Me, User } from './auth-api';

export type InvitableRole = Exclude<Role, 'owner'>;
export const INVITABLE_ROLES: readonly InvitableRole[] = ['admin', 'accountant', 'sales'];

export interface Member extends User {
  disabledAt?: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: InvitableRole;
  name?: string;
  invitedBy: { id: string; name: string | null; email: string };
  createdAt: string;
  expiresAt: string;
}

export interface NewInvitation {
  id: string;
  email: string;
  role: InvitableRole;
  expiresAt: string;
  token: string;
  acceptUrl: string;
}

export type MemberReset =
  | { delivery: 'email' }
  | { delivery: 'link'; reset: { token: string; resetUrl: string; expiresAt: string } };

/** @example await changePassword({ currentPassword, newPassword }); */
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  request<void>({ method: 'POST', path: '/api/me/password', body });

export const requestPasswordReset = (email: string) =>
  request<{ requested: true }>({
    method: 'POST',
    path: '/api/auth/password-reset',
    body: { email },
  });

export const confirmPasswordReset = (body: { token: string; password: string }) =>
  request<Me>({ method: 'POST', path: '/api/auth/password-reset/confirm', body });

export const acceptInvitation = (body: { token: string; password: string; name?: string }) =>
  request<Me>({ method: 'POST', path: '/api/auth/accept-invite', body });

export const listMembers = () =>
  request<{ items: Member[] }>({ method: 'GET', path: '/api/users' });

export const updateMember = (id: string, patch: { role?: InvitableRole; disabled?: boolean }) =>
  request<Member>({ method: 'PATCH', path: `/api/users/${encodeURIComponent(id)}`, body: patch });

export const inviteMember = (body: { email: string; role: InvitableRole; name?: string }) =>
  request<{ invitation: NewInvitation }>({ method: 'POST', path: '/api/users', body });

export const listInvitations = () =>
  request<{ items: PendingInvitation[] }>({ method: 'GET', path: '/api/invitations' });

export const revokeInvitation = (id: string) =>
  request<void>({ method: 'DELETE', path: `/api/invitations/${encodeURIComponent(id)}` });

export const makeMemberReset = (id: string) =>
  request<MemberReset>({
    method: 'POST',
    path: `/api/users/${encodeURIComponent(id)}/password-reset`,
  });

/**
 * The token of a link like `/accept-invite#<id>.<secret>`: it travels in the
 * fragment, which browsers never send to a server or in a Referer.
 * @example tokenFromHash('#abc.def') // 'abc.def'
 */
export function tokenFromHash(hash: string): string | undefined {
  let token: string;
  try {
    token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return undefined; // not percent-encoding: a mangled link
  }
  return /^[a-z2-7]{1,64}\.[a-z2-7]{1,64}$/.test(token) ? token : undefined;
}
