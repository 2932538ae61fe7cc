import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { parseWith, readBody } from '../../http/validate';
import { linkCandidates, type RepairRequest } from './link-repair';
import { linkRecord } from './link-repair-link';
import { releaseRecord, unlinkRecord } from './link-repair-unlink';
import { repairView } from './link-repair-view';

const paramsSchema = v.object({
  entity: v.picklist(['customer', 'item'], 'entity must be customer or item'),
  localId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});
const candidatesQuerySchema = v.strictObject({
  q: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(2, 'Type at least 2 characters'),
      v.maxLength(100, 'At most 100 characters'),
    ),
  ),
});
const linkBodySchema = v.strictObject({
  crmId: v.pipe(v.string('crmId is required'), v.regex(/^\d{1,25}$/, 'A CRM record id (digits)')),
});
const emptyBodySchema = v.strictObject({});

const tags = ['CRM sync'];
const refusals = {
  400: jsonResponse('VALIDATION_FAILED', errorResponseSchema),
  404: jsonResponse(
    'NOT_FOUND (no such customer or item here), CRM_NOT_CONNECTED, CRM_NOT_LINKED or CRM_RECORD_NOT_FOUND',
    errorResponseSchema,
  ),
  409: jsonResponse(
    'CRM_RECORD_ALREADY_LINKED, CRM_NOT_SYNCED, CRM_NOT_KEPT_APART, CRM_SYNC_RUNNING, CRM_DISABLED, CRM_SYNC_PAUSED or CRM_NOT_SET_UP',
    errorResponseSchema,
  ),
};

function requestOf(c: Context<AppEnv>): RepairRequest {
  const { user, deps } = c.var;
  return {
    deps,
    organizationId: user.organizationId,
    user: { id: user.id, email: user.email, role: user.role },
    target: parseWith(paramsSchema, c.req.param()),
  };
}

/** Every change answers the record's link and holds as they are now. */
const answer = async (c: Context<AppEnv>, req: RepairRequest) =>
  c.json(await repairView(c.var.deps.db, req.organizationId, req.target));

/**
 * Link repair of one customer or item, without disconnecting: its CRM record
 * and what waits for a person (any member may read); ranked candidates, link,
 * unlink and release (owners and admins). Each change is a `link` run in the
 * sync history. Mounted at `/api/crm` behind `requireUser`.
 */
export const crmLinkRepairRoutes = new Hono<AppEnv>()
  .get(
    '/links/:entity/:localId/repair',
    documented({
      summary:
        'A customer’s or item’s CRM record, and the ambiguous or kept-apart matches waiting for a person',
      tags,
      responses: { 200: jsonResponse('CrmLinkRepairView'), 404: refusals[404], 400: refusals[400] },
    }),
    async (c) => answer(c, requestOf(c)),
  )
  .get(
    '/links/:entity/:localId/candidates',
    documented({
      summary:
        'The CRM records this one may be linked to, best first, each with why (name, email, phone, SKU)',
      description:
        'Optional `q` (2–100 characters) searches by what was typed instead of the record’s own name.',
      tags,
      responses: { 200: jsonResponse('CrmLinkCandidatesAnswer'), ...refusals },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const req = requestOf(c);
      const { q } = parseWith(candidatesQuerySchema, c.req.query());
      return c.json(await linkCandidates(req, q));
    },
  )
  .post(
    '/links/:entity/:localId/link',
    documented({
      summary:
        'Link to this CRM record (settles an ambiguous match: the other candidates are kept apart)',
      tags,
      body: linkBodySchema,
      responses: { 200: jsonResponse('CrmLinkRepairView'), ...refusals },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const req = requestOf(c);
      const { crmId } = await readBody(c, linkBodySchema);
      await linkRecord(req, crmId);
      return answer(c, req);
    },
  )
  .post(
    '/links/:entity/:localId/unlink',
    documented({
      summary:
        'Unlink: neither side syncs, is matched or is sent as new until linked again or released',
      tags,
      body: emptyBodySchema,
      responses: { 200: jsonResponse('CrmLinkRepairView'), ...refusals },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const req = requestOf(c);
      await readBody(c, emptyBodySchema);
      await unlinkRecord(req);
      return answer(c, req);
    },
  )
  .post(
    '/links/:entity/:localId/release',
    documented({
      summary: 'Release what a person kept apart: the record syncs again as if never linked',
      tags,
      body: emptyBodySchema,
      responses: { 200: jsonResponse('CrmLinkRepairView'), ...refusals },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const req = requestOf(c);
      await readBody(c, emptyBodySchema);
      await releaseRecord(req);
      return answer(c, req);
    },
  );
