import type { Role } from '@kanjo/core';
import type { ColumnType } from 'kysely';

/** Organizations, their people, and how they sign in. */

export interface OrganizationTable {
  id: string;
  name: string;
  /** JSON of the organization's settings (see core's organizationSchema). */
  settings: string;
  /** The organization's change sequence: bumped once per applied mutation. */
  seq: ColumnType<number, number | undefined, number>;
  /** Pull cursors below this (and above 0) have expired: compaction removed entries they need. */
  log_floor: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  organization_id: string;
  email: string;
  name: string | null;
  role: Role;
  locale: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  id: string;
  /** SHA-256 of the token's secret part; the secret itself is never stored. */
  secret_hash: Uint8Array;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface InvitationTable {
  id: string;
  organization_id: string;
  email: string;
  role: 'admin' | 'accountant' | 'sales';
  name: string | null;
  secret_hash: Uint8Array;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** Revoked by an owner or admin, or because its inviter was disabled. */
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A browser a user signed in on: only SHA-256 of its device cookie's token is kept. */
export interface KnownDeviceTable {
  id: string;
  user_id: string;
  token_hash: Uint8Array;
  created_at: string;
  last_used_at: string;
}

/** A one-time password-reset token: only SHA-256 of its secret part is kept. */
export interface PasswordResetTable {
  id: string;
  organization_id: string;
  user_id: string;
  secret_hash: Uint8Array;
  /** The owner or admin who made the link; null when the user asked by email. */
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * One counted sign-in or reset attempt, shared by every instance. Reached by
 * its budget and key (never by organization: an attempt comes before anyone
 * is known), and the key is a SHA-256, so no email or address is stored.
 */
export interface SignInAttemptTable {
  id: string;
  /** Which budget: account, address, device, reset-email or reset-address. */
  budget: string;
  key_hash: Uint8Array;
  /** When it was counted, in epoch milliseconds. */
  at_ms: number;
}
