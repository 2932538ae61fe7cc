import * as v from 'valibot';
import { currencyCodeSchema } from '../money/currencies';
import {
  clearableEntries,
  countrySchema,
  emailSchema,
  idSchema,
  localeSchema,
  optionalEntries,
  requiredTextSchema,
  roundingModeSchema,
  textSchema,
} from './common';

export const CUSTOMER_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;
export const MAX_CUSTOMER_FIELDS = 10;
export const customerFieldKeySchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'Key must be lower_snake_case, at most 40 characters'),
);

export const customerFieldDefinitionSchema = v.pipe(
  v.strictObject({
    key: customerFieldKeySchema,
    label: requiredTextSchema(80),
    type: v.picklist(CUSTOMER_FIELD_TYPES),
    options: v.optional(v.pipe(v.array(requiredTextSchema(80)), v.maxLength(100))),
  }),
  v.forward(
    v.check(
      (field) => field.type !== 'select' || (field.options ?? []).length > 0,
      'A select field needs options',
    ),
    ['options'],
  ),
);

export type CustomerFieldDefinition = v.InferOutput<typeof customerFieldDefinitionSchema>;

const customerFieldsSchema = v.pipe(
  v.array(customerFieldDefinitionSchema),
  v.maxLength(MAX_CUSTOMER_FIELDS, `At most ${MAX_CUSTOMER_FIELDS} customer fields`),
  v.check(
    (fields) => new Set(fields.map((field) => field.key)).size === fields.length,
    'Customer field keys must be unique',
  ),
);

/** An IANA time zone name that this runtime's Intl knows ('Asia/Tokyo', 'UTC'). */
export const timezoneSchema = v.pipe(
  v.string(),
  v.check(isTimeZone, 'Must be an IANA time zone such as "Asia/Tokyo"'),
);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const numberingSchema = v.strictObject({
  invoicePrefix: textSchema(20),
  quotePrefix: textSchema(20),
  salesOrderPrefix: textSchema(20),
});

const organizationRequired = {
  name: requiredTextSchema(200),
  baseCurrency: currencyCodeSchema,
  locale: localeSchema,
  roundingMode: roundingModeSchema,
  numbering: numberingSchema,
  customerFields: customerFieldsSchema,
};

export const organizationSchema = v.strictObject({
  id: idSchema,
  ...organizationRequired,
  country: v.optional(countrySchema),
  timezone: v.optional(timezoneSchema, 'UTC'),
});

export const organizationCreateSchema = v.strictObject({
  id: v.optional(idSchema),
  ...organizationRequired,
  country: v.optional(countrySchema),
  timezone: v.optional(timezoneSchema, 'UTC'),
});

export const organizationPatchSchema = v.strictObject({
  ...optionalEntries(organizationRequired),
  ...clearableEntries({ country: countrySchema }),
  timezone: v.optional(timezoneSchema),
});

export type Organization = v.InferOutput<typeof organizationSchema>;
export type OrganizationCreate = v.InferOutput<typeof organizationCreateSchema>;
export type OrganizationPatch = v.InferOutput<typeof organizationPatchSchema>;

export const ROLES = ['owner', 'admin', 'accountant', 'sales'] as const;
export const roleSchema = v.picklist(ROLES);

const userRequired = { organizationId: idSchema, email: emailSchema, role: roleSchema };
const userOptional = { name: textSchema(200), locale: localeSchema };

export const userSchema = v.strictObject({
  id: idSchema,
  ...userRequired,
  ...optionalEntries(userOptional),
});

export const userCreateSchema = v.strictObject({
  id: v.optional(idSchema),
  ...userRequired,
  ...optionalEntries(userOptional),
});

export const userPatchSchema = v.strictObject({
  ...optionalEntries(userRequired),
  ...clearableEntries(userOptional),
});

export type User = v.InferOutput<typeof userSchema>;
export type UserCreate = v.InferOutput<typeof userCreateSchema>;
export type UserPatch = v.InferOutput<typeof userPatchSchema>;
