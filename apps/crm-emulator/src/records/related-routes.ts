import type { Context } from 'hono';
import { Hono } from 'hono';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from '../context';
import { allFields } from '../custom-fields';
import { ZohoError } from '../errors';
import { moduleSpec } from '../modules';
import { missingParam } from '../query-params';
import { MAX_FIELDS, MAX_PER_PAGE } from './list';
import { presentRecord } from './present';
import { matchesSearch, parseSearchQuery, SEARCH_REACH } from './search';
import type { StoredRecord } from '../store';

function positive(c: Context<EmulatorEnv>, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new ZohoError('INVALID_DATA', `invalid ${name}`, 400, { param_name: name });
  }
  return n;
}

function fieldsParam(c: Context<EmulatorEnv>, required: boolean): string[] | undefined {
  const fields = [
    ...new Set(
      (c.req.query('fields') ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  if (fields.length === 0) {
    if (required) throw missingParam('fields');
    return undefined;
  }
  if (fields.length > MAX_FIELDS) {
    throw new ZohoError('LIMIT_EXCEEDED', `you can fetch at most ${MAX_FIELDS} fields`, 400, {
      param_name: 'fields',
      limit: MAX_FIELDS,
    });
  }
  return fields;
}

/** One `page` of already-filtered records in the list envelope; 204 when empty. */
function answerPage(
  c: Context<EmulatorEnv>,
  ctx: EmulatorContext,
  records: StoredRecord[],
  fields: string[] | undefined,
  reach = Infinity,
) {
  const perPage = positive(c, 'per_page', MAX_PER_PAGE);
  if (perPage > MAX_PER_PAGE) {
    throw new ZohoError('INVALID_DATA', 'per_page can be at most 200', 400, {
      param_name: 'per_page',
      maximum_length: MAX_PER_PAGE,
    });
  }
  const page = positive(c, 'page', 1);
  const start = (page - 1) * perPage;
  if (start + perPage > reach) {
    // Zoho's details give the limit as a string.
    throw new ZohoError('LIMIT_REACHED', 'maximum response iteration limit reached', 400, {
      limit: String(reach),
    });
  }
  const data = records.slice(start, start + perPage);
  if (data.length === 0) return c.body(null, 204);
  return c.json({
    data: data.map((r) => presentRecord(ctx.store, r, fields)),
    info: {
      per_page: perPage,
      count: data.length,
      page,
      more_records: records.length > start + perPage && start + perPage < reach,
    },
  });
}

/** Related lists an emulated record has: `{parent module: {related list: lookup field}}`. */
export const relatedLists: Record<string, Record<string, string>> = {
  Accounts: {
    Contacts: 'Account_Name',
    Deals: 'Account_Name',
    Quotes: 'Account_Name',
    Sales_Orders: 'Account_Name',
    Invoices: 'Account_Name',
  },
  Contacts: { Deals: 'Contact_Name' },
  Deals: { Quotes: 'Deal_Name', Sales_Orders: 'Deal_Name', Invoices: 'Deal_Name' },
};

/**
 * `GET /{module}/search` and `GET /{module}/{id}/{related list}`: mounted after every fixed
 * path, so that `/settings/...` or `/users/...` never reads as a module.
 */
export function moduleReadRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>()
    .get('/:module/search', (c) => {
      const spec = moduleSpec(c.req.param('module'));
      const search = parseSearchQuery(c.req.query());
      const fields = fieldsParam(c, false);
      const specs = allFields(spec, ctx.customFields);
      // Zoho indexes with a delay: a record modified this recently is not found yet.
      const delay = ctx.limits.searchDelaySeconds;
      const indexedBefore = nowSeconds(ctx) - delay;
      const found = ctx.store
        .all(spec.apiName)
        .filter((r) => delay === 0 || r.modifiedTime <= indexedBefore)
        .filter((r) => matchesSearch(presentRecord(ctx.store, r), search, specs));
      return answerPage(c, ctx, found, fields, SEARCH_REACH);
    })
    .get('/:module/:id/:related', (c) => {
      const spec = moduleSpec(c.req.param('module'));
      const lists = relatedLists[spec.apiName] ?? {};
      const related = Object.keys(lists).find(
        (name) => name.toLowerCase() === c.req.param('related').toLowerCase(),
      );
      const lookup = related && lists[related];
      if (!related || !lookup) {
        throw new ZohoError('INVALID_DATA', 'the related list given seems to be invalid', 400, {
          resource_path_index: 2,
        });
      }
      const fields = fieldsParam(c, true);
      const id = c.req.param('id');
      const found = ctx.store.all(related).filter((r) => {
        const link = r.data[lookup];
        return (
          link !== null && typeof link === 'object' && (link as Record<string, unknown>).id === id
        );
      });
      return answerPage(c, ctx, found, fields);
    });
}
