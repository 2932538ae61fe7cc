import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { notFound } from '../../errors';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { limitQuerySchema, parseWith, readBody } from '../../http/validate';
import { loadLink } from './links-store';
import { CrmSyncRunner, syncRunning, type RunRequest } from './run';
import { listRunItems, listRuns, loadRun } from './run-store';

const syncBodySchema = v.strictObject({ dryRun: v.optional(v.boolean(), false) });
const runsQuerySchema = v.object({ limit: limitQuerySchema(100), cursor: v.optional(v.string()) });
const itemsQuerySchema = v.object({
  limit: limitQuerySchema(500),
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number))),
});

const tags = ['CRM sync'];
const refusals = {
  404: jsonResponse('CRM_NOT_CONNECTED, or no such record/link', errorResponseSchema),
  409: jsonResponse(
    'CRM_DISABLED, CRM_SYNC_PAUSED, CRM_SYNC_RUNNING, or CRM_NOT_SET_UP (the sync rules were never saved; a dry run is allowed)',
    errorResponseSchema,
  ),
};

/**
 * The reconciler's API: start a run or a dry run, read the history,
 * re-sync one record. Mounted at `/api`, after the resource routes, so the
 * resync routes get their auth.
 */
export function crmSyncRoutes({ runner = new CrmSyncRunner() }: { runner?: CrmSyncRunner }) {
  const request = (c: Context<AppEnv>, rest: Pick<RunRequest, 'trigger' | 'dryRun' | 'only'>) => ({
    deps: c.var.deps,
    organizationId: c.var.user.organizationId,
    ...rest,
  });

  const resync = (entity: 'customer' | 'item') => async (c: Context<AppEnv>) => {
    const localId = c.req.param('id') ?? '';
    const { db } = c.var.deps;
    const link = await loadLink(db, c.var.user.organizationId, entity, localId);
    if (!link) throw notFound(`Link of ${entity}`);
    const started = await runner.start(
      request(c, { trigger: 'resync', only: { entity, localId } }),
    );
    if (started.alreadyRunning) throw syncRunning(started.runId);
    await started.done;
    const run = await loadRun(db, c.var.user.organizationId, started.runId);
    const { items } = await listRunItems(db, c.var.user.organizationId, started.runId, {
      limit: 100,
      after: 0,
    });
    return c.json({ run, items });
  };

  return new Hono<AppEnv>()
    .post(
      '/crm/sync',
      documented({
        summary: 'Sync now (or preview with dryRun): starts a run in the background',
        tags,
        body: syncBodySchema,
        responses: { 202: jsonResponse('Started: { runId }'), ...refusals },
      }),
      requireRole('owner', 'admin'),
      async (c) => {
        const body = await readBody(c, syncBodySchema);
        const started = await runner.start(request(c, { trigger: 'manual', dryRun: body.dryRun }));
        if (started.alreadyRunning) throw syncRunning(started.runId);
        started.done.catch((error: unknown) =>
          c.var.deps.log.error('CRM sync run crashed', { error: String(error) }),
        );
        return c.json({ runId: started.runId }, 202);
      },
    )
    .get(
      '/crm/runs',
      documented({
        summary: 'The sync history, newest first',
        tags,
        responses: { 200: jsonResponse('{ runs, nextCursor, running }') },
      }),
      async (c) => {
        const query = parseWith(runsQuerySchema, c.req.query());
        const organizationId = c.var.user.organizationId;
        const page = await listRuns(c.var.deps.db, organizationId, {
          limit: query.limit ?? 20,
          cursor: query.cursor,
        });
        return c.json({
          ...page,
          running: (await runner.currentAnywhere(c.var.deps.db, organizationId)) ?? null,
        });
      },
    )
    .get(
      '/crm/runs/:id',
      documented({
        summary: 'One run with its records (paged by seq)',
        tags,
        responses: { 200: jsonResponse('{ run, items, nextAfter }'), 404: refusals[404] },
      }),
      async (c) => {
        const query = parseWith(itemsQuerySchema, c.req.query());
        const organizationId = c.var.user.organizationId;
        const run = await loadRun(c.var.deps.db, organizationId, c.req.param('id'));
        if (!run) throw notFound('Run');
        const page = await listRunItems(c.var.deps.db, organizationId, run.id, {
          limit: query.limit ?? 200,
          after: query.after ?? 0,
        });
        return c.json({ run, ...page });
      },
    )
    .post(
      '/customers/:id/crm-resync',
      documented({
        summary: 'Re-sync one linked customer from the CRM now',
        tags,
        responses: { 200: jsonResponse('{ run, items }'), ...refusals },
      }),
      requireRole('owner', 'admin'),
      resync('customer'),
    )
    .post(
      '/items/:id/crm-resync',
      documented({
        summary: 'Re-sync one linked item from the CRM now',
        tags,
        responses: { 200: jsonResponse('{ run, items }'), ...refusals },
      }),
      requireRole('owner', 'admin'),
      resync('item'),
    );
}
