import * as v from 'valibot';
import { CrmError, ZOHO_LIMITS } from './errors.js';
import { createHttp, type CallStats, type HttpResult, type RequestOptions } from './http.js';
import { createLimiter } from './limiter.js';
import {
  createTokenSource,
  type CachedToken,
  type FetchLike,
  type TokenSourceOptions,
} from './oauth.js';
import { chunk, toRecordResults, type RecordResult } from './write-results.js';

export type ZohoRecord = Record<string, unknown>;

export interface ZohoClientOptions {
  /** Accounts server of the org's data centre, e.g. `https://accounts.zoho.eu`. */
  accountsUrl: string;
  /** API host; defaults to the token response's `api_domain`. */
  apiDomain?: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch?: FetchLike;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Never more than this many requests in flight (default 5). */
  maxConcurrency?: number;
  /** Retries for 429 / 5xx / network errors (default 5). */
  retries?: number;
  /** An access token kept from an earlier run (see `TokenSourceOptions.initialToken`). */
  initialToken?: CachedToken;
  /** Called with every freshly refreshed access token (must not throw). */
  onToken?: (token: CachedToken) => void;
  /** Refreshes shared with other processes (see `TokenSourceOptions.shareRefresh`). */
  shareRefresh?: TokenSourceOptions['shareRefresh'];
}

export interface ListOptions {
  fields: readonly string[];
  cvid?: string;
  /** ISO 8601 with offset, sent as `If-Modified-Since`. */
  modifiedSince?: string;
  perPage?: number;
  sortBy?: 'id' | 'Created_Time' | 'Modified_Time';
  sortOrder?: 'asc' | 'desc';
}

/** One search key (`GET /{module}/search`); criteria like `((Account_Name:starts_with:Acme))`. */
export type SearchBy =
  { criteria: string } | { email: string } | { phone: string } | { word: string };

/** A notification channel as `POST /actions/watch` takes it. */
export interface WatchChannel {
  channel_id: string;
  events: string[];
  /** ISO 8601 with offset; at most a week ahead (default one hour). */
  channel_expiry?: string;
  /** Echoed in every callback: the only proof it came from the CRM (≤ 50 chars). */
  token: string;
  notify_url: string;
}

/** What a `PATCH /actions/watch` changes of a channel. */
export interface WatchExtension {
  channel_id: string;
  channel_expiry?: string;
  notify_url?: string;
}

export interface ListDeletedOptions {
  type?: 'all' | 'recycle' | 'permanent';
  modifiedSince?: string;
  perPage?: number;
}

const listBodySchema = v.object({
  data: v.array(v.record(v.string(), v.unknown())),
  info: v.optional(
    v.object({
      more_records: v.optional(v.boolean(), false),
      next_page_token: v.optional(v.nullable(v.string())),
    }),
    { more_records: false },
  ),
});

function parseKeyed(body: unknown, key: string): ZohoRecord[] {
  const schema = v.object({ [key]: v.array(v.record(v.string(), v.unknown())) });
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    throw new CrmError({
      code: 'CRM_BAD_RESPONSE',
      message: `unexpected answer: no "${key}" list`,
    });
  }
  return parsed.output[key] ?? [];
}

function first(records: ZohoRecord[], what: string): ZohoRecord {
  const record = records[0];
  if (!record) throw new CrmError({ code: 'CRM_NOT_FOUND', message: `${what} not found` });
  return record;
}

const sleepReal = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a Zoho CRM v8 client.
 *
 * @example
 * const crm = createZohoClient({ accountsUrl: 'https://accounts.zoho.com', clientId, clientSecret, refreshToken });
 * for await (const contact of crm.listAll('Contacts', { fields: ['Email', 'Last_Name'] })) save(contact);
 * const results = await crm.upsert('Contacts', [{ Last_Name: 'Rao', Email: 'a@b.in' }]);
 */
export function createZohoClient(options: ZohoClientOptions) {
  const fetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? Date.now;
  const tokens = createTokenSource({ ...options, fetch, clock });
  const counters = { calls: 0, retries: 0 };
  const request = createHttp({
    tokens,
    apiDomain: options.apiDomain,
    fetch,
    limiter: createLimiter(options.maxConcurrency ?? ZOHO_LIMITS.defaultConcurrency),
    clock,
    sleep: options.sleep ?? sleepReal,
    random: options.random ?? Math.random,
    retries: options.retries ?? 5,
    stats: counters,
  });
  const mod = (module: string): string => `/${encodeURIComponent(module)}`;

  async function* listAll(module: string, list: ListOptions): AsyncGenerator<ZohoRecord> {
    const perPage = Math.min(list.perPage ?? ZOHO_LIMITS.maxPerPage, ZOHO_LIMITS.maxPerPage);
    const base = {
      fields: list.fields.join(','),
      per_page: perPage,
      cvid: list.cvid,
      sort_by: list.sortBy,
      sort_order: list.sortOrder,
    };
    const headers = list.modifiedSince ? { 'If-Modified-Since': list.modifiedSince } : undefined;
    let page = 1;
    let pageToken: string | undefined;
    for (;;) {
      // `page` and `page_token` must never be combined (AMBIGUITY_DURING_PROCESSING).
      const query = pageToken ? { ...base, page_token: pageToken } : { ...base, page };
      const { body } = await request({ path: mod(module), query, headers });
      if (body === undefined) return; // 204: nothing matched
      const parsed = v.safeParse(listBodySchema, body);
      if (!parsed.success)
        throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected list answer' });
      yield* parsed.output.data;
      const { more_records, next_page_token } = parsed.output.info;
      if (!more_records) return;
      // `page` reaches only the first 2,000 records; past that only `page_token` works.
      if (pageToken || (page + 1) * perPage > ZOHO_LIMITS.pageRecordLimit) {
        if (!next_page_token) {
          throw new CrmError({
            code: 'CRM_BAD_RESPONSE',
            message: 'more_records without next_page_token',
          });
        }
        pageToken = next_page_token;
      } else {
        page += 1;
      }
    }
  }

  async function* listDeleted(
    module: string,
    list: ListDeletedOptions = {},
  ): AsyncGenerator<ZohoRecord> {
    const headers = list.modifiedSince ? { 'If-Modified-Since': list.modifiedSince } : undefined;
    const perPage = Math.min(list.perPage ?? ZOHO_LIMITS.maxPerPage, ZOHO_LIMITS.maxPerPage);
    for (let page = 1; ; page += 1) {
      const query = { type: list.type ?? 'all', page, per_page: perPage };
      const { body } = await request({ path: `${mod(module)}/deleted`, query, headers });
      if (body === undefined) return;
      const parsed = v.safeParse(listBodySchema, body);
      if (!parsed.success)
        throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected deleted answer' });
      yield* parsed.output.data;
      if (!parsed.output.info.more_records) return;
    }
  }

  async function writeBatches(
    records: readonly ZohoRecord[],
    send: (batch: ZohoRecord[]) => RequestOptions,
  ): Promise<RecordResult[]> {
    const results: RecordResult[] = [];
    // Sequential on purpose: batches keep input order and do not hog the concurrency budget.
    for (const batch of chunk(records, ZOHO_LIMITS.batchSize)) {
      const { body }: HttpResult = await request({ ...send(batch), acceptRecordErrors: true });
      results.push(...toRecordResults(body, batch.length));
    }
    return results;
  }

  async function writeWatch(
    method: 'POST' | 'PUT' | 'PATCH',
    channels: readonly (WatchChannel | WatchExtension)[],
  ): Promise<RecordResult[]> {
    const results: RecordResult[] = [];
    for (const batch of chunk(channels, ZOHO_LIMITS.watchBatchSize)) {
      const { body } = await request({
        method,
        path: '/actions/watch',
        body: { watch: batch },
        acceptRecordErrors: true,
      });
      results.push(...toRecordResults(body, batch.length, 'watch'));
    }
    return results;
  }

  return {
    /** Low-level call under `/crm/v8`, with auth, limits and retries. */
    request,
    listAll,
    listDeleted,
    async getRecord(
      module: string,
      id: string,
      fields?: readonly string[],
    ): Promise<ZohoRecord | undefined> {
      const query = fields ? { fields: fields.join(',') } : undefined;
      try {
        const { body } = await request({ path: `${mod(module)}/${encodeURIComponent(id)}`, query });
        return body === undefined ? undefined : parseKeyed(body, 'data')[0];
      } catch (error) {
        if (error instanceof CrmError && error.code === 'CRM_NOT_FOUND') return undefined;
        throw error;
      }
    },
    insert: (module: string, records: readonly ZohoRecord[]) =>
      writeBatches(records, (data) => ({ method: 'POST', path: mod(module), body: { data } })),
    /**
     * Updates records by id. With `unmodifiedSince` (ISO 8601, sent as
     * `If-Unmodified-Since`) Zoho refuses each record changed after it with
     * `ALREADY_MODIFIED`, and a batch where every record was refused with 412.
     */
    update: (
      module: string,
      records: readonly ZohoRecord[],
      opts: { unmodifiedSince?: string } = {},
    ) =>
      writeBatches(records, (data) => ({
        method: 'PUT',
        path: mod(module),
        body: { data },
        ...(opts.unmodifiedSince
          ? { headers: { 'If-Unmodified-Since': opts.unmodifiedSince } }
          : {}),
      })),
    upsert: (
      module: string,
      records: readonly ZohoRecord[],
      opts: { duplicateCheckFields?: string[] } = {},
    ) =>
      writeBatches(records, (data) => ({
        method: 'POST',
        path: `${mod(module)}/upsert`,
        body: opts.duplicateCheckFields
          ? { data, duplicate_check_fields: opts.duplicateCheckFields }
          : { data },
      })),
    deleteRecords: (module: string, ids: readonly string[]) =>
      writeBatches(
        ids.map((id) => ({ id })),
        (batch) => ({
          method: 'DELETE',
          path: mod(module),
          query: { ids: batch.map((r) => String(r.id)).join(',') },
        }),
      ),
    /** Records by id (`GET /{module}?ids=`, ≤ 100 a call); ids not found are absent. */
    async getRecords(
      module: string,
      ids: readonly string[],
      fields: readonly string[],
    ): Promise<ZohoRecord[]> {
      const found: ZohoRecord[] = [];
      for (const batch of chunk(ids, ZOHO_LIMITS.batchSize)) {
        const query = { ids: batch.join(','), fields: fields.join(',') };
        const { body } = await request({ path: mod(module), query });
        if (body !== undefined) found.push(...parseKeyed(body, 'data'));
      }
      return found;
    },
    /** Every record of a related list, e.g. `related('Accounts', id, 'Deals', fields)`. */
    async related(
      module: string,
      id: string,
      list: string,
      fields: readonly string[],
    ): Promise<ZohoRecord[]> {
      const path = `${mod(module)}/${encodeURIComponent(id)}/${encodeURIComponent(list)}`;
      const found: ZohoRecord[] = [];
      for (let page = 1; ; page += 1) {
        const query = { fields: fields.join(','), page, per_page: ZOHO_LIMITS.maxPerPage };
        const { body } = await request({ path, query });
        if (body === undefined) return found;
        const parsed = v.safeParse(listBodySchema, body);
        if (!parsed.success)
          throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected related answer' });
        found.push(...parsed.output.data);
        if (!parsed.output.info.more_records) return found;
      }
    },
    /**
     * One page of `GET /{module}/search`: Zoho uses only one of criteria >
     * email > phone > word. Nothing found (204) is an empty list.
     */
    async search(
      module: string,
      by: SearchBy,
      opts: { fields?: readonly string[]; perPage?: number } = {},
    ): Promise<{ records: ZohoRecord[]; more: boolean }> {
      const query = {
        ...by,
        fields: opts.fields?.join(','),
        per_page: opts.perPage ?? ZOHO_LIMITS.maxPerPage,
      };
      const { body } = await request({ path: `${mod(module)}/search`, query });
      if (body === undefined) return { records: [], more: false };
      const parsed = v.safeParse(listBodySchema, body);
      if (!parsed.success)
        throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected search answer' });
      return { records: parsed.output.data, more: parsed.output.info.more_records };
    },
    /** The CRM's users (`GET /users?type=ActiveUsers`). */
    async users(type: 'ActiveUsers' | 'AllUsers' = 'ActiveUsers'): Promise<ZohoRecord[]> {
      const { body } = await request({ path: '/users', query: { type } });
      return body === undefined ? [] : parseKeyed(body, 'users');
    },
    /**
     * Subscribes (or replaces) notification channels, ≤ 50 a call; one result
     * per channel, in order.
     */
    watch: (channels: readonly WatchChannel[]) => writeWatch('POST', channels),
    /** Replaces channels whole (a new token included), ≤ 50 a call. */
    rewatch: (channels: readonly WatchChannel[]) => writeWatch('PUT', channels),
    /**
     * Changes only the given fields of channels (`PATCH`), e.g. a later
     * `channel_expiry`: the token stays, so no callback in flight is refused.
     */
    extendWatch: (channels: readonly WatchExtension[]) => writeWatch('PATCH', channels),
    /** Disables channels (`DELETE /actions/watch?channel_ids=`). */
    async unwatch(channelIds: readonly string[]): Promise<void> {
      for (const batch of chunk(channelIds, ZOHO_LIMITS.watchBatchSize)) {
        await request({
          method: 'DELETE',
          path: '/actions/watch',
          query: { channel_ids: batch.join(',') },
          acceptRecordErrors: true,
        });
      }
    },
    async currentUser(): Promise<ZohoRecord> {
      const { body } = await request({ path: '/users', query: { type: 'CurrentUser' } });
      return first(parseKeyed(body, 'users'), 'current user');
    },
    /** One CRM profile with its permissions (`GET /settings/profiles/{id}`). */
    async profile(id: string): Promise<ZohoRecord> {
      const { body } = await request({ path: `/settings/profiles/${encodeURIComponent(id)}` });
      return first(parseKeyed(body, 'profiles'), 'profile');
    },
    async org(): Promise<ZohoRecord> {
      const { body } = await request({ path: '/org' });
      return first(parseKeyed(body, 'org'), 'org');
    },
    async currencies(): Promise<ZohoRecord[]> {
      const { body } = await request({ path: '/org/currencies' });
      return body === undefined ? [] : parseKeyed(body, 'currencies');
    },
    stats: (): CallStats => ({ ...counters, refreshes: tokens.refreshes() }),
  };
}

export type ZohoClient = ReturnType<typeof createZohoClient>;
