import { canRun } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../http/env';
import { forbidden } from '../../errors';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { parseWith, readBody } from '../../http/validate';
import { crmProviderFor } from '../crm-clients';
import type { CrmMetadata } from '../settings-metadata';
import { assertCrmActive } from '../settings-store';
import { importFromCrm } from './import-request';
import { crmInfo } from './info';
import { LOOKUP_MODULES } from './rules';
import { searchCrm } from './search';

const searchQuerySchema = v.strictObject({
  q: v.pipe(
    v.string('q is required'),
    v.trim(),
    v.minLength(2, 'Type at least 2 characters'),
    v.maxLength(100, 'At most 100 characters'),
  ),
});
const importBodySchema = v.strictObject({
  module: v.picklist(LOOKUP_MODULES, 'module must be Accounts or Contacts'),
  crmId: v.pipe(v.string(), v.regex(/^\d{1,25}$/, 'A CRM record id')),
});
const customerParamSchema = v.object({
  customerId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

const tags = ['CRM'];
const failures = {
  404: jsonResponse(
    'CRM_NOT_CONNECTED (or, for info, NOT_FOUND / CRM_NOT_LINKED / CRM_RECORD_NOT_FOUND)',
    errorResponseSchema,
  ),
  409: jsonResponse('CRM_DISABLED or CRM_SYNC_PAUSED', errorResponseSchema),
  429: jsonResponse('CRM_RATE_LIMITED', errorResponseSchema),
  502: jsonResponse('CRM_UNAVAILABLE', errorResponseSchema),
};

/**
 * CRM data inside Kanjo: `GET /api/crm/search?q=`,
 * `POST /api/crm/import`, `GET /api/crm/customers/:customerId/info`.
 * Mounted at `/api/crm` behind `requireUser`.
 */
export function crmLookupRoutes({ metadata }: { metadata: CrmMetadata }): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/search',
      documented({
        summary: 'Search the CRM for a customer to pick',
        description:
          'Query `q` (2–100 characters): Account_Name, or a Contact’s first/last name when only Contacts sync. At most 20 results, each saying which Kanjo customer is linked to it and whether the sync rules let it be imported.',
        tags,
        responses: { 200: jsonResponse('CrmSearchAnswer'), ...failures },
      }),
      async (c) => {
        const { q } = parseWith(searchQuerySchema, c.req.query());
        const { db } = c.var.deps;
        const organizationId = c.var.user.organizationId;
        const { settings } = await assertCrmActive(db, organizationId);
        const crm = await crmProviderFor(c.var.deps, organizationId);
        return c.json(await searchCrm({ db, organizationId, settings, crm, metadata, q }));
      },
    )
    .post(
      '/import',
      documented({
        summary: 'Import one CRM record picked in "Search in CRM" and link it',
        description:
          'Body `{ module, crmId }`. Runs an `import` run (recorded in the sync history), waiting for a run already going. A record already linked answers its customer without writing.',
        tags,
        body: importBodySchema,
        responses: {
          200: jsonResponse('CrmImportAnswer'),
          ...failures,
          409: jsonResponse(
            'CRM_DISABLED, CRM_SYNC_PAUSED, CRM_SYNC_RUNNING, CRM_IMPORT_NOT_ALLOWED, CRM_OUTSIDE_VIEW or CRM_IMPORT_SKIPPED',
            errorResponseSchema,
          ),
        },
      }),
      async (c) => {
        if (!canRun(c.var.user.role, 'customer.create')) {
          throw forbidden('Your role may not create customers.');
        }
        const request = await readBody(c, importBodySchema);
        const answer = await importFromCrm({
          deps: c.var.deps,
          organizationId: c.var.user.organizationId,
          metadata,
          request,
        });
        return c.json(answer);
      },
    )
    .get(
      '/customers/:customerId/info',
      documented({
        summary: 'The linked CRM record of a customer, read fresh, with its deals',
        tags,
        responses: { 200: jsonResponse('CrmInfoAnswer'), ...failures },
      }),
      async (c) => {
        const { customerId } = parseWith(customerParamSchema, c.req.param());
        const info = await crmInfo({
          deps: c.var.deps,
          metadata,
          organizationId: c.var.user.organizationId,
          customerId,
        });
        return c.json(info);
      },
    );
}
