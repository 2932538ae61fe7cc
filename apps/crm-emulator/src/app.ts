import type { Database } from 'better-sqlite3';
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { AuthStore } from './auth-store';
import {
  nowSeconds,
  type CallStats,
  type EmulatorContext,
  type EmulatorEnv,
  type EmulatorLimits,
} from './context';
import { controlRoutes } from './control';
import { chargeCredits, CreditMeter, DEFAULT_CREDITS_PER_DAY } from './credits';
import { CustomFields } from './custom-fields';
import { CustomViews } from './custom-views';
import { Faults, injectFaults } from './faults';
import { errorBody, ZohoError } from './errors';
import { metadataRoutes } from './metadata-routes';
import { moduleMetaRoutes } from './module-meta-routes';
import { byIdRoutes } from './by-id-routes';
import { refuseUnknownPaths, refuseUnmatched } from './url-patterns';
import {
  ChannelStore,
  notificationControlRoutes,
  Notifier,
  registerDeliveries,
  watchRoutes,
  type DeliveryOptions,
} from './notifications';
import { oauthRoutes } from './oauth';
import { requireModulePermission } from './profile-permissions';
import { moduleReadRoutes } from './records/related-routes';
import { recordRoutes } from './records/routes';
import { requireScopes } from './scopes';
import { defaultOrg, orgRoutes, type EmulatorOrg } from './org-routes';
import { Store } from './store';
import { taxesRoutes } from './taxes-routes';
import { uiRoutes } from './ui/routes';

export interface EmulatorDeps {
  db: Database;
  clock: () => Date;
  /** The emulator's own URL; token responses name it as `api_domain`. */
  baseUrl: string;
  options?: {
    concurrency?: number;
    org?: Partial<EmulatorOrg>;
    /** Seconds before a written record shows in `/search` (default 0: at once). */
    searchDelaySeconds?: number;
    /** API credits per rolling 24 h (default 50,000). */
    creditsPerDay?: number;
    /** Sends notification callbacks (default: the global `fetch`). */
    fetch?: typeof fetch;
    /** Callback timeout and retries; see `emulatorDeliveries(app).idle()` to await them. */
    notifications?: Omit<DeliveryOptions, 'fetch'>;
  };
}

// `watch`: `/crm/v8/actions/watch` is a route of its own, not a record id of module `actions`.
const recordWords = new Set([
  'upsert',
  'deleted',
  'search',
  'watch',
  'actions',
  'currencies',
  'taxes',
]);

/** `GET /crm/v8/Accounts/123` counts as `GET /crm/v8/Accounts/{id}`. */
function routeKey(method: string, path: string): string {
  const parts = path.split('/');
  if (
    parts[1] === 'crm' &&
    parts[2] === 'v8' &&
    parts[3] !== 'settings' &&
    parts[4] &&
    !recordWords.has(parts[4])
  ) {
    parts[4] = '{id}';
  }
  return `${method} ${parts.join('/')}`;
}

function countCalls(stats: CallStats): MiddlewareHandler {
  return async (c, next) => {
    const key = routeKey(c.req.method, c.req.path);
    stats.set(key, (stats.get(key) ?? 0) + 1);
    await next();
  };
}

/** Zoho refuses requests past the app's concurrency limit with 429 `TOO_MANY_REQUESTS`. */
function limitConcurrency(limit: number, limits: EmulatorLimits): MiddlewareHandler {
  return async (c, next) => {
    if (limits.inFlight >= limit) {
      return c.json(errorBody('TOO_MANY_REQUESTS', 'concurrency limit exceeded', { limit }), 429);
    }
    limits.inFlight++;
    limits.peakInFlight = Math.max(limits.peakInFlight, limits.inFlight);
    try {
      // Handlers run synchronously; one turn of the event loop lets requests that arrived
      // together overlap, as at Zoho, so the limit and the peak can be seen over HTTP.
      await new Promise((resolve) => setImmediate(resolve));
      await next();
    } finally {
      limits.inFlight--;
    }
  };
}

function requireToken(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const match = /^Zoho-oauthtoken\s+(\S+)$/.exec(c.req.header('Authorization') ?? '');
    const userId = match?.[1] ? ctx.auth.userOf(match[1], nowSeconds(ctx)) : undefined;
    if (!userId) return c.json(errorBody('INVALID_TOKEN', 'invalid oauth token'), 401);
    c.set('user', ctx.store.user(userId));
    await next();
  };
}

/**
 * A Zoho CRM v8 wire-compatible emulator: `/oauth/v2/token`, `/crm/v8/*` and the
 * `/__emulator/*` controls, over one SQLite database.
 *
 * @example
 * const app = createEmulator({ db: new Database(':memory:'), clock: () => new Date(), baseUrl: 'http://127.0.0.1:8788' });
 * const res = await app.request('/__emulator/clients', { method: 'POST' });
 */
export function createEmulator(deps: EmulatorDeps): Hono<EmulatorEnv> {
  const store = new Store(deps.db);
  const channels = new ChannelStore(deps.db);
  const notifications = new Notifier({
    store,
    channels,
    clock: deps.clock,
    baseUrl: deps.baseUrl,
    options: { ...deps.options?.notifications, fetch: deps.options?.fetch },
  });
  const ctx: EmulatorContext = {
    store,
    auth: new AuthStore(deps.db),
    clock: deps.clock,
    baseUrl: deps.baseUrl,
    stats: new Map(),
    customFields: new CustomFields(deps.db),
    customViews: new CustomViews(deps.db),
    limits: {
      credits: new CreditMeter(deps.options?.creditsPerDay ?? DEFAULT_CREDITS_PER_DAY),
      faults: new Faults(),
      searchDelaySeconds: deps.options?.searchDelaySeconds ?? 0,
      peakInFlight: 0,
      inFlight: 0,
    },
    notifications,
  };
  const app = new Hono<EmulatorEnv>();
  app.use('*', countCalls(ctx.stats));
  app.route('/oauth/v2', oauthRoutes(ctx));
  app.route('/__emulator', controlRoutes(ctx));
  app.route(
    '/__emulator/notifications',
    notificationControlRoutes({ notifier: notifications, channels, clock: deps.clock }),
  );
  app.use('/crm/*', limitConcurrency(deps.options?.concurrency ?? 10, ctx.limits));
  app.use('/crm/*', requireToken(ctx));
  app.use('/crm/*', requireScopes(ctx));
  // After auth: a refused token costs no credit and meets no injected fault.
  app.use(
    '/crm/*',
    chargeCredits(ctx.limits.credits, () => nowSeconds(ctx)),
  );
  app.use(
    '/crm/*',
    injectFaults(ctx.limits.faults, (c) => routeKey(c.req.method, c.req.path)),
  );
  // A profile without a module's permission is refused before any route reads it.
  app.use('/crm/v8/*', requireModulePermission(ctx));
  // Before the records: `/crm/v8/:module` would otherwise take `/users` and `/org`.
  app.route('/crm/v8', orgRoutes(ctx, { ...defaultOrg, ...deps.options?.org }));
  app.route('/crm/v8', taxesRoutes());
  // Before the metadata: `/:module/:id/:related` would otherwise take `/settings/fields/{id}`.
  app.route('/crm/v8', moduleMetaRoutes(ctx));
  app.route('/crm/v8', byIdRoutes(ctx, { ...defaultOrg, ...deps.options?.org }));
  // Before the records too: `/settings/...` and `/coql`.
  app.route('/crm/v8', metadataRoutes(ctx));
  // Before the records too: `/actions/watch` would otherwise read as module `actions`.
  app.route('/crm/v8', watchRoutes(ctx, channels));
  refuseUnknownPaths(app);
  app.route('/crm/v8', moduleReadRoutes(ctx));
  app.route('/crm/v8', recordRoutes(ctx));
  refuseUnmatched(app);
  // The web UI for a person playing the CRM: `/` and `/ui/...`, nothing under `/crm`.
  app.route('/', uiRoutes(ctx, { ...defaultOrg, ...deps.options?.org }));

  app.onError((err, c) => {
    if (err instanceof ZohoError)
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    return c.json(errorBody('INTERNAL_ERROR', 'Internal Server Error'), 500);
  });
  registerDeliveries(app, notifications);
  return app;
}
