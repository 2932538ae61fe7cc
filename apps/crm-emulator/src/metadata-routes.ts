import { Hono } from 'hono';
import * as v from 'valibot';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from './context';
import { runQuery, storeQuerySource } from './coql-run';
import { coqlCost } from './credits';
import { allFields } from './custom-fields';
import { ZohoError } from './errors';
import { missingParam, queryModule } from './query-params';
import { relatedLists } from './records/related-routes';
import { viewTranslation } from './by-id-routes';
import { metaId, moduleViews, presentField, presentView, profiles } from './metadata';
import { moduleNames, type ModuleSpec } from './modules';
import { presentProfile, ProfileGrants } from './profile-permissions';

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
    status: 'visible',
    customize_sort: false,
    customize_fields: false,
    customize_display_label: false,
    sort_by: null,
    sort_order: null,
  };
}

/**
 * `GET /settings/fields`, `/settings/related_lists`, `/settings/custom_views`,
 * `/settings/profiles` (and one with its permissions) and `POST /coql`; mounted before the
 * record routes.
 */
export function metadataRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>()
    .get('/settings/fields', (c) => {
      const { spec, index } = queryModule(c);
      return c.json({
        fields: allFields(spec, ctx.customFields).map((field, i) =>
          presentField(spec, field, i, index),
        ),
      });
    })
    .get('/settings/related_lists', (c) => {
      const { spec, index } = queryModule(c);
      const names = Object.keys(relatedLists[spec.apiName] ?? {});
      return c.json({
        related_lists: names.map((name, i) => presentRelatedList(spec, name, index * 10 + i, i)),
      });
    })
    .post('/coql', async (c) => {
      const body = v.safeParse(coqlRequest, await c.req.json<unknown>().catch(() => undefined));
      if (!body.success) throw missingParam('select_query');
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
      const { spec, index } = queryModule(c);
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
          translation: viewTranslation,
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
    });
}
