import { Hono } from 'hono';
import type { EmulatorContext, EmulatorEnv } from './context';
import { BASE_CURRENCY_ID, presentCurrency } from './currencies';
import { ZohoError } from './errors';
import { moduleViews, presentView, type ViewSpec } from './metadata';
import { moduleId } from './module-meta';
import type { EmulatorOrg } from './org-routes';
import { pathId, queryModule } from './query-params';
import { presentUser } from './users';

/** The categories Zoho sorts views into, with their labels (`info.translation`). */
export const viewTranslation = {
  public_views: 'Public Views',
  other_users_views: "Other Users' Views",
  shared_with_me: 'Shared With Me',
  created_by_me: 'Created By Me',
};

/** One view as `GET /settings/custom_views/{id}` answers it: the list's fields and its details. */
function presentViewDetail(view: ViewSpec, module: string, admin: { name: string; id: string }) {
  const system = view.systemDefined !== false;
  return {
    ...presentView(view),
    category: system ? 'public_views' : 'created_by_me',
    module: { api_name: module, id: moduleId(module) },
    created_by: system ? null : { name: admin.name, id: admin.id },
    modified_by: null,
    created_time: null,
    modified_time: null,
    last_accessed_time: null,
    locked: false,
    favorite: null,
    offline: true,
    access_type: 'public',
    shared_to: [],
    fields: [],
    sort_by: null,
    sort_order: null,
  };
}

/**
 * Single reads by id: `GET /settings/custom_views/{id}?module=`, `GET /users/{id}` and
 * `GET /org/currencies/{id}`. An id that is not digits is `INVALID_DATA` naming its path
 * part; a well-formed id of no user or currency is 204, of no view of the module
 * `INVALID_DATA`, as Zoho's specification lists them.
 */
export function byIdRoutes(ctx: EmulatorContext, org: EmulatorOrg): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>()
    .get('/settings/custom_views/:id', (c) => {
      const id = pathId(c.req.param('id'), 2);
      const { spec, index } = queryModule(c);
      const views = [...moduleViews(index, spec.apiName), ...ctx.customViews.list(spec.apiName)];
      const view = views.find((v) => v.id === id);
      if (!view) {
        throw new ZohoError('INVALID_DATA', 'the id given seems to be invalid', 400, {
          resource_path_index: 2,
        });
      }
      return c.json({
        custom_views: [presentViewDetail(view, spec.apiName, ctx.store.admin())],
        info: {
          per_page: 1,
          count: 1,
          page: 1,
          more_records: false,
          default: views.find((v) => presentView(v).default)?.id ?? null,
          translation: viewTranslation,
        },
      });
    })
    .get('/users/:id', (c) => {
      const id = pathId(c.req.param('id'), 1);
      const user = ctx.store.listUsers().find((u) => u.id === id);
      if (!user) return c.body(null, 204);
      return c.json({
        users: [presentUser(user)],
        info: { per_page: 200, count: 1, page: 1, more_records: false },
      });
    })
    .get('/org/currencies/:id', (c) => {
      const id = pathId(c.req.param('id'), 2);
      if (id !== BASE_CURRENCY_ID) return c.body(null, 204);
      return c.json({ currencies: [presentCurrency(org, ctx.store.admin())] });
    });
}
