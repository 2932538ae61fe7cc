import type * as v from 'valibot';
import type { ContactPerson, Customer, CustomerPatch } from '../schemas/customer';
import type { contactPersonInputSchema } from '../schemas/customer';
import { composeIndividualName, splitIndividualName } from './names';
import type { ContactMapping, FieldMapping } from './settings';
import type { CrmRecord, FieldValue, FlatFields } from './values';
import { normalizeValue } from './values';

/**
 * Customers and contact persons ↔ CRM records, through flat maps keyed by
 * Kanjo paths (`billingAddress.city`, `customFields.region`, `contact.email`):
 * the key space the merge works in. Every value is normalised (`values.ts`).
 */

/**
 * `individual`: the record is a Contact standing for an individual customer,
 * so displayName ↔ First_Name + Last_Name by the fixed rule of `names.ts`.
 */
export interface NameRule {
  individual?: boolean;
}

export type ContactPersonInput = v.InferInput<typeof contactPersonInputSchema>;

const ADDRESS_KEYS = ['billingAddress', 'shippingAddress'] as const;
const CLEARABLE_TEXT = [
  'companyName',
  'email',
  'phone',
  'mobile',
  'fax',
  'website',
  'notes',
] as const;
type AddressKey = (typeof ADDRESS_KEYS)[number];
type ClearableText = (typeof CLEARABLE_TEXT)[number];

const isAddressKey = (key: string): key is AddressKey =>
  (ADDRESS_KEYS as readonly string[]).includes(key);
const isClearableText = (key: string): key is ClearableText =>
  (CLEARABLE_TEXT as readonly string[]).includes(key);

type CustomerLike = Partial<
  Pick<Customer, 'displayName' | 'customFields' | AddressKey | ClearableText>
>;

/** The value at a Kanjo path of a customer, normalised; null when absent. */
export function readCustomerPath(customer: CustomerLike, path: string): FieldValue {
  const [head = '', tail] = splitPath(path);
  if (head === 'customFields') return normalizeValue(customer.customFields?.[tail ?? '']);
  if (isAddressKey(head)) {
    const address: Record<string, unknown> = customer[head] ?? {};
    return normalizeValue(address[tail ?? '']);
  }
  if (head === 'displayName' || isClearableText(head)) return normalizeValue(customer[head]);
  return null;
}

/** Kanjo's side of a merge: every mapped path of the customer (null when absent). */
export function customerFields(
  customer: CustomerLike,
  mappings: readonly FieldMapping[],
  rule: NameRule = {},
): FlatFields {
  const flat: FlatFields = {};
  for (const { kanjo } of mappings) flat[kanjo] = readCustomerPath(customer, kanjo);
  if (rule.individual) flat.displayName = readCustomerPath(customer, 'displayName');
  return flat;
}

/**
 * Turns Kanjo-path values (all mapped fields, or only a merge's `toRemote`)
 * into a CRM write body; paths without a mapping are left out.
 */
export function kanjoFieldsToCrm(
  flat: FlatFields,
  mappings: readonly { kanjo: string; crm: string }[],
  rule: NameRule = {},
): Record<string, FieldValue> {
  const record: Record<string, FieldValue> = {};
  for (const { kanjo, crm } of mappings) {
    if (Object.hasOwn(flat, kanjo)) record[crm] = normalizeValue(flat[kanjo]);
  }
  const displayName = normalizeValue(flat.displayName);
  if (rule.individual && typeof displayName === 'string') {
    const { firstName, lastName } = splitIndividualName(displayName);
    record.First_Name = firstName;
    record.Last_Name = lastName;
  }
  return record;
}

/**
 * A customer as a CRM write body: CRM API name → value, null for absent.
 * @example customerToCrm(customer, DEFAULT_ACCOUNT_MAPPING) // { Account_Name: 'Acme', Phone: null, … }
 */
export function customerToCrm(
  customer: CustomerLike,
  mappings: readonly FieldMapping[],
  rule: NameRule = {},
): Record<string, FieldValue> {
  return kanjoFieldsToCrm(customerFields(customer, mappings, rule), mappings, rule);
}

/** The CRM's side of a merge: a CRM record's mapped values under Kanjo paths. */
export function crmToCustomerPatch(
  record: CrmRecord,
  mappings: readonly FieldMapping[],
  rule: NameRule = {},
): FlatFields {
  const flat: FlatFields = {};
  for (const { kanjo, crm } of mappings) flat[kanjo] = normalizeValue(record[crm]);
  if (rule.individual) {
    flat.displayName = composeIndividualName({
      firstName: textOrNull(record.First_Name),
      lastName: textOrNull(record.Last_Name),
    });
  }
  return flat;
}

/**
 * A `customerPatchSchema`-shaped patch writing the given Kanjo-path values
 * into `customer` (undefined for a customer about to be created). Addresses
 * and custom fields are replaced whole by a patch, so their untouched parts
 * are copied from `customer`. displayName is required: a null one is left
 * out rather than cleared. Unknown paths are ignored.
 */
export function applyCustomerFields(
  customer: CustomerLike | undefined,
  flat: FlatFields,
): CustomerPatch {
  const patch: CustomerPatch = {};
  const addresses: Partial<Record<AddressKey, Record<string, string>>> = {};
  let customFields: Record<string, string | number | boolean> | undefined;
  for (const [path, raw] of Object.entries(flat)) {
    const value = normalizeValue(raw);
    const [head = '', tail = ''] = splitPath(path);
    if (head === 'displayName') {
      if (value !== null) patch.displayName = String(value);
    } else if (isClearableText(head) && tail === '') {
      patch[head] = value === null ? null : String(value);
    } else if (isAddressKey(head) && tail !== '') {
      const address = (addresses[head] ??= { ...customer?.[head] });
      if (value === null) delete address[tail];
      else address[tail] = String(value);
    } else if (head === 'customFields' && tail !== '') {
      customFields ??= { ...customer?.customFields };
      if (value === null) delete customFields[tail];
      else customFields[tail] = value;
    }
  }
  for (const key of ADDRESS_KEYS) {
    const address = addresses[key];
    if (address) patch[key] = Object.keys(address).length > 0 ? address : null;
  }
  if (customFields) patch.customFields = customFields;
  return patch;
}

const CONTACT_KEYS = ['firstName', 'lastName', 'email', 'phone', 'mobile'] as const;
type ContactKey = (typeof CONTACT_KEYS)[number];
const contactKey = (path: string): ContactKey | undefined =>
  CONTACT_KEYS.find((key) => path === `contact.${key}`);

/** Kanjo's side of a contact-person merge: every mapped `contact.*` path. */
export function contactFields(
  person: Partial<ContactPerson> | undefined,
  mappings: readonly ContactMapping[],
): FlatFields {
  const flat: FlatFields = {};
  for (const { kanjo } of mappings) {
    const key = contactKey(kanjo);
    flat[kanjo] = key && person ? normalizeValue(person[key]) : null;
  }
  return flat;
}

/** A contact person as a CRM Contacts write body (the caller adds Account_Name). */
export function contactToCrm(
  person: Partial<ContactPerson> | undefined,
  mappings: readonly ContactMapping[],
): Record<string, FieldValue> {
  return kanjoFieldsToCrm(contactFields(person, mappings), mappings);
}

/** The CRM's side of a contact-person merge. */
export function crmToContact(record: CrmRecord, mappings: readonly ContactMapping[]): FlatFields {
  const flat: FlatFields = {};
  for (const { kanjo, crm } of mappings) flat[kanjo] = normalizeValue(record[crm]);
  return flat;
}

/**
 * The contact person after writing `flat` into it; the customer's
 * contactPersons array is replaced whole by a patch, so the caller puts this
 * back in its place. Zoho requires Last_Name, so a missing one keeps the
 * person's current last name (for a new person: the email, else "-").
 */
export function applyContactFields(
  person: ContactPerson | undefined,
  flat: FlatFields,
): ContactPersonInput {
  const next: Record<ContactKey, string | undefined> = {
    firstName: person?.firstName,
    lastName: person?.lastName,
    email: person?.email,
    phone: person?.phone,
    mobile: person?.mobile,
  };
  for (const [path, raw] of Object.entries(flat)) {
    const key = contactKey(path);
    const value = normalizeValue(raw);
    if (key) next[key] = value === null ? undefined : String(value);
  }
  const lastName = next.lastName ?? person?.lastName ?? next.email ?? '-';
  return dropUndefined({
    ...next,
    lastName,
    id: person?.id,
    primary: person?.primary ?? false,
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

function textOrNull(value: unknown): string | null {
  const normal = normalizeValue(value);
  return normal === null ? null : String(normal);
}

/** 'billingAddress.city' → ['billingAddress', 'city']; 'phone' → ['phone', undefined]. */
function splitPath(path: string): [string, string | undefined] {
  const dot = path.indexOf('.');
  return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}
