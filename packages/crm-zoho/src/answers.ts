import {
  normalizeDecimal,
  type CrmFieldInfo,
  type CrmProfile,
  type CrmRecord,
  type CrmTax,
  type CrmUserInfo,
  type CrmViewInfo,
} from '@kanjo/core';
import * as v from 'valibot';
import { CrmError } from './errors.js';

/**
 * Zoho's answers to the settings reads the provider makes (profiles, users,
 * taxes, fields, views), parsed into Kanjo's provider-neutral shapes. A body
 * that is not the expected shape is `CRM_BAD_RESPONSE`.
 */

function parse<S extends v.GenericSchema>(schema: S, body: unknown, what: string) {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return parsed.output as v.InferOutput<S>;
  throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: `unexpected ${what} answer` });
}

const profilesSchema = v.object({
  profiles: v.array(v.object({ id: v.string(), name: v.string() })),
});

/** `GET /settings/profiles`. */
export function toProfiles(body: unknown): CrmProfile[] {
  return parse(profilesSchema, body, 'profiles').profiles.map(({ id, name }) => ({ id, name }));
}

const usersSchema = v.object({
  users: v.optional(
    v.array(
      v.object({
        id: v.string(),
        full_name: v.optional(v.nullable(v.string())),
        email: v.optional(v.nullable(v.string())),
      }),
    ),
    [],
  ),
});

/** `GET /users`; no content (204) is no users. */
export function toUsers(body: unknown): CrmUserInfo[] {
  return parse(usersSchema, body ?? {}, 'users').users.map((u) => ({
    id: u.id,
    ...(u.full_name ? { name: u.full_name } : {}),
    ...(u.email ? { email: u.email } : {}),
  }));
}

const taxSchema = v.object({
  name: v.string(),
  value: v.optional(v.nullable(v.number())),
  percentage: v.optional(v.nullable(v.number())),
  deleted: v.optional(v.nullable(v.boolean())),
});
const taxesSchema = v.union([
  v.object({ taxes: v.array(taxSchema) }),
  v.object({ org_taxes: v.object({ taxes: v.array(taxSchema) }) }),
]);

/** `GET /org/taxes`: Zoho names a tax's rate `value`; deleted and rate-less taxes are left out. */
export function toTaxes(body: unknown): CrmTax[] {
  if (body === undefined) return [];
  const parsed = parse(taxesSchema, body, 'taxes');
  const taxes = 'taxes' in parsed ? parsed.taxes : parsed.org_taxes.taxes;
  return taxes.flatMap((tax) => {
    const rate = tax.value ?? tax.percentage;
    if (tax.deleted === true || rate === null || rate === undefined) return [];
    return [{ name: tax.name, percentage: normalizeDecimal(String(rate)) }];
  });
}

const fieldSchema = v.object({
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
const fieldsSchema = v.object({ fields: v.array(fieldSchema) });

/** `GET /settings/fields?module=`. */
export function toFields(body: unknown, module: string): CrmFieldInfo[] {
  return parse(fieldsSchema, body, `${module} fields`).fields.map((field) => {
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
  });
}

const coqlSchema = v.object({
  data: v.array(v.record(v.string(), v.unknown())),
  info: v.optional(v.object({ more_records: v.optional(v.boolean()) })),
});

/** `POST /coql`: the rows, and whether more matched than were answered; 204 is none. */
export function toCoqlRows(body: unknown): { records: CrmRecord[]; more: boolean } {
  if (body === undefined) return { records: [], more: false };
  const answer = parse(coqlSchema, body, 'COQL');
  return { records: answer.data, more: answer.info?.more_records === true };
}

const viewsSchema = v.object({
  custom_views: v.array(
    v.object({
      id: v.string(),
      name: v.optional(v.nullable(v.string())),
      display_value: v.optional(v.nullable(v.string())),
      system_defined: v.optional(v.nullable(v.boolean())),
      default: v.optional(v.nullable(v.boolean())),
    }),
  ),
});

/** `GET /settings/custom_views?module=`; Zoho answers 204 when a module has no views. */
export function toViews(body: unknown, module: string): CrmViewInfo[] {
  if (body === undefined) return [];
  return parse(viewsSchema, body, `${module} views`).custom_views.map((view) => ({
    id: view.id,
    name: view.display_value ?? view.name ?? view.id,
    systemDefined: view.system_defined === true,
    default: view.default === true,
  }));
}
