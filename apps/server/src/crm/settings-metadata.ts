import type { CrmFieldInfo, CrmViewInfo } from '@kanjo/core';
import { CrmError, type ZohoClient } from '@kanjo/crm-zoho';
import * as v from 'valibot';
import { ApiError } from '../http/errors';
import { crmApiError } from './verify';

/** The CRM modules whose fields and views the sync settings page needs. */
export const CRM_METADATA_MODULES = ['Accounts', 'Contacts', 'Products'] as const;
export type CrmMetadataModule = (typeof CRM_METADATA_MODULES)[number];

export type CrmField = CrmFieldInfo;
export type CrmView = CrmViewInfo;

const zohoFieldSchema = v.object({
  api_name: v.string(),
  field_label: v.optional(v.nullable(v.string())),
  display_label: v.optional(v.nullable(v.string())),
  data_type: v.string(),
  custom_field: v.optional(v.nullable(v.boolean())),
  read_only: v.optional(v.nullable(v.boolean())),
  system_mandatory: v.optional(v.nullable(v.boolean())),
  length: v.optional(v.nullable(v.number())),
  pick_list_values: v.optional(
    v.nullable(
      v.array(
        v.object({ actual_value: v.string(), display_value: v.optional(v.nullable(v.string())) }),
      ),
    ),
  ),
});
const zohoViewSchema = v.object({
  id: v.string(),
  name: v.optional(v.nullable(v.string())),
  display_value: v.optional(v.nullable(v.string())),
  system_defined: v.optional(v.nullable(v.boolean())),
  default: v.optional(v.nullable(v.boolean())),
});
const fieldsBodySchema = v.object({ fields: v.array(zohoFieldSchema) });
const viewsBodySchema = v.object({ custom_views: v.array(zohoViewSchema) });

function toField(field: v.InferOutput<typeof zohoFieldSchema>): CrmField {
  const pickList = field.pick_list_values ?? [];
  return {
    apiName: field.api_name,
    label: field.display_label ?? field.field_label ?? field.api_name,
    dataType: field.data_type,
    custom: field.custom_field === true,
    readOnly: field.read_only === true,
    mandatory: field.system_mandatory === true,
    length: field.length ?? null,
    ...(pickList.length > 0
      ? {
          pickList: pickList.map((p) => ({
            value: p.actual_value,
            label: p.display_value ?? p.actual_value,
          })),
        }
      : {}),
  };
}

function toView(view: v.InferOutput<typeof zohoViewSchema>): CrmView {
  return {
    id: view.id,
    name: view.display_value ?? view.name ?? view.id,
    systemDefined: view.system_defined === true,
    default: view.default === true,
  };
}

/** Runs a CRM read and answers its failures the way every CRM route does. */
async function asApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof CrmError ? crmApiError(error) : error;
  }
}

function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return parsed.output;
  throw new ApiError(502, 'CRM_UNAVAILABLE', 'Zoho CRM answered the metadata request badly.');
}

/**
 * A module's fields as the CRM org has them (`GET /settings/fields`), for
 * the sync: a bad answer is a CrmError, as every CRM failure of a run is.
 */
export async function readModuleFields(crm: ZohoClient, module: string): Promise<CrmField[]> {
  const { body } = await crm.request({ path: '/settings/fields', query: { module } });
  const parsed = v.safeParse(fieldsBodySchema, body);
  if (!parsed.success) {
    throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: `unexpected ${module} fields answer` });
  }
  return parsed.output.fields.map(toField);
}

/** A cache is kept this long: fields change seldom and a settings page asks often. */
export const METADATA_TTL_MS = 5 * 60 * 1000;

/**
 * The CRM's field lists and views per organization and module, cached in
 * memory for five minutes. One instance per app, shared by the routes.
 *
 * @example
 * const fields = await metadata.fields({ organizationId, module: 'Accounts', crm: () => crmClientFor(deps, organizationId) });
 */
export class CrmMetadata {
  private readonly fieldLists = new Map<string, Cached<CrmField[]>>();
  private readonly viewLists = new Map<string, Cached<CrmView[]>>();

  constructor(private readonly clock: () => Date) {}

  fields(input: MetadataRequest): Promise<CrmField[]> {
    return this.cached(this.fieldLists, input, async (crm) => {
      const { body } = await crm.request({
        path: '/settings/fields',
        query: { module: input.module },
      });
      return parseBody(fieldsBodySchema, body).fields.map(toField);
    });
  }

  views(input: MetadataRequest): Promise<CrmView[]> {
    return this.cached(this.viewLists, input, async (crm) => {
      const { body } = await crm.request({
        path: '/settings/custom_views',
        query: { module: input.module },
      });
      // Zoho answers 204 when a module has no views.
      if (body === undefined) return [];
      return parseBody(viewsBodySchema, body).custom_views.map(toView);
    });
  }

  /** Drops what is kept for an organization (its connection changed). */
  forget(organizationId: string): void {
    for (const lists of [this.fieldLists, this.viewLists]) {
      for (const key of lists.keys()) {
        if (key.startsWith(`${organizationId}\n`)) lists.delete(key);
      }
    }
  }

  private async cached<T>(
    lists: Map<string, Cached<T>>,
    { organizationId, module, crm, refresh }: MetadataRequest,
    load: (crm: ZohoClient) => Promise<T>,
  ): Promise<T> {
    const key = `${organizationId}\n${module}`;
    const now = this.clock().getTime();
    const hit = lists.get(key);
    if (!refresh && hit && now - hit.at < METADATA_TTL_MS) return hit.value;
    const client = await crm();
    const value = await asApi(() => load(client));
    lists.set(key, { at: now, value });
    return value;
  }
}

interface Cached<T> {
  at: number;
  value: T;
}

export interface MetadataRequest {
  organizationId: string;
  module: CrmMetadataModule;
  /** The organization's CRM client; called only on a cache miss. */
  crm: () => Promise<ZohoClient>;
  /** Skip the cache (and refill it). */
  refresh?: boolean;
}
