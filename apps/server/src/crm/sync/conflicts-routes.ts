import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { readBody } from '../../http/validate';
import type { SyncNotifier } from '../../sync/notifier';
import { listHeldConflicts, resolveHeldConflict } from './conflicts';

const resolveSchema = v.strictObject({
  entity: v.picklist(['customer', 'item']),
  localId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  field: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  take: v.picklist(['kanjo', 'crm']),
});

const tags = ['CRM sync'];

/**
 * Fields held by the conflict rule `ask` (F16): list them, and settle one by
 * taking Kanjo's or the CRM's value. Mounted at `/api/crm`.
 */
export function crmConflictRoutes({ notifier }: { notifier: SyncNotifier }) {
  return new Hono<AppEnv>()
    .get(
      '/conflicts',
      documented({
        summary: 'Fields held for a person to decide, with the base, Kanjo and CRM values',
        tags,
        responses: { 200: jsonResponse('{ conflicts: [{ entity, localId, crmId, fields }] }') },
      }),
      async (c) => {
        const conflicts = await listHeldConflicts(c.var.deps.db, c.var.user.organizationId);
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
          200: jsonResponse('{ ok: true }'),
          404: jsonResponse('No such linked record with held fields', errorResponseSchema),
          409: jsonResponse('CRM_CONFLICT_NOT_HELD or CRM_VALUE_UNKNOWN', errorResponseSchema),
        },
      }),
      requireRole('owner', 'admin'),
      async (c) => {
        const body = await readBody(c, resolveSchema);
        const { deps, user } = c.var;
        const { seq } = await resolveHeldConflict({
          db: deps.db,
          organizationId: user.organizationId,
          actor: { userId: user.id, role: user.role },
          now: deps.clock(),
          newId: deps.newId,
          ...body,
        });
        if (seq !== undefined) notifier.notify(user.organizationId, seq);
        return c.json({ ok: true });
      },
    );
}
