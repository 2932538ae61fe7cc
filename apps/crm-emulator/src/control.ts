import { Hono } from 'hono';
import * as v from 'valibot';
import type { EmulatorContext } from './context';
import { seedAccounts } from './seed';
import { nowSeconds } from './context';

const clientRequest = v.object({ email: v.optional(v.pipe(v.string(), v.email())) });
const seedRequest = v.object({ accounts: v.pipe(v.number(), v.integer(), v.minValue(0)) });
const codeRequest = v.object({ client_id: v.string() });

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
      const user = ctx.store.findUserByEmail(email) ?? ctx.store.createUser(email);
      return ctx.auth.createClient(user.id);
    });
    return c.json({
      client_id: created.client.client_id,
      client_secret: created.client.client_secret,
      refresh_token: created.refreshToken,
      email,
    });
  });

  app.post('/codes', async (c) => {
    const body = v.safeParse(codeRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    const code = ctx.auth.createGrantCode(body.output.client_id);
    return code ? c.json({ code }) : c.json({ error: 'INVALID_CLIENT' }, 404);
  });

  app.post('/reset', (c) => {
    ctx.store.reset();
    ctx.stats.clear();
    return c.json({ ok: true });
  });

  app.post('/seed', async (c) => {
    const body = v.safeParse(seedRequest, await jsonBody(c.req.raw));
    if (!body.success) return c.json(invalid, 400);
    const ids = seedAccounts(ctx.store, { count: body.output.accounts, now: nowSeconds(ctx) });
    return c.json({ accounts: ids.length });
  });

  app.get('/stats', (c) => c.json({ calls: Object.fromEntries(ctx.stats) }));
  return app;
}
