import { Hono } from 'hono';
import * as v from 'valibot';
import type { EmulatorContext } from './context';
import { customFieldSchema } from './custom-fields';
import { customViewSchema } from './custom-views';
import { parseFaultRequest } from './faults';
import { moduleFields } from './standard-fields';
import { presentUser, userRequestSchema } from './users';
import {
  findProfile,
  grantRequestSchema,
  presentProfile,
  ProfileGrants,
} from './profile-permissions';
import { moduleNames, moduleSpec } from './modules';
import { seedAccounts } from './seed';
import { nowSeconds } from './context';
import { parseWidgetForm } from './ui/widgets';
import { WidgetStore } from './widgets/store';

/** Scopes as Zoho writes them: `ZohoCRM.{scope_name}.{operation}`. */
const scopesSchema = v.optional(
  v.array(v.pipe(v.string(), v.regex(/^ZohoCRM(\.[A-Za-z_]+)+\.[A-Za-z]+$/i))),
);
const clientRequest = v.object({
  email: v.optional(v.pipe(v.string(), v.email())),
  scopes: scopesSchema,
});
const seedRequest = v.object({ accounts: v.pipe(v.number(), v.integer(), v.minValue(0)) });
const codeRequest = v.object({ client_id: v.string(), scopes: scopesSchema });
const scopesRequest = v.object({ scopes: v.nonOptional(scopesSchema) });

async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `/__emulator/*`: test and demo controls that Zoho itself does not have. */
export function controlRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const invalid = { error: 'INVALID_REQUEST' };

  app.post('/clients', async (c) => {
    const body = v.safeParse(clientRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    const email = body.output.email ?? ctx.store.admin().email;
    const created = ctx.store.transaction(() => {
      const user = ctx.store.findUserByEmail(email) ?? ctx.store.createUser({ email });
      return ctx.auth.createClient(user.id, body.output.scopes);
    });
    return c.json({
      client_id: created.client.client_id,
      client_secret: created.client.client_secret,
      refresh_token: created.refreshToken,
      email,
      scopes: created.client.scopes.split(' '),
    });
  });

  /** Gives a client's grants and their tokens other scopes (`{ scopes: [...] }`). */
  app.put('/clients/:client_id/scopes', async (c) => {
    const body = v.safeParse(scopesRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    return ctx.auth.setScopes(c.req.param('client_id'), body.output.scopes)
      ? c.json({ scopes: body.output.scopes })
      : c.json({ error: 'INVALID_CLIENT' }, 404);
  });

  /** Adds a CRM user (idempotent by email: the same email updates its name and profile). */
  app.post('/users', async (c) => {
    const body = v.safeParse(userRequestSchema, await jsonBody(c.req.raw));
    if (!body.success) {
      const message = body.issues.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`);
      return c.json({ ...invalid, message: message.join('; ') }, 400);
    }
    const { user, created } = ctx.store.saveUser(body.output);
    return c.json(presentUser(user), created ? 201 : 200);
  });

  /** Turns a profile's permissions on one module on or off (`Standard`, or an id). */
  app.put('/profiles/:profile/permissions', async (c) => {
    const profile = findProfile(c.req.param('profile'));
    if (!profile) return c.json({ ...invalid, message: 'no such profile' }, 404);
    const body = v.safeParse(grantRequestSchema, await jsonBody(c.req.raw));
    if (!body.success) {
      const message = body.issues.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`);
      return c.json({ ...invalid, message: message.join('; ') }, 400);
    }
    const grants = new ProfileGrants(ctx.store.db);
    grants.set(profile.id, body.output);
    return c.json(presentProfile(profile, grants));
  });

  /** Sets the Kanjo panel widget as Settings → Widgets does (for `npm start` and e2e). */
  app.put('/widget', async (c) => {
    const body = await jsonBody(c.req.raw);
    const parsed = parseWidgetForm(typeof body === 'object' && body ? { ...body } : {}, undefined);
    if (!parsed.ok) return c.json({ ...invalid, message: parsed.message }, 400);
    new WidgetStore(ctx.store.db).save(parsed.setting);
    return c.json({ panelUrl: parsed.setting.panelUrl, org: parsed.setting.org });
  });

  app.post('/codes', async (c) => {
    const body = v.safeParse(codeRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    const code = ctx.auth.createGrantCode(body.output.client_id, body.output.scopes);
    return code ? c.json({ code }) : c.json({ error: 'INVALID_CLIENT' }, 404);
  });

  app.post('/reset', (c) => {
    ctx.store.reset();
    ctx.stats.clear();
    ctx.limits.credits.reset();
    ctx.limits.faults.clear();
    ctx.limits.faults.resetCounts();
    ctx.limits.peakInFlight = 0;
    ctx.notifications.reset();
    return c.json({ ok: true });
  });

  app.post('/seed', async (c) => {
    const body = v.safeParse(seedRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    const ids = seedAccounts(ctx.store, { count: body.output.accounts, now: nowSeconds(ctx) });
    return c.json({ accounts: ids.length });
  });

  app.get('/stats', (c) =>
    c.json({
      calls: Object.fromEntries(ctx.stats),
      credits: { used: ctx.limits.credits.used(nowSeconds(ctx)), limit: ctx.limits.credits.limit },
      faults: ctx.limits.faults.counts,
      peakInFlight: ctx.limits.peakInFlight,
      inFlight: ctx.limits.inFlight,
    }),
  );

  app.get('/faults', (c) => c.json(ctx.limits.faults.config));
  app.post('/faults', async (c) => {
    const parsed = parseFaultRequest(await jsonBody(c.req.raw));
    if (!parsed.ok) return c.json({ ...invalid, message: parsed.message }, 400);
    ctx.limits.faults.set(parsed.value);
    return c.json(parsed.value);
  });
  app.delete('/faults', (c) => {
    ctx.limits.faults.clear();
    return c.json({ rules: [] });
  });

  app.post('/fields', async (c) => {
    const body = v.safeParse(customFieldSchema, await jsonBody(c.req.raw));
    if (!body.success) {
      const message = body.issues.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`);
      return c.json({ ...invalid, message: message.join('; ') }, 400);
    }
    const name = moduleNames.find((m) => m.toLowerCase() === body.output.module.toLowerCase());
    if (!name) return c.json({ ...invalid, message: `no module ${body.output.module}` }, 400);
    if (moduleFields(moduleSpec(name)).some((f) => f.apiName === body.output.api_name)) {
      return c.json({ ...invalid, message: `${body.output.api_name} is a standard field` }, 400);
    }
    const field = ctx.customFields.add(name, body.output);
    return c.json({ module: name, field }, 201);
  });

  /** Makes a view of all the module's records, as an admin would in the CRM's list view. */
  app.post('/views', async (c) => {
    const body = v.safeParse(customViewSchema, await jsonBody(c.req.raw));
    if (!body.success) {
      const message = body.issues.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`);
      return c.json({ ...invalid, message: message.join('; ') }, 400);
    }
    const name = moduleNames.find((m) => m.toLowerCase() === body.output.module.toLowerCase());
    if (!name) return c.json({ ...invalid, message: `no module ${body.output.module}` }, 400);
    const view = ctx.customViews.add(name, ctx.store.nextId(), body.output.name);
    return c.json({ module: name, id: view.id, name: view.name }, 201);
  });

  /** Deletes a view an admin made; list requests naming it are then refused. */
  app.delete('/views/:id', (c) =>
    ctx.customViews.remove(c.req.param('id'))
      ? c.json({ ok: true })
      : c.json({ error: 'NOT_FOUND', message: 'no such custom view' }, 404),
  );
  return app;
}
