import type { ColumnType } from 'kysely';

/** The devices that sync, the answers they were given and the conflicts held for a person. */

/** A browser database, bound to one user on its first push. */
export interface SyncClientTable {
  client_id: string;
  organization_id: string;
  user_id: string;
  /** The highest seq of this client settled (applied or rejected). */
  last_seq: number;
  created_at: string;
  updated_at: string;
}

/** The stored outcome of one client mutation, replayed when the same seq comes again. */
export interface SyncResultTable {
  client_id: string;
  seq: number;
  /** SHA-256 of the canonical JSON of { name, entityId, args, baseVersion }. */
  body_hash: string;
  name: string;
  entity_id: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  version: number | null;
  /** JSON of the args, kept for rejected mutations only (the client shows the losing edit). */
  args: string | null;
  created_at: string;
}

export interface ConflictTable {
  organization_id: string;
  id: string;
  entity: string;
  entity_id: string;
  field: string;
  /** JSON; `null` for a cleared field. */
  winning_value: string;
  losing_value: string;
  winner_user_id: string;
  winner_client_id: string | null;
  loser_user_id: string;
  loser_client_id: string | null;
  version: number;
  created_at: string;
  resolved_at: string | null;
  resolution: 'winning' | 'losing' | null;
  resolved_by: string | null;
  /** The CRM conflict rule that decided it, when the edit met a CRM write. */
  crm_rule: ColumnType<
    'crmWins' | 'kanjoWins' | 'ask' | null,
    string | null | undefined,
    string | null
  >;
}
