import { Hono } from 'hono';
import type { Grant } from './auth-store';
import { ACCESS_TOKEN_SECONDS } from './auth-store';
import { nowSeconds, type EmulatorContext } from './context';

async function tokenParams(req: Request, query: Record<string, string>) {
  const params: Record<string, string> = { ...query };
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await req.formData();
    form.forEach((value, key) => {
      if (typeof value === 'string') params[key] = value;
    });
  }
  return params;
}

/** Zoho's token answer; `scope` names the grant's scopes, separated by spaces. */
function grantBody(ctx: EmulatorContext, grant: Grant & { ok: true }, withRefresh: boolean) {
  return {
    access_token: grant.accessToken,
    ...(withRefresh ? { refresh_token: grant.refreshToken } : {}),
    scope: grant.scopes,
    api_domain: ctx.baseUrl,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_SECONDS,
  };
}

/**
 * Zoho's accounts server: `POST /oauth/v2/token`. Like Zoho, a wrong client or token is
 * answered with HTTP 200 and an `{ error }` body; only the rate refusal is a 400.
 */
export function oauthRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  app.post('/token', async (c) => {
    const p = await tokenParams(c.req.raw, c.req.query());
    const base = {
      clientId: p.client_id ?? '',
      clientSecret: p.client_secret ?? '',
      now: nowSeconds(ctx),
    };
    let grant: Grant;
    if (p.grant_type === 'refresh_token') {
      grant = ctx.auth.refresh({ ...base, refreshToken: p.refresh_token ?? '' });
    } else if (p.grant_type === 'authorization_code') {
      grant = ctx.auth.exchangeCode({ ...base, code: p.code ?? '' });
    } else {
      return c.json({ error: 'unsupported_grant_type' });
    }
    if (grant.ok) return c.json(grantBody(ctx, grant, p.grant_type === 'authorization_code'));
    if (grant.error === 'access_denied') {
      return c.json(
        {
          error_description:
            'You have made too many requests continuously. Please try again after some time.',
          error: 'Access Denied',
          status: 'failure',
        },
        400,
      );
    }
    return c.json({ error: grant.error });
  });
  return app;
}
