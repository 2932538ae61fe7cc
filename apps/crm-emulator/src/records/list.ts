import { ZohoError } from '../errors';
import type { ModuleSpec } from '../modules';
import type { SortColumn, Store, StoredRecord } from '../store';
import { formatZohoTime, parseZohoTime } from '../time';
import { PAGE_TOKEN_REACH, PageTokens, type PageCursor } from './page-tokens';
import { presentRecord } from './present';

export const MAX_FIELDS = 50;
export const MAX_PER_PAGE = 200;
/** `page` reaches only this many records; beyond, a `page_token` is needed. */
export const DISCRETE_REACH = 2000;

const sortColumns: Record<string, SortColumn> = {
  id: 'id',
  Created_Time: 'created_time',
  Modified_Time: 'modified_time',
};

export interface ListParams {
  fields: string[];
  perPage: number;
  page?: number;
  pageToken?: string;
  sortBy: string;
  sortOrder: 'asc' | 'desc';
  modifiedAfter?: number;
  cvid?: string;
}

/** What a custom view keeps of a module's records. */
export interface ViewFilter {
  ownerId?: string;
  createdAfter?: number;
}

const invalidParam = (param: string, message: string, extra: Record<string, unknown> = {}) =>
  new ZohoError('INVALID_DATA', message, 400, { param_name: param, ...extra });

function positiveInt(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidParam(name, `invalid ${name}`);
  return n;
}

/** The required `fields` parameter: ≤ 50 API names, duplicates dropped. */
export function parseFields(query: Record<string, string>): string[] {
  const fields = [...new Set((query.fields ?? '').split(',').map((f) => f.trim()))].filter(Boolean);
  if (fields.length === 0) {
    throw new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
      param_name: 'fields',
    });
  }
  if (fields.length > MAX_FIELDS) {
    throw new ZohoError('LIMIT_EXCEEDED', `you can fetch at most ${MAX_FIELDS} fields`, 400, {
      param_name: 'fields',
      limit: MAX_FIELDS,
    });
  }
  return fields;
}

/** Reads and checks a list request's parameters, in the order Zoho refuses them. */
export function parseListParams(
  query: Record<string, string>,
  ifModifiedSince?: string,
): ListParams {
  const fields = parseFields(query);
  const perPage = positiveInt(query, 'per_page') ?? MAX_PER_PAGE;
  if (perPage > MAX_PER_PAGE) {
    throw invalidParam('per_page', 'per_page can be at most 200', { maximum_length: MAX_PER_PAGE });
  }
  const page = positiveInt(query, 'page');
  const pageToken = query.page_token;
  if (page !== undefined && pageToken !== undefined) {
    throw new ZohoError(
      'AMBIGUITY_DURING_PROCESSING',
      'page and page_token cannot be combined',
      400,
      {
        ambiguity_due_to: [{ param_name: 'page' }, { param_name: 'page_token' }],
      },
    );
  }
  if (page !== undefined && page * perPage > DISCRETE_REACH) {
    throw new ZohoError(
      'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
      'cannot fetch more than 2000 records. Use page_token for fetching more records.',
      400,
      { limit: DISCRETE_REACH },
    );
  }
  const cvid = query.cvid;
  if (cvid !== undefined && query.sort_by !== undefined) {
    throw new ZohoError('AMBIGUITY_DURING_PROCESSING', 'cvid and sort_by cannot be combined', 400, {
      ambiguity_due_to: [{ param_name: 'cvid' }, { param_name: 'sort_by' }],
    });
  }
  const sortBy = query.sort_by ?? 'id';
  if (!(sortBy in sortColumns)) {
    throw invalidParam('sort_by', 'invalid sort_by', {
      supported_values: Object.keys(sortColumns),
    });
  }
  const sortOrder = query.sort_order ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw invalidParam('sort_order', 'invalid sort_order', { supported_values: ['asc', 'desc'] });
  }
  let modifiedAfter: number | undefined;
  if (ifModifiedSince !== undefined) {
    modifiedAfter = parseZohoTime(ifModifiedSince);
    if (modifiedAfter === undefined) throw invalidParam('If-Modified-Since', 'invalid time');
  }
  return { fields, perPage, page, pageToken, sortBy, sortOrder, modifiedAfter, cvid };
}

function sortKey(record: StoredRecord, column: SortColumn): number | string {
  if (column === 'created_time') return record.createdTime;
  if (column === 'modified_time') return record.modifiedTime;
  return record.id;
}

export type ListResult = { status: 204 } | { status: 200; body: Record<string, unknown> };

/** One page of a module's records, by `page` or by `page_token`; 204 when nothing matched. */
export function listRecords(args: {
  store: Store;
  spec: ModuleSpec;
  params: ListParams;
  now: number;
  filter?: ViewFilter;
}): ListResult {
  const { store, spec, params, now, filter } = args;
  const tokens = new PageTokens(store.db);
  const column = sortColumns[params.sortBy] ?? 'id';
  // The token is bound to every parameter but the page position itself.
  const binding = JSON.stringify([
    spec.apiName,
    params.fields,
    params.perPage,
    params.sortBy,
    params.sortOrder,
    params.modifiedAfter ?? null,
    params.cvid ?? null,
  ]);
  const cursor: PageCursor | undefined =
    params.pageToken === undefined ? undefined : tokens.resolve(params.pageToken, binding, now);
  const page = cursor?.page ?? params.page ?? 1;
  const served = cursor?.served ?? (page - 1) * params.perPage;
  const limit = Math.min(params.perPage, PAGE_TOKEN_REACH - served);
  const rows =
    limit <= 0
      ? []
      : store.page({
          module: spec.apiName,
          sortColumn: column,
          descending: params.sortOrder === 'desc',
          modifiedAfter: params.modifiedAfter,
          ownerId: filter?.ownerId,
          createdAfter: filter?.createdAfter,
          after: cursor,
          offset: cursor ? 0 : served,
          limit: limit + 1,
        });
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  if (!last) return { status: 204 };
  const more = rows.length > limit && served + data.length < PAGE_TOKEN_REACH;
  const next = more
    ? tokens.issue(
        binding,
        { key: sortKey(last, column), id: last.id, page: page + 1, served: served + data.length },
        now,
      )
    : undefined;
  return {
    status: 200,
    body: {
      data: data.map((r) => presentRecord(store, r, params.fields)),
      info: {
        per_page: params.perPage,
        count: data.length,
        page,
        more_records: more,
        sort_by: params.sortBy,
        sort_order: params.sortOrder,
        next_page_token: next?.token ?? null,
        previous_page_token: null,
        page_token_expiry: next ? formatZohoTime(next.expiresAt) : null,
      },
    },
  };
}
