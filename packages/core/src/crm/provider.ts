import type { CrmTax } from './document-lines';
import type { CrmFieldInfo, CrmViewInfo } from './sync-api';
import type { CrmRecord } from './values';

/**
 * What the CRM reconciler asks of a CRM, in no one CRM's words: a CRM
 * package (`@kanjo/crm-zoho` for Zoho CRM) implements it over its own API,
 * and the server depends on this interface, not on the CRM's paths, headers
 * or answer shapes. Types only: core stays pure.
 *
 * A call that fails whole throws the provider's error; a write answers one
 * result per record, in input order.
 */
export interface CrmProvider {
  /**
   * Updates records (each with its `id`) unless the CRM changed them after
   * `since` (ISO 8601); those fail with `stale: true`, as they are not
   * refused: they are read again and merged. `since` null updates anyway.
   */
  updateUnmodified(
    module: string,
    records: readonly CrmRecord[],
    since: string | null,
  ): Promise<CrmWriteResult[]>;
  /** The CRM's permission profiles. */
  profiles(): Promise<CrmProfile[]>;
  /** Every CRM user, active or not (a panel request names its user by id). */
  users(): Promise<CrmUserInfo[]>;
  /** The org's taxes with their rates; deleted ones and ones without a rate are left out. */
  taxes(): Promise<CrmTax[]>;
  /** A module's fields as the CRM org has them. */
  fields(module: string): Promise<CrmFieldInfo[]>;
  /** A module's views (filters a sync can be limited to). */
  views(module: string): Promise<CrmViewInfo[]>;
  /**
   * Records of `module` holding any of the values in any of the fields
   * (field → values, at most 50 values a field), at most `limit` of them;
   * `more` says the CRM holds more than were answered.
   */
  findAny(
    module: string,
    match: Readonly<Record<string, readonly string[]>>,
    read: { fields: readonly string[]; limit: number },
  ): Promise<{ records: CrmRecord[]; more: boolean }>;
}

/** One input record's outcome. */
export type CrmWriteResult =
  | { ok: true; id: string; action?: 'insert' | 'update' }
  | {
      ok: false;
      /** The CRM's own code for the refusal, kept for the run's history. */
      code: string;
      message: string;
      details: Record<string, unknown>;
      /** The CRM changed the record after the write's `since`: merge, then send again. */
      stale?: boolean;
    };

export interface CrmProfile {
  id: string;
  name: string;
}

export interface CrmUserInfo {
  id: string;
  name?: string;
  email?: string;
}
