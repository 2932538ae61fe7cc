import * as v from 'valibot';
import { isTimeZone } from '../dates';
import { numberDigitsSchema } from '../numbering';
import { currencyCodeSchema } from '../money/currencies';
import { registrationNumberIssue } from '../registration-number';
import {
  addressSchema,
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

/** Each series' prefix, and the digits its counter is padded to when not the default 6. */
const numberingSchema = v.strictObject({
  invoicePrefix: textSchema(20),
  quotePrefix: textSchema(20),
  salesOrderPrefix: textSchema(20),
  invoiceDigits: v.optional(numberDigitsSchema),
  quoteDigits: v.optional(numberDigitsSchema),
  salesOrderDigits: v.optional(numberDigitsSchema),
});

/** A logo is printed on every PDF, so it is small: at most 256 KiB of PNG or JPEG. */
export const MAX_LOGO_BYTES = 256 * 1024;

const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]*={0,2})$/;
/** The first bytes of each format, base64-encoded: a PNG signature, a JPEG SOI marker. */
const LOGO_MAGIC = { png: 'iVBORw0KGgo', jpeg: '/9j/' } as const;

/** Decoded size of a base64 payload, without decoding it. */
function base64Bytes(payload: string): number {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return (payload.length / 4) * 3 - padding;
}

function logoIssue(url: string): string | undefined {
  const match = LOGO_DATA_URL.exec(url);
  const format = match?.[1] as keyof typeof LOGO_MAGIC | undefined;
  const payload = match?.[2] ?? '';
  if (!format || payload.length % 4 !== 0) return 'Logo must be a PNG or JPEG data: URL';
  if (!payload.startsWith(LOGO_MAGIC[format])) return `Logo is not a ${format.toUpperCase()} image`;
  if (base64Bytes(payload) > MAX_LOGO_BYTES) return 'Logo must be at most 256 KiB';
  return undefined;
}

/** `data:image/png;base64,…` or `data:image/jpeg;base64,…`, at most 256 KiB decoded. */
export const logoSchema = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const issue = logoIssue(dataset.value);
    if (issue) addIssue({ message: issue });
  }),
);

const REGISTRATION_NUMBER_MESSAGES = {
  FORMAT: 'Registration number must be T followed by 13 digits',
  CHECK_DIGIT: 'Registration number has a wrong check digit: a digit is mistyped',
} as const;

/** Japan's qualified-invoice registration number: `T` + 13-digit corporate number. */
export const registrationNumberSchema = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const issue = registrationNumberIssue(dataset.value);
    if (issue) addIssue({ message: REGISTRATION_NUMBER_MESSAGES[issue] });
  }),
);

/**
 * What the organization prints on its documents: all optional, so
 * organizations made before it stay valid. `legalName` replaces the name on
 * paper when set (「株式会社かんじょう」 for an organization called "Kanjo").
 */
export const organizationProfileSchema = v.strictObject({
  legalName: v.optional(textSchema(200)),
  address: v.optional(addressSchema),
  phone: v.optional(textSchema(50)),
  email: v.optional(emailSchema),
  website: v.optional(textSchema(300)),
  registrationNumber: v.optional(registrationNumberSchema),
  logo: v.optional(logoSchema),
});

export type OrganizationProfile = v.InferOutput<typeof organizationProfileSchema>;

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
  profile: v.optional(organizationProfileSchema),
});

export const organizationCreateSchema = v.strictObject({
  id: v.optional(idSchema),
  ...organizationRequired,
  country: v.optional(countrySchema),
  timezone: v.optional(timezoneSchema, 'UTC'),
  profile: v.optional(organizationProfileSchema),
});

export const organizationPatchSchema = v.strictObject({
  ...optionalEntries(organizationRequired),
  ...clearableEntries({ country: countrySchema }),
  timezone: v.optional(timezoneSchema),
  /** Replaces the whole profile; `{}` clears it. */
  profile: v.optional(organizationProfileSchema),
});

export type Organization = v.InferOutput<typeof organizationSchema>;
export type OrganizationCreate = v.InferOutput<typeof organizationCreateSchema>;
export type OrganizationPatch = v.InferOutput<typeof organizationPatchSchema>;

/** A member's role in an organization: what they may do (see `mutations/permissions.ts`). */
export const ROLES = ['owner', 'admin', 'accountant', 'sales'] as const;
export type Role = (typeof ROLES)[number];
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
