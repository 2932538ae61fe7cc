import type { Context, Hono } from 'hono';
import type { EmulatorEnv } from './context';
import { errorBody } from './errors';

/** Zoho's answer to a path it has no operation for. */
export const invalidUrlPattern = (c: Context) =>
  c.json(
    errorBody('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
    404,
  );

/**
 * Path heads under `/crm/v8` that are never a module: a request under them that no route
 * took is an unknown path (404), not an unknown module (`/settings/nothing` must not be
 * read as the record `nothing` of module `settings`).
 */
const notModules = ['settings', 'org', 'users', 'coql', 'actions'];

/**
 * Answers `INVALID_URL_PATTERN` for paths the routes mounted so far left, and that the
 * record routes mounted next would misread: under a head that is not a module, and a
 * module's `actions` other than those served. Mount it after every fixed route, before
 * the record routes.
 */
export function refuseUnknownPaths(app: Hono<EmulatorEnv>): void {
  for (const head of notModules) {
    app.all(`/crm/v8/${head}`, invalidUrlPattern);
    app.all(`/crm/v8/${head}/*`, invalidUrlPattern);
  }
  app.all('/crm/v8/:module/actions/*', invalidUrlPattern);
}
