import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { EmulatorContext } from '../context';
import { allFields } from '../custom-fields';
import { lineItemsField } from '../inventory/document';
import { lineEntry, lineItemsSection, parseNewLine } from '../inventory/ui';
import { moduleSpec } from '../modules';
import type { StoredRecord } from '../store';
import type { Choice, FormValues } from './form';
import { parseForm } from './form';
import { messagePage, type Html } from './layout';
import { dashboardPage, listPage, recordTable } from './list';
import { findPage, lookupChoices, related } from './query';
import { recordPage } from './record';
import { deleteRecord, saveRecord } from './save';
import { nowSeconds } from '../context';
import { WidgetStore } from '../widgets/store';
import { actingUser } from './acting';
import { panelSection, parseWidgetForm, widgetSettingsPage } from './widgets';
import {
  recordName,
  uiModule,
  uiModuleOf,
  uiModules,
  uiRelatedLists,
  type UiModule,
} from './ui-modules';

const notices: Record<string, string> = {
  created: 'Record created.',
  saved: 'Changes saved.',
  stage: 'Stage updated.',
  deleted: 'Record deleted.',
  widget: 'Widget saved.',
};

/** A new related record's prefill: its parent, and a deal's account along with the deal. */
function newRelatedQuery(module: UiModule, record: StoredRecord, field: string): string {
  const query = new URLSearchParams({ [field]: record.id });
  const account = record.data.Account_Name;
  if (module.apiName === 'Deals' && typeof account === 'object' && account && 'id' in account) {
    query.set('Account_Name', String(account.id));
  }
  return query.toString();
}

/**
 * The emulator's web UI, so a person can play the CRM in the demo: `/` and `/ui/{module}/...`.
 * Every write goes through the REST API's writers as the CRM admin; POSTs must be same-origin.
 *
 * @example
 * app.route('/', uiRoutes(ctx, { companyName: 'Kanjo Demo CRM' }));
 */
export function uiRoutes(ctx: EmulatorContext, org: { companyName: string }): Hono {
  const app = new Hono();
  // Scoped to /ui: the OAuth token endpoint takes cross-site form posts by design.
  app.use('/ui/*', csrf());
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) {
      return c.html(messagePage('Forbidden', 'Cross-site form posts are refused.'), 403);
    }
    return c.html(messagePage('Something went wrong', err.message), 500);
  });

  const notFound = (c: Context, what: string) => c.html(messagePage('Not found', what), 404);
  const notice = (c: Context) => notices[c.req.query('notice') ?? ''];

  const choices = (module: UiModule) => {
    const map = new Map<string, Choice[]>();
    for (const field of allFields(moduleSpec(module.apiName), ctx.customFields)) {
      const target = field.lookupModule && uiModuleOf(field.lookupModule);
      const records = target && lookupChoices(ctx.store, target.apiName);
      if (target && records)
        map.set(
          field.apiName,
          records.map((r) => ({ id: r.id, name: recordName(target, r) })),
        );
    }
    return map;
  };

  /** An account's contacts, deals and documents; a deal's documents (see uiRelatedLists). */
  const relatedLists = (module: UiModule, record: StoredRecord): Html | undefined => {
    const lists = uiRelatedLists[module.apiName];
    if (!lists) return undefined;
    return html`${lists.map((list) => {
      const m = uiModule(list.slug);
      if (!m) return '';
      const rows = related(ctx.store, m.apiName, list.field, record.id);
      const add = `/ui/${m.slug}/new?${newRelatedQuery(module, record, list.field)}`;
      const id = `related-${m.slug}`;
      return html`<section aria-labelledby="${id}">
        <div class="bar">
          <h2 id="${id}">${m.plural}</h2>
          <a class="btn" href="${add}">New ${m.singular.toLowerCase()}</a>
        </div>
        ${recordTable(m, rows)}
      </section>`;
    })}`;
  };

  const page = (
    module: UiModule,
    values: FormValues,
    extra: {
      record?: StoredRecord;
      error?: { message: string; field?: string };
      notice?: string;
      widget?: Html;
    },
  ) => {
    const spec = moduleSpec(module.apiName);
    const { record } = extra;
    const items = lineItemsField(module.apiName);
    const products = lookupChoices(ctx.store, 'Products')?.map((p) => ({
      id: p.id,
      name: String(p.data.Product_Name ?? p.id),
    }));
    return recordPage({
      lines: items && record ? lineItemsSection(items, record.data) : undefined,
      lineEntry: items ? lineEntry(products, !record) : undefined,
      module,
      fields: allFields(spec, ctx.customFields),
      mandatory: spec.mandatory,
      values,
      choices: choices(module),
      ownerName: record && ctx.store.user(record.ownerId).name,
      related: record && relatedLists(module, record),
      ...extra,
    });
  };

  const formOf = async (c: Context) => (await c.req.parseBody()) as FormValues;
  /** A submitted record form as the REST writers take it; an inventory form adds its line. */
  const inputOf = (module: UiModule, form: FormValues) => {
    const input = parseForm(allFields(moduleSpec(module.apiName), ctx.customFields), form);
    const items = lineItemsField(module.apiName);
    const line = parseNewLine(form);
    if (items && line) input[items] = [line];
    return input;
  };
  const widgets = new WidgetStore(ctx.store.db);

  // Before `/ui/:module…`, which would read `settings` as a module.
  app.get('/ui/settings/widgets', (c) => {
    const acting = actingUser(c, ctx.store);
    const users = ctx.store.listUsers();
    return c.html(widgetSettingsPage({ setting: widgets.get(), notice: notice(c), acting, users }));
  });

  app.post('/ui/settings/widgets', async (c) => {
    const form = await formOf(c);
    const parsed = parseWidgetForm(form, widgets.get());
    if (!parsed.ok) {
      const values = { panelUrl: String(form.panelUrl ?? ''), org: String(form.org ?? '') };
      const acting = actingUser(c, ctx.store);
      const page = widgetSettingsPage({
        setting: widgets.get(),
        values,
        error: parsed.message,
        acting,
        users: ctx.store.listUsers(),
      });
      return c.html(page, 400);
    }
    widgets.save(parsed.setting);
    return c.redirect('/ui/settings/widgets?notice=widget', 303);
  });

  app.get('/', (c) => {
    const counts = new Map(uiModules.map((m) => [m.apiName, ctx.store.count(m.apiName)]));
    return c.html(dashboardPage({ orgName: org.companyName, baseUrl: ctx.baseUrl, counts }));
  });

  app.get('/ui/:module', (c) => {
    const module = uiModule(c.req.param('module'));
    if (!module) return notFound(c, 'There is no such module.');
    const q = c.req.query('q') ?? '';
    const pageNo = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const found = findPage({ store: ctx.store, module, q, page: pageNo });
    return c.html(listPage({ module, ...found, q, page: pageNo, notice: notice(c) }));
  });

  app.get('/ui/:module/new', (c) => {
    const module = uiModule(c.req.param('module'));
    if (!module) return notFound(c, 'There is no such module.');
    // Query parameters prefill the form, e.g. a new contact of an account.
    return c.html(page(module, c.req.query(), {}));
  });

  app.post('/ui/:module', async (c) => {
    const module = uiModule(c.req.param('module'));
    if (!module) return notFound(c, 'There is no such module.');
    const form = await formOf(c);
    const result = saveRecord({ ctx, module, input: inputOf(module, form) });
    if (!result.ok) return c.html(page(module, form, { error: result }), 400);
    return c.redirect(`/ui/${module.slug}/${result.id}?notice=created`, 303);
  });

  /** The module and stored record a `/ui/:module/:id...` URL names, or undefined. */
  const target = (c: Context) => {
    const module = uiModule(c.req.param('module') ?? '');
    const record = module && ctx.store.get(module.apiName, c.req.param('id') ?? '');
    return module && record ? { module, record } : undefined;
  };

  app.get('/ui/:module/:id', (c) => {
    const found = target(c);
    if (!found) return notFound(c, 'There is no such record; it may have been deleted.');
    const { module, record } = found;
    const widget = panelSection({
      module,
      record,
      setting: widgets.get(),
      acting: actingUser(c, ctx.store),
      users: ctx.store.listUsers(),
      nowSeconds: nowSeconds(ctx),
    });
    return c.html(page(module, record.data, { record, notice: notice(c), widget }));
  });

  app.post('/ui/:module/:id', async (c) => {
    const found = target(c);
    if (!found) return notFound(c, 'There is no such record; it may have been deleted.');
    const { module, record } = found;
    const form = await formOf(c);
    const result = saveRecord({ ctx, module, id: record.id, input: inputOf(module, form) });
    if (!result.ok) return c.html(page(module, form, { record, error: result }), 400);
    return c.redirect(`/ui/${module.slug}/${record.id}?notice=saved`, 303);
  });

  app.post('/ui/:module/:id/stage', async (c) => {
    const found = target(c);
    if (!found || found.module.apiName !== 'Deals') return notFound(c, 'There is no such deal.');
    const { module, record } = found;
    const stage = (await formOf(c)).Stage;
    const result = saveRecord({ ctx, module, id: record.id, input: { Stage: stage } });
    if (!result.ok) return c.html(page(module, record.data, { record, error: result }), 400);
    return c.redirect(`/ui/${module.slug}/${record.id}?notice=stage`, 303);
  });

  app.post('/ui/:module/:id/delete', (c) => {
    const found = target(c);
    if (!found) return notFound(c, 'There is no such record; it may have been deleted.');
    deleteRecord({ ctx, module: found.module, id: found.record.id });
    return c.redirect(`/ui/${found.module.slug}?notice=deleted`, 303);
  });

  return app;
}
