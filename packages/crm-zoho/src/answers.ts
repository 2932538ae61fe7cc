import {
  normalizeDecimal,
  type CrmFieldInfo,
  type CrmGrant,
  type CrmIdentity,
  type CrmModuleGrants,
  type CrmProfile,
  type CrmRecord,
  type CrmTax,
  type CrmUserInfo,
  type CrmViewInfo,
} from '@kanjo/core';
import * as v from 'valibot';
import { CrmError } from './errors.js';

/**
 * Zoho's answers to the org and settings reads the provider makes (identity,
 * profiles, users, taxes, fields, views), parsed into Kanjo's provider-neutral shapes. A body
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

const profileRefSchema = v.optional(v.nullable(v.object({ id: v.string(), name: v.string() })));
const currentUserSchema = v.object({
  id: v.string(),
  email: v.string(),
  full_name: v.optional(v.nullable(v.string())),
  profile: profileRefSchema,
});
const orgSchema = v.object({
  id: v.string(),
  company_name: v.optional(v.nullable(v.string())),
  currency: v.optional(v.nullable(v.string())),
  iso_code: v.optional(v.nullable(v.string())),
  mc_status: v.optional(v.nullable(v.boolean())),
  time_zone: v.optional(v.nullable(v.string())),
});
const currencySchema = v.object({ iso_code: v.string(), is_base: v.optional(v.boolean()) });

/** `GET /users?type=CurrentUser`'s user: who the connection signs in as, and their profile. */
export function toCurrentUser(body: unknown): CrmIdentity['user'] {
  const user = parse(currentUserSchema, body, 'current user');
  return {
    id: user.id,
    email: user.email,
    name: user.full_name ?? user.email,
    profile: user.profile ?? null,
  };
}

/** `GET /org`'s org; its currency is the base one unless multi-currency is on (see `toBaseCurrency`). */
export function toOrg(body: unknown): CrmIdentity['org'] {
  const org = parse(orgSchema, body, 'org');
  return {
    id: org.id,
    name: org.company_name ?? '',
    currency: org.iso_code ?? org.currency ?? '',
    multiCurrency: org.mc_status === true,
    timeZone: org.time_zone ?? '',
  };
}

/** `GET /org/currencies`: the base currency's ISO code, when one is marked. */
export function toBaseCurrency(currencies: readonly unknown[]): string | undefined {
  return currencies.map((c) => parse(currencySchema, c, 'currency')).find((c) => c.is_base)
    ?.iso_code;
}

const permissionsSchema = v.object({
  permissions_details: v.array(
    v.object({
      module: v.optional(v.nullable(v.string())),
      name: v.optional(v.nullable(v.string())),
      enabled: v.optional(v.nullable(v.boolean())),
    }),
  ),
});

const PERMISSION_PREFIX: Record<CrmGrant, string> = {
  view: 'Crm_Implied_View_',
  create: 'Crm_Implied_Create_',
  edit: 'Crm_Implied_Edit_',
};

/**
 * `GET /settings/profiles/{id}`: a module's grants from the profile's flat
 * permission list, matched on the API module name (Zoho names permissions
 * after internal names: Potentials for Deals). A permission the profile does
 * not list is not granted.
 */
export function toModuleGrants(profile: unknown, modules: readonly string[]): CrmModuleGrants {
  const details = parse(permissionsSchema, profile, 'profile').permissions_details;
  const granted = (module: string, grant: CrmGrant) =>
    details.some(
      (p) =>
        p.module === module && p.name?.startsWith(PERMISSION_PREFIX[grant]) && p.enabled === true,
    );
  return Object.fromEntries(
    modules.map((module) => [
      module,
      {
        view: granted(module, 'view'),
        create: granted(module, 'create'),
        edit: granted(module, 'edit'),
      },
    ]),
  );
}

/** `GET /users?type=ActiveUsers`: those with an id and an email, and not marked other than active. */
export function toActiveUsers(users: readonly CrmRecord[]): (CrmUserInfo & { email: string })[] {
  return users.flatMap(({ id, email, full_name, status }) => {
    if (typeof id !== 'string' || typeof email !== 'string') return [];
    if (status !== undefined && status !== 'active') return [];
    return [
      { id, email, ...(typeof full_name === 'string' && full_name ? { name: full_name } : {}) },
    ];
  });
}
