import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { parseWith, readBody } from '../../http/validate';
import { listHeldConflicts, resolveHeldConflict } from './conflicts';

const ENTITIES = ['customer', 'item'] as const;
const localIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/** `?entity=customer&localId=…`: one record page asks for its own held fields only. */
const listQuerySchema = v.pipe(
  v.strictObject({
    entity: v.optional(v.picklist(ENTITIES)),
    localId: v.optional(localIdSchema),
  }),
  v.forward(
    v.check(
      (query) => query.localId === undefined || query.entity !== undefined,
      'Name the entity of localId.',
    ),
    ['entity'],
  ),
);

const resolveSchema = v.strictObject({
  entity: v.picklist(ENTITIES),
  localId: localIdSchema,
  field: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  take: v.picklist(['kanjo', 'crm']),
});

const tags = ['CRM sync'];

/**
 * Fields held by the conflict rule `ask`: list them, and settle one by
 * taking Kanjo's or the CRM's value. Mounted at `/api/crm`.
 */
export function crmConflictRoutes() {
  return new Hono<AppEnv>()
    .get(
      '/conflicts',
      documented({
        summary: 'Fields held for a person to decide, with the base, Kanjo and CRM values',
        tags,
        description: 'Optional query: `entity` (customer | item) and, with it, `localId`.',
        responses: {
          200: jsonResponse('{ conflicts: [{ entity, localId, crmModule, crmId, fields }] }'),
          400: jsonResponse('VALIDATION_FAILED (entity or localId)', errorResponseSchema),
        },
      }),
      async (c) => {
        const filter = parseWith(listQuerySchema, c.req.query());
        const conflicts = await listHeldConflicts(c.var.deps.db, c.var.user.organizationId, filter);
        return c.json({ conflicts });
      },
    )
    .post(
      '/conflicts/resolve',
      documented({
        summary: "Settle one held field with Kanjo's or the CRM's value",
        tags,
        body: resolveSchema,
        responses: {
          200: jsonResponse('{ ok: true, seq? } (seq: when the CRM value was written to Kanjo)'),
          404: jsonResponse('No such linked record with held fields', errorResponseSchema),
          409: jsonResponse('CRM_CONFLICT_NOT_HELD or CRM_VALUE_UNKNOWN', errorResponseSchema),
        },
      }),
      requireRole('owner', 'admin'),
      async (c) => {
        const body = await readBody(c, resolveSchema);
        const { deps, user } = c.var;
        const { seq } = await resolveHeldConflict({
          deps,
          organizationId: user.organizationId,
          actor: { userId: user.id, role: user.role },
          now: deps.clock(),
          newId: deps.newId,
          ...body,
        });
        return c.json(seq === undefined ? { ok: true } : { ok: true, seq });
      },
    );
}
