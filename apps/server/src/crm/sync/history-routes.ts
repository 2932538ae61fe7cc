import { CRM_RUN_ACTIONS, CRM_RUN_ENTITIES } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../http/env';
import { notFound } from '../../errors';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { limitQuerySchema, parseWith } from '../../http/validate';
import { CURSOR, decodeCursor, findRecordHistory, findRunItems } from './history-store';
import { findLinkView } from './links-store';
import { loadRun } from './run-store';

/** Records with a link of their own; contact persons are listed in runs but have no panel. */
const ENTITIES = ['customer', 'item'] as const;
const runItemsQuerySchema = v.object({
  limit: limitQuerySchema(500),
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number))),
  action: v.optional(v.picklist(CRM_RUN_ACTIONS)),
  entity: v.optional(v.picklist(CRM_RUN_ENTITIES)),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
});
const linkParamsSchema = v.object({
  entity: v.picklist(ENTITIES),
  localId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});
const historyQuerySchema = v.object({
  limit: limitQuerySchema(100),
  cursor: v.optional(v.pipe(v.string(), v.regex(CURSOR))),
  dryRuns: v.optional(v.picklist(['include'])),
});

const tags = ['CRM sync'];
const notFoundDoc = jsonResponse('NOT_FOUND', errorResponseSchema);

/**
 * The sync audit trail, read side: a run's items filtered by action,
 * entity and text, and one record's link with its history across runs. Any
 * member may read; mounted at `/api/crm` behind `requireUser`.
 */
export const crmHistoryRoutes = new Hono<AppEnv>()
  .get(
    '/runs/:id/items',
    documented({
      summary: 'A run’s records, filtered by action, entity and text (paged by seq)',
      tags,
      responses: { 200: jsonResponse('{ items, nextAfter }'), 404: notFoundDoc },
    }),
    async (c) => {
      const { limit, after, ...filter } = parseWith(runItemsQuerySchema, c.req.query());
      const organizationId = c.var.user.organizationId;
      const run = await loadRun(c.var.deps.db, organizationId, c.req.param('id'));
      if (!run) throw notFound('Run');
      const page = await findRunItems(c.var.deps.db, {
        organizationId,
        runId: run.id,
        filter: { ...filter, q: filter.q || undefined },
        limit: limit ?? 200,
        after: after ?? 0,
      });
      return c.json(page);
    },
  )
  .get(
    '/links/:entity/:localId',
    documented({
      summary: 'One customer’s or item’s CRM link and its sync history, newest first',
      tags,
      responses: {
        200: jsonResponse('{ link (null: not linked), items, nextCursor }'),
        404: notFoundDoc,
        400: jsonResponse('VALIDATION_FAILED (entity, limit or cursor)', errorResponseSchema),
      },
    }),
    async (c) => {
      const { entity, localId } = parseWith(linkParamsSchema, c.req.param());
      const query = parseWith(historyQuerySchema, c.req.query());
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const { db } = c.var.deps;
      const organizationId = c.var.user.organizationId;
      // Another organization's id (or none) reads like every other route: not found.
      const table = entity === 'customer' ? 'customers' : 'items';
      const own = await db
        .selectFrom(table)
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('id', '=', localId)
        .executeTakeFirst();
      if (!own) throw notFound(entity === 'customer' ? 'Customer' : 'Item');
      const link = await findLinkView(db, { organizationId, entity, localId });
      const page = await findRecordHistory(db, {
        organizationId,
        entity,
        localId,
        crmKey: link ? { module: link.crmModule, id: link.crmId } : undefined,
        includeDryRuns: query.dryRuns === 'include',
        limit: query.limit ?? 20,
        cursor,
      });
      return c.json({ link, ...page });
    },
  );
