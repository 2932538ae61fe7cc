import type { Context, Hono } from 'hono';
import type { EmulatorEnv } from './context';
import { errorBody } from './errors';

/**
 * Path heads under `/crm/v8` that are never a module: a request under them that no route
 * took is an unknown path (404), not an unknown module (`/settings/nothing` must not be
 * read as the record `nothing` of module `settings`).
 */
const notModules = ['settings', 'org', 'users', 'coql', 'actions'];

/** A route path (`/crm/v8/:module/:id`) as a test of request paths. */
function pathTest(routePath: string): RegExp {
  const parts = routePath
    .split('/')
    .map((p) => (p.startsWith(':') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('/')}$`);
}

/**
 * Zoho's answer to a request no route took: a path it serves with other methods is
 * `400 INVALID_REQUEST_METHOD`; any other path `404 INVALID_URL_PATTERN`. A route whose
 * first part is a module does not count under a head that is never a module.
 */
function answerUnmatched(app: Hono<EmulatorEnv>) {
  let routes: { method: string; test: RegExp; moduleFirst: boolean }[] | undefined;
  return (c: Context) => {
    routes ??= app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/crm/v8/'))
      .map((r) => ({
        method: r.method,
        test: pathTest(r.path),
        moduleFirst: r.path.split('/')[3]?.startsWith(':') ?? false,
      }));
    const head = c.req.path.split('/')[3] ?? '';
    const fixedHead = notModules.includes(head);
    const servedOtherwise = routes.some(
      (r) => r.method !== c.req.method && !(fixedHead && r.moduleFirst) && r.test.test(c.req.path),
    );
    if (servedOtherwise) {
      return c.json(
        errorBody('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'),
        400,
      );
    }
    return c.json(
      errorBody('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
      404,
    );
  };
}

/**
 * Answers the paths the routes mounted so far left, and that the record routes mounted
 * next would misread: under a head that is not a module, and a module's `actions` other
 * than those served. Mount it after every fixed route, before the record routes.
 */
export function refuseUnknownPaths(app: Hono<EmulatorEnv>): void {
  const unmatched = answerUnmatched(app);
  for (const head of notModules) {
    app.all(`/crm/v8/${head}`, unmatched);
    app.all(`/crm/v8/${head}/*`, unmatched);
  }
  app.all('/crm/v8/:module/actions/*', unmatched);
}

/** The last answer under `/crm`: mount it after the record routes. */
export function refuseUnmatched(app: Hono<EmulatorEnv>): void {
  app.all('/crm/*', answerUnmatched(app));
}
