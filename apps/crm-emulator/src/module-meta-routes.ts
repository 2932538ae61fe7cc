import { Hono } from 'hono';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from './context';
import { allFields } from './custom-fields';
import { ZohoError } from './errors';
import { presentField, profiles, viewFilter } from './metadata';
import {
  moduleId,
  layoutId,
  presentLayout,
  presentModule,
  presentModuleDetail,
} from './module-meta';
import { moduleNames, moduleSpec, type ModuleSpec } from './modules';
import { ProfileGrants } from './profile-permissions';
import { pathId, queryModule } from './query-params';
import { presentRecord } from './records/present';
import { matchesSearch, parseSearchQuery } from './records/search';

const moduleStatuses = ['visible', 'scheduled_for_deletion', 'user_hidden', 'system_hidden'];
const searchParams = ['criteria', 'email', 'phone', 'word'] as const;

/** The module `/settings/modules/{api_name or id}` names, or Zoho's refusal. */
function moduleByKey(key: string): ModuleSpec {
  const apiName = moduleNames.find(
    (m) => m.toLowerCase() === key.toLowerCase() || moduleId(m) === key,
  );
  if (!apiName) {
    throw new ZohoError('INVALID_MODULE', 'the module name given seems to be invalid', 400, {
      resource_path_index: 2,
    });
  }
  return moduleSpec(apiName);
}

/** How many of a module's records `GET /{module}/actions/count` counts: all, a view's or a search's. */
function countRecords(
  ctx: EmulatorContext,
  spec: ModuleSpec,
  query: Record<string, string>,
  userId: string,
): number {
  const searching = searchParams.filter((p) => query[p] !== undefined);
  if (query.cvid !== undefined && searching.length > 0) {
    throw new ZohoError(
      'AMBIGUITY_DURING_PROCESSING',
      'Please use either Cvid or Search Params. Combination of both the params is not allowed',
      400,
      { ambiguity_due_to: ['cvid', ...searching].map((p) => ({ param_name: p })) },
    );
  }
  const records = ctx.store.all(spec.apiName);
  if (query.cvid !== undefined) {
    const index = moduleNames.indexOf(spec.apiName);
    const custom = ctx.customViews.list(spec.apiName);
    const view = viewFilter(index, spec.apiName, query.cvid, userId, nowSeconds(ctx), custom);
    return records
      .filter((r) => view.ownerId === undefined || r.ownerId === view.ownerId)
      .filter((r) => view.createdAfter === undefined || r.createdTime > view.createdAfter).length;
  }
  if (searching.length === 0) return records.length;
  const search = parseSearchQuery(query);
  const fields = allFields(spec, ctx.customFields);
  return records.filter((r) => matchesSearch(presentRecord(ctx.store, r), search, fields)).length;
}

/**
 * `GET /settings/modules` (and one module by API name or id), `/settings/layouts` (and one
 * by id), `/settings/fields/{id}` and `GET /{module}/actions/count`.
 */
export function moduleMetaRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const grants = new ProfileGrants(ctx.store.db);
  const viewers = (module: string) =>
    profiles.filter((p) => grants.enabled(p.id, module, 'View')).map((p) => p.id);
  return new Hono<EmulatorEnv>()
    .get('/settings/modules', (c) => {
      const status = c.req.query('status');
      if (status !== undefined && !moduleStatuses.includes(status)) {
        throw new ZohoError('INVALID_DATA', 'the given status seems to be invalid', 400, {
          param_name: 'status',
          supported_values: moduleStatuses,
        });
      }
      // Every emulated module is visible: asking for hidden or deleted ones finds none.
      if (status !== undefined && status !== 'visible') return c.body(null, 204);
      const modules = moduleNames.map((name) => presentModule(moduleSpec(name), viewers(name)));
      return c.json({ modules });
    })
    .get('/settings/modules/:key', (c) => {
      const spec = moduleByKey(c.req.param('key'));
      const fields = allFields(spec, ctx.customFields);
      return c.json({
        modules: [presentModuleDetail(spec, viewers(spec.apiName), fields)],
      });
    })
    .get('/settings/layouts', (c) => {
      const { spec } = queryModule(c);
      return c.json({ layouts: [presentLayout(spec, allFields(spec, ctx.customFields))] });
    })
    .get('/settings/layouts/:id', (c) => {
      const id = pathId(c.req.param('id'), 2);
      const { spec } = queryModule(c);
      if (id !== layoutId(spec.apiName)) return c.body(null, 204);
      return c.json({ layouts: [presentLayout(spec, allFields(spec, ctx.customFields))] });
    })
    .get('/settings/fields/:id', (c) => {
      const id = pathId(c.req.param('id'), 2);
      const { spec, index } = queryModule(c);
      const fields = allFields(spec, ctx.customFields).map((field, i) =>
        presentField(spec, field, i, index),
      );
      const field = fields.find((f) => f.id === id);
      return field ? c.json({ fields: [field] }) : c.body(null, 204);
    })
    .get('/:module/actions/count', (c) => {
      const spec = moduleSpec(c.req.param('module'));
      return c.json({ count: countRecords(ctx, spec, c.req.query(), c.get('user').id) });
    });
}
