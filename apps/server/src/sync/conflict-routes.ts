import { conflictListQuerySchema, conflictSchema, resolveConflictSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/env';
import { documented, jsonResponse } from '../http/openapi-docs';
import { parseWith, readBody } from '../http/validate';
import { listConflicts } from './conflict-store';
import { resolveConflict } from './resolve-conflict';

const tags = ['Conflicts'];

/** `/api/conflicts`: list and resolve field conflicts. Mount behind requireUser. */
export function conflictRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/',
    documented({
      summary: 'List conflicts',
      tags,
      description:
        'Query: `status` = `open` (default, oldest first) or `resolved` (newest first). Both writers see the same list.',
      responses: {
        200: jsonResponse('`{ items }`', v.object({ items: v.array(conflictSchema) })),
      },
    }),
    async (c) => {
      const { status } = parseWith(conflictListQuerySchema, c.req.query());
      const items = await listConflicts(c.var.deps.db, c.var.user.organizationId, status);
      return c.json({ items });
    },
  );

  app.post(
    '/:id/resolve',
    documented({
      summary: 'Resolve a conflict',
      tags,
      description:
        '`keep: "winning"` leaves the row as it is; `keep: "losing"` patches the field back to the overwritten value (an ordinary patch: roles, locks and DELETED apply). 409 ALREADY_RESOLVED if it was resolved the other way.',
      body: resolveConflictSchema,
      responses: { 200: jsonResponse('The resolved conflict.', conflictSchema) },
    }),
    async (c) => {
      const { keep } = await readBody(c, resolveConflictSchema);
      const { clock, newId } = c.var.deps;
      const conflict = await resolveConflict({
        deps: c.var.deps,
        user: c.var.user,
        conflictId: c.req.param('id'),
        keep,
        now: clock(),
        newId,
      });
      return c.json(conflict);
    },
  );

  return app;
}
