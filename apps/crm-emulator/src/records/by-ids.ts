import { ZohoError } from '../errors';
import type { ModuleSpec } from '../modules';
import type { Store } from '../store';
import { parseFields, type ListResult } from './list';
import { presentRecord } from './present';

/** Zoho takes at most 100 ids in one `GET /{module}?ids=`. */
export const MAX_IDS = 100;

/** The `ids` of a list request, or undefined when the request has none. */
export function parseIds(query: Record<string, string>): string[] | undefined {
  if (query.ids === undefined) return undefined;
  const ids = [
    ...new Set(
      query.ids
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) {
    throw new ZohoError('INVALID_DATA', 'the ids given seem to be invalid', 400, {
      param_name: 'ids',
    });
  }
  if (ids.length > MAX_IDS) {
    throw new ZohoError('LIMIT_EXCEEDED', `you can fetch at most ${MAX_IDS} records by id`, 400, {
      param_name: 'ids',
      limit: MAX_IDS,
    });
  }
  return ids;
}

/**
 * `GET /{module}?ids=a,b&fields=…`: the records found, in the order asked, in the list
 * envelope; ids of no live record are simply absent, and none found is 204.
 *
 * @example
 * listByIds({ store, spec: moduleSpec('Deals'), ids: ['57…01'], query: { fields: 'Stage' } });
 */
export function listByIds(args: {
  store: Store;
  spec: ModuleSpec;
  ids: readonly string[];
  query: Record<string, string>;
}): ListResult {
  const fields = parseFields(args.query);
  const found = args.ids.flatMap((id) => args.store.get(args.spec.apiName, id) ?? []);
  if (found.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      data: found.map((r) => presentRecord(args.store, r, fields)),
      info: {
        per_page: args.ids.length,
        count: found.length,
        page: 1,
        more_records: false,
        sort_by: 'id',
        sort_order: 'desc',
        next_page_token: null,
        previous_page_token: null,
        page_token_expiry: null,
      },
    },
  };
}
