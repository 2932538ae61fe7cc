import { Hono } from 'hono';
import type { Context } from 'hono';
import type { FetchLike } from '../oauth.js';

/**
 * A tiny scripted Zoho (accounts + API) for unit tests of retry, paging and
 * batching logic. Shapes are those of docs/zoho.md. Tests push
 * one-shot answers onto `script` to inject 429s, 500s and the like.
 */
export interface FakeZoho {
  app: Hono;
  fetch: FetchLike;
  accountsUrl: string;
  apiDomain: string;
  state: {
    refreshes: number;
    validTokens: Set<string>;
    inFlight: number;
    maxInFlight: number;
    requests: string[];
    /** One-shot responders tried before the normal routes (FIFO). */
    script: Array<(c: Context) => Response | undefined>;
    records: Array<Record<string, unknown>>;
    apiDelayMs: number;
  };
}

export const FAKE_SECRET = 'fake-secret';
const ACCOUNTS = 'https://accounts.fake.test';
const API = 'https://www.fakeapis.test';

const invalidToken = {
  code: 'INVALID_TOKEN',
  details: {},
  message: 'invalid oauth token',
  status: 'error',
};

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createFakeZoho(): FakeZoho {
  const state: FakeZoho['state'] = {
    refreshes: 0,
    validTokens: new Set(),
    inFlight: 0,
    maxInFlight: 0,
    requests: [],
    script: [],
    records: [],
    apiDelayMs: 0,
  };
  const app = new Hono();

  app.post('/oauth/v2/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    state.refreshes += 1;
    await wait(5);
    if (form.get('client_secret') !== FAKE_SECRET) return c.json({ error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code' && form.get('code') !== 'good-code') {
      return c.json({ error: 'invalid_code' });
    }
    const token = `tok-${state.refreshes}`;
    state.validTokens.add(token);
    const refresh =
      form.get('grant_type') === 'authorization_code' ? { refresh_token: 'rt-new' } : {};
    return c.json({
      access_token: token,
      expires_in: 3600,
      api_domain: API,
      token_type: 'Bearer',
      ...refresh,
    });
  });

  app.use('/crm/v8/*', async (c, next) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      const url = new URL(c.req.url);
      state.requests.push(`${c.req.method} ${url.pathname}${url.search}`);
      if (state.apiDelayMs > 0) await wait(state.apiDelayMs);
      const token = (c.req.header('authorization') ?? '').replace('Zoho-oauthtoken ', '');
      if (!state.validTokens.has(token)) {
        return c.json(invalidToken, 401);
      }
      const scripted = state.script.shift()?.(c);
      if (scripted) return scripted;
      await next();
      return undefined;
    } finally {
      state.inFlight -= 1;
    }
  });

  app.get('/crm/v8/org', (c) =>
    c.json({ org: [{ id: 'org1', company_name: 'Kanjo Test', iso_code: 'INR' }] }),
  );

  app.get('/crm/v8/Contacts', (c) => {
    const q = c.req.query();
    const perPage = Number(q.per_page ?? 200);
    if (q.page && q.page_token) {
      return c.json(
        {
          code: 'AMBIGUITY_DURING_PROCESSING',
          details: {},
          message: 'page and page_token',
          status: 'error',
        },
        400,
      );
    }
    const offset = q.page_token
      ? Number(q.page_token.replace('tok-offset-', ''))
      : (Number(q.page ?? 1) - 1) * perPage;
    if (!q.page_token && offset + perPage > 2000) {
      return c.json(
        {
          code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
          details: {},
          message: 'use page_token',
          status: 'error',
        },
        400,
      );
    }
    const data = state.records.slice(offset, offset + perPage);
    if (data.length === 0) return c.body(null, 204);
    const more = offset + perPage < state.records.length;
    return c.json({
      data,
      info: {
        per_page: perPage,
        count: data.length,
        page: q.page ? Number(q.page) : undefined,
        more_records: more,
        next_page_token: more ? `tok-offset-${offset + perPage}` : null,
      },
    });
  });

  app.post('/crm/v8/Contacts', async (c) => {
    const { data } = (await c.req.json()) as { data: Array<Record<string, unknown>> };
    let failed = 0;
    const items = data.map((record, i) => {
      const duplicate = state.records.find(
        (r) => r.Email !== undefined && r.Email === record.Email,
      );
      if (duplicate) {
        failed += 1;
        return {
          code: 'DUPLICATE_DATA',
          details: { api_name: 'Email', json_path: `$.data[${i}].Email`, id: duplicate.id },
          message: 'duplicate data',
          status: 'error',
        };
      }
      const id = String(1000 + state.records.length);
      state.records.push({ ...record, id });
      return {
        code: 'SUCCESS',
        details: {
          id,
          Created_Time: '2026-01-15T15:26:49+05:30',
          Modified_Time: '2026-01-15T15:26:49+05:30',
        },
        message: 'record added',
        status: 'success',
      };
    });
    const status = failed === 0 ? 201 : failed === data.length ? 400 : 207;
    return c.json({ data: items }, status);
  });

  const fetch: FetchLike = async (input, init) => app.request(input, init);
  return { app, fetch, accountsUrl: ACCOUNTS, apiDomain: API, state };
}
