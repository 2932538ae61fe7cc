import { Hono } from 'hono';
import * as v from 'valibot';
import { loadOrganization } from '../db/organizations';
import type { AppEnv } from '../http/env';
import { notFound } from '../errors';
import { documented, errorResponseSchema, jsonResponse } from '../http/openapi-docs';
import { parseWith } from '../http/validate';
import { crmProviderFor } from './crm-clients';
import { KANJO_ENTITIES, kanjoFieldCatalogue } from './settings-catalogue';
import { CRM_METADATA_MODULES, type CrmMetadata } from './settings-metadata';

const moduleQuerySchema = v.strictObject({
  module: v.picklist(CRM_METADATA_MODULES, 'module must be Accounts, Contacts or Products'),
  refresh: v.optional(v.picklist(['0', '1'])),
});
const entityQuerySchema = v.strictObject({
  entity: v.picklist(KANJO_ENTITIES, 'entity must be customer, contactPerson or item'),
});

const fieldsResponse = v.object({
  fields: v.array(
    v.object({
      apiName: v.string(),
      label: v.string(),
      dataType: v.string(),
      custom: v.boolean(),
      readOnly: v.boolean(),
      mandatory: v.boolean(),
      length: v.nullable(v.number()),
      pickList: v.optional(v.array(v.object({ value: v.string(), label: v.string() }))),
    }),
  ),
});
const kanjoFieldsResponse = v.object({
  fields: v.array(
    v.object({
      path: v.string(),
      type: v.string(),
      custom: v.boolean(),
      label: v.optional(v.string()),
      maxLength: v.optional(v.number()),
      options: v.optional(v.array(v.string())),
    }),
  ),
});
const viewsResponse = v.object({
  views: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      systemDefined: v.boolean(),
      default: v.boolean(),
    }),
  ),
});

const crmFailures = {
  400: jsonResponse(
    'VALIDATION_FAILED (unknown module), CRM_AUTH_FAILED or CRM_PERMISSION_DENIED',
    errorResponseSchema,
  ),
  404: jsonResponse('CRM_NOT_CONNECTED', errorResponseSchema),
  409: jsonResponse('CRM_DISABLED', errorResponseSchema),
  429: jsonResponse('CRM_RATE_LIMITED', errorResponseSchema),
  502: jsonResponse('CRM_UNAVAILABLE', errorResponseSchema),
};

const tags = ['CRM'];

/**
 * `/api/crm/fields`, `/api/crm/views` (read from the CRM, cached five minutes;
 * `refresh=1` reads again) and `/api/crm/kanjo-fields`: what the mapping and
 * view pickers of the sync settings offer. Any member reads.
 */
export function crmMetadataRoutes({ metadata }: { metadata: CrmMetadata }) {
  return new Hono<AppEnv>()
    .get(
      '/fields',
      documented({
        summary: 'The fields of a CRM module (Accounts, Contacts, Products)',
        description:
          'Query: `module` (Accounts, Contacts or Products); `refresh=1` reads the CRM again instead of the five-minute cache.',
        tags,
        responses: { 200: jsonResponse('The CRM fields', fieldsResponse), ...crmFailures },
      }),
      async (c) => {
        const query = parseWith(moduleQuerySchema, c.req.query());
        const organizationId = c.var.user.organizationId;
        const fields = await metadata.fields({
          organizationId,
          module: query.module,
          crm: () => crmProviderFor(c.var.deps, organizationId),
          refresh: query.refresh === '1',
        });
        return c.json({ fields });
      },
    )
    .get(
      '/views',
      documented({
        summary: 'The custom views (cvid) of a CRM module, to limit what syncs',
        description:
          'Query: `module` (Accounts, Contacts or Products); `refresh=1` reads the CRM again instead of the five-minute cache.',
        tags,
        responses: { 200: jsonResponse('The CRM views', viewsResponse), ...crmFailures },
      }),
      async (c) => {
        const query = parseWith(moduleQuerySchema, c.req.query());
        const organizationId = c.var.user.organizationId;
        const views = await metadata.views({
          organizationId,
          module: query.module,
          crm: () => crmProviderFor(c.var.deps, organizationId),
          refresh: query.refresh === '1',
        });
        return c.json({ views });
      },
    )
    .get(
      '/kanjo-fields',
      documented({
        summary: 'Kanjo’s fields a mapping may name, with the organization’s custom fields',
        description: 'Query: `entity` (customer, contactPerson or item).',
        tags,
        responses: { 200: jsonResponse('The Kanjo fields', kanjoFieldsResponse) },
      }),
      async (c) => {
        const { entity } = parseWith(entityQuerySchema, c.req.query());
        const org = await loadOrganization(c.var.deps.db, c.var.user.organizationId);
        if (!org) throw notFound('Organization');
        return c.json({ fields: kanjoFieldCatalogue(entity, org.customerFields) });
      },
    );
}
