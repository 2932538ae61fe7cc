import type { CrmTax } from './document-lines';
import type { CrmFieldInfo, CrmViewInfo } from './sync-api';
import type { CrmRecord } from './values';

/**
 * What Kanjo asks of a CRM, in no one CRM's words: a CRM package
 * (`@kanjo/crm-zoho` for Zoho CRM) implements it over its own API, and the
 * server depends on this interface, not on the CRM's paths, headers, paging
 * or answer shapes. Records keep the CRM's own field names (the sync
 * adapters map them). Types only: core stays pure.
 *
 * A call that fails whole throws a `CrmError`; a write answers one
 * result per record, in input order, however the CRM batches them.
 */
export interface CrmProvider extends CrmRecordCalls, CrmOrgCalls, CrmChannelCalls {
  /** Calls made so far through this provider (a run's share is the difference). */
  callStats(): CrmCallStats;
}

/** Reading and writing a module's records. */
export interface CrmRecordCalls {
  /** Every record of `module` (as many pages as it takes), in the CRM's order unless asked. */
  list(module: string, read: CrmListRead): AsyncIterable<CrmRecord>;
  /** Records of `module` deleted (since `since`, ISO 8601, when given). */
  deleted(module: string, read?: { since?: string }): AsyncIterable<CrmDeletedRecord>;
  /** One record (all its fields unless named); undefined when the CRM has no such record. */
  record(module: string, id: string, fields?: readonly string[]): Promise<CrmRecord | undefined>;
  /** Records by id, however many; ids the CRM does not hold are absent. */
  records(module: string, ids: readonly string[], fields: readonly string[]): Promise<CrmRecord[]>;
  /** Every record of one of a record's related lists (`related('Accounts', id, 'Deals', …)`). */
  related(
    module: string,
    id: string,
    list: string,
    fields: readonly string[],
  ): Promise<CrmRecord[]>;
  /** One page of the CRM's search; `more` says it found more than were answered. */
  search(
    module: string,
    by: CrmSearchBy,
    read: { fields?: readonly string[]; limit?: number },
  ): Promise<{ records: CrmRecord[]; more: boolean }>;
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
  insert(module: string, records: readonly CrmRecord[]): Promise<CrmWriteResult[]>;
  /** Inserts, or updates the record that already holds the same value in one of `matchOn`. */
  upsert(
    module: string,
    records: readonly CrmRecord[],
    matchOn?: readonly string[],
  ): Promise<CrmWriteResult[]>;
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
}

/** The CRM org, its people and its settings. */
export interface CrmOrgCalls {
  /** The org and the user the connection signs in as. */
  identity(): Promise<CrmIdentity>;
  /** What a permission profile may do in each of `modules` (a module it does not name: nothing). */
  moduleGrants(profileId: string, modules: readonly string[]): Promise<CrmModuleGrants>;
  /** The permissions Kanjo needs that the connection's grant lacks, found by trying a call each. */
  missingScopes(): Promise<string[]>;
  /** The CRM's permission profiles. */
  profiles(): Promise<CrmProfile[]>;
  /** Every CRM user, active or not (a panel request names its user by id). */
  users(): Promise<CrmUserInfo[]>;
  /** The active CRM users with an email (who may own records). */
  activeUsers(): Promise<(CrmUserInfo & { email: string })[]>;
  /** The org's taxes with their rates; deleted ones and ones without a rate are left out. */
  taxes(): Promise<CrmTax[]>;
  /** A module's fields as the CRM org has them. */
  fields(module: string): Promise<CrmFieldInfo[]>;
  /** A module's views (filters a sync can be limited to). */
  views(module: string): Promise<CrmViewInfo[]>;
}

/** Notification channels: the CRM calls `notifyUrl` when a watched module's records change. */
export interface CrmChannelCalls {
  /** Subscribes (or replaces) channels; one result per channel, in order. */
  watch(channels: readonly CrmChannel[]): Promise<CrmWriteResult[]>;
  /** Moves channels' expiry (and callback) on; their token stays, so no callback in flight is refused. */
  extendWatch(channels: readonly CrmChannelRenewal[]): Promise<CrmWriteResult[]>;
  /** Ends channels. */
  unwatch(channelIds: readonly string[]): Promise<void>;
}

export interface CrmListRead {
  fields: readonly string[];
  /** Only the records of this CRM view. */
  view?: string;
  /** Only records changed after this time (ISO 8601 with offset). */
  modifiedSince?: string;
  /** Oldest change first, so a cursor can follow the pages. */
  oldestChangeFirst?: boolean;
  /** Records a call (the provider's ceiling applies). */
  perPage?: number;
}

/** A deleted record: its id, and when it was deleted when the CRM says. */
export interface CrmDeletedRecord {
  id: string;
  deletedAt: string | null;
}

/** One search key: conditions on fields, an email, a phone number or a word. */
export type CrmSearchBy =
  { criteria: CrmCriteria } | { email: string } | { phone: string } | { word: string };

/**
 * Conditions a search matches, which the provider spells in its CRM's query
 * syntax: a field's value starting with or equal to a text (on CRM text
 * fields `equals` finds the text inside longer values), all of some
 * conditions, or any of them.
 */
export type CrmCriteria =
  | { field: string; op: 'starts_with' | 'equals'; value: string }
  | { all: readonly CrmCriteria[] }
  | { any: readonly CrmCriteria[] };

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

export interface CrmIdentity {
  org: {
    id: string;
    name: string;
    /** The base currency (ISO 4217). */
    currency: string;
    multiCurrency: boolean;
    timeZone: string;
  };
  user: { id: string; email: string; name: string; profile: CrmProfile | null };
}

export type CrmGrant = 'view' | 'create' | 'edit';
export type CrmModuleGrants = Record<string, Record<CrmGrant, boolean>>;

export interface CrmChannel {
  id: string;
  /** What the channel watches, in the CRM's own event names. */
  events: readonly string[];
  /** ISO 8601; the CRM keeps whole seconds. */
  expiresAt: string;
  /** Echoed in every callback: the only proof it came from the CRM. */
  token: string;
  notifyUrl: string;
}

export interface CrmChannelRenewal {
  id: string;
  expiresAt: string;
  notifyUrl: string;
}

export interface CrmCallStats {
  /** API calls, retries included. */
  calls: number;
  retries: number;
  /** Access tokens fetched. */
  refreshes: number;
}
