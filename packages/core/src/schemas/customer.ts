import * as v from 'valibot';
import { currencyCodeSchema } from '../money/currencies';
import {
  addressSchema,
  clearableEntries,
  emailSchema,
  idSchema,
  optionalEntries,
  requiredTextSchema,
  rowStampEntries,
  textSchema,
} from './common';
import { MAX_CUSTOMER_FIELDS, customerFieldKeySchema } from './organization';
import { multiLineText } from './text';

const contactPersonEntries = {
  firstName: v.optional(textSchema(100)),
  lastName: requiredTextSchema(100),
  email: v.optional(emailSchema),
  phone: v.optional(textSchema(50)),
  mobile: v.optional(textSchema(50)),
};

export const contactPersonSchema = v.strictObject({
  id: idSchema,
  ...contactPersonEntries,
  primary: v.boolean(),
});

/** A contact person in a create/patch body: the mutation fills a missing id. */
export const contactPersonInputSchema = v.strictObject({
  id: v.optional(idSchema),
  ...contactPersonEntries,
  primary: v.optional(v.boolean(), false),
});

export type ContactPerson = v.InferOutput<typeof contactPersonSchema>;

function atMostOnePrimary(persons: { primary: boolean }[]): boolean {
  return persons.filter((person) => person.primary).length <= 1;
}

const contactPersonsSchema = v.pipe(
  v.array(contactPersonSchema),
  v.maxLength(100),
  v.check((persons) => atMostOnePrimary(persons), 'At most one primary contact person'),
);

const contactPersonsInputSchema = v.pipe(
  v.array(contactPersonInputSchema),
  v.maxLength(100),
  v.check((persons) => atMostOnePrimary(persons), 'At most one primary contact person'),
);

/**
 * Custom field values by key. Which keys exist and their types come from the
 * organization's settings, so the mutation checks them (the schema cannot).
 */
export const customFieldValuesSchema = v.pipe(
  v.record(
    customerFieldKeySchema,
    v.union([multiLineText(1000), v.pipe(v.number(), v.finite()), v.boolean()]),
  ),
  v.maxEntries(MAX_CUSTOMER_FIELDS, `At most ${MAX_CUSTOMER_FIELDS} custom fields`),
);

export type CustomFieldValue = string | number | boolean;

const customerRequired = {
  kind: v.picklist(['business', 'individual']),
  displayName: requiredTextSchema(200),
};

const customerOptional = {
  companyName: textSchema(200),
  email: emailSchema,
  phone: textSchema(50),
  mobile: textSchema(50),
  /** Zoho Accounts and Contacts carry a Fax: kept so both-way sync loses nothing. */
  fax: textSchema(50),
  website: textSchema(300),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  currency: currencyCodeSchema,
  paymentTermsDays: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(3650)),
  notes: multiLineText(5000),
};

export const customerSchema = v.strictObject({
  id: idSchema,
  ...customerRequired,
  contactPersons: contactPersonsSchema,
  customFields: customFieldValuesSchema,
  ...optionalEntries(customerOptional),
  ...rowStampEntries,
});

export const customerCreateSchema = v.strictObject({
  id: v.optional(idSchema),
  ...customerRequired,
  contactPersons: v.optional(contactPersonsInputSchema),
  customFields: v.optional(customFieldValuesSchema),
  ...optionalEntries(customerOptional),
});

/** Absent = unchanged; `null` clears an optional field; arrays and maps are replaced whole. */
export const customerPatchSchema = v.strictObject({
  ...optionalEntries(customerRequired),
  contactPersons: v.optional(contactPersonsInputSchema),
  customFields: v.optional(customFieldValuesSchema),
  ...clearableEntries(customerOptional),
});

export type Customer = v.InferOutput<typeof customerSchema>;
export type CustomerCreate = v.InferOutput<typeof customerCreateSchema>;
export type CustomerPatch = v.InferOutput<typeof customerPatchSchema>;
