import type { ColumnType, Generated } from 'kysely';

/** The records people keep, their numbering and the change log every write appends to. */

export interface NumberSequenceTable {
  organization_id: string;
  kind: 'quote' | 'salesOrder' | 'invoice';
  last_value: number;
}

export interface ChangeLogTable {
  organization_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  op: 'put' | 'delete';
  mutation: string;
  actor_user_id: string | null;
  created_at: string;
}

/**
 * Every invoicing entity has the same storage shape: the row as JSON plus the
 * columns that lists filter and sort on. `version` is the organization seq of
 * the mutation that last wrote the row.
 */
export interface EntityTable {
  organization_id: string;
  id: string;
  version: number;
  data: string;
  search: string;
  ref_id: string | null;
  status: string | null;
  number: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON: field → { version, userId, clientId } of the write that last changed it. */
  field_meta: ColumnType<string, string | undefined, string>;
  /** JSON: leaf field → its last writes (see `sync/field-history.ts`). */
  field_history: ColumnType<string, string | undefined, string>;
  rowid: Generated<number>;
}
