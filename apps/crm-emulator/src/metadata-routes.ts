import type { Context } from 'hono';
import { Hono } from 'hono';
import * as v from 'valibot';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from './context';
import { runQuery, storeQuerySource } from './coql-run';
import { coqlCost } from './credits';
import { allFields } from './custom-fields';
import { ZohoError } from './errors';
import { metaId, moduleViews, presentField, presentView, profiles } from './metadata';
import { moduleNames, moduleSpec, type ModuleSpec } from './modules';
import { presentProfile, ProfileGrants } from './profile-permissions';
import { MAX_FIELDS, MAX_PER_PAGE } from './records/list';
import { presentRecord } from './records/present';
import { matchesSearch, parseSearchQuery, SEARCH_REACH } from './records/search';
import type { StoredRecord } from './store';

const missing = (param: string) =>
  new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
    param_name: param,
  });

function moduleParam(c: Context<EmulatorEnv>): { spec: ModuleSpec; index: number } {
  const name = c.req.query('module');
  if (!name) throw missing('module');
  const spec = moduleSpec(name);
  return { spec, index: moduleNames.indexOf(spec.apiName) };
}

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
    if (required) throw missing('fields');
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
    throw new ZohoError('LIMIT_REACHED', `search reaches at most ${reach} records`, 400, {
      limit: reach,
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
const relatedLists: Record<string, Record<string, string>> = {
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

const coqlRequest = v.object({ select_query: v.pipe(v.string(), v.minLength(1)) });

/** One entry of `/settings/related_lists`; `href` is the path of the related records. */
function presentRelatedList(spec: ModuleSpec, name: string, n: number, sequence: number) {
  const label = name.replace(/_/g, ' ');
  return {
    id: metaId(70000 + n),
    sequence_number: String(sequence + 1),
    display_label: label,
    api_name: name,
    module: { api_name: name, id: metaId(90000 + moduleNames.indexOf(name)) },
    name: label,
    type: 'default',
    visible: true,
    action: null,
    href: `${spec.apiName}/{ENTITYID}/${name}`,
  };
}

/**
 * `GET /settings/fields`, `/settings/related_lists`, `/settings/custom_views`,
 * `/settings/profiles` (and one with its permissions), `POST /coql`, `GET /{module}/search` and
 * `GET /{module}/{id}/{related list}`; mounted before the record routes.
 */
export function metadataRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>()
    .get('/settings/fields', (c) => {
      const { spec, index } = moduleParam(c);
      return c.json({
        fields: allFields(spec, ctx.customFields).map((field, i) =>
          presentField(spec, field, i, index),
        ),
      });
    })
    .get('/settings/related_lists', (c) => {
      const { spec, index } = moduleParam(c);
      const names = Object.keys(relatedLists[spec.apiName] ?? {});
      return c.json({
        related_lists: names.map((name, i) => presentRelatedList(spec, name, index * 10 + i, i)),
      });
    })
    .post('/coql', async (c) => {
      const body = v.safeParse(coqlRequest, await c.req.json<unknown>().catch(() => undefined));
      if (!body.success) throw missing('select_query');
      const result = runQuery(body.output.select_query, storeQuerySource(ctx));
      // The credit middleware charged one; a larger LIMIT costs more, as in Zoho.
      ctx.limits.credits.charge(nowSeconds(ctx), coqlCost(result.limit) - 1);
      if (result.rows.length === 0) return c.body(null, 204);
      return c.json({
        data: result.rows,
        info: { count: result.rows.length, more_records: result.more },
      });
    })
    .get('/settings/custom_views', (c) => {
      const { spec, index } = moduleParam(c);
      const views = [
        ...moduleViews(index, spec.apiName),
        ...ctx.customViews.list(spec.apiName),
      ].map(presentView);
      return c.json({
        custom_views: views,
        info: {
          per_page: views.length,
          count: views.length,
          page: 1,
          more_records: false,
          default: views.find((v) => v.default)?.id ?? null,
        },
      });
    })
    .get('/settings/profiles', (c) => c.json({ profiles }))
    .get('/settings/profiles/:id', (c) => {
      const profile = profiles.find((p) => p.id === c.req.param('id'));
      if (!profile) {
        throw new ZohoError('INVALID_DATA', 'the id given seems to be invalid', 400, {
          resource_path_index: 2,
        });
      }
      return c.json(presentProfile(profile, new ProfileGrants(ctx.store.db)));
    })
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
