import {
  CONTACT_PERSON_FIELD_PATHS,
  CUSTOMER_FIELD_PATHS,
  MAX_CUSTOMER_FIELDS,
  customerFieldKeySchema,
  type CustomerFieldDefinition,
  type ItemFieldPath,
} from '@kanjo/core';
import * as v from 'valibot';
import { ApiError } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import type { KanjoEntity } from './sync-settings';
import type { CrmField, KanjoField } from './sync-settings-api';
import type { Message } from './sync-settings-issues';

/**
 * The choices in the mapping tables' selects, and the small "new Kanjo custom
 * field" form: a key derived from the label, checks, and the server's answer.
 */

export interface FieldOption {
  value: string;
  label: Message;
  /** A CRM custom field, or a Kanjo custom field: marked in the list. */
  custom: boolean;
}

const CUSTOM_PREFIX = 'customFields.';

const KANJO_FIELD_LABELS: Record<string, MessageKey> = {
  displayName: 'crmSync.kanjoField.displayName',
  companyName: 'crmSync.kanjoField.companyName',
  email: 'crmSync.kanjoField.email',
  phone: 'crmSync.kanjoField.phone',
  mobile: 'crmSync.kanjoField.mobile',
  fax: 'crmSync.kanjoField.fax',
  website: 'crmSync.kanjoField.website',
  notes: 'crmSync.kanjoField.notes',
  'billingAddress.street': 'crmSync.kanjoField.billingStreet',
  'billingAddress.city': 'crmSync.kanjoField.billingCity',
  'billingAddress.state': 'crmSync.kanjoField.billingState',
  'billingAddress.postalCode': 'crmSync.kanjoField.billingPostalCode',
  'billingAddress.country': 'crmSync.kanjoField.billingCountry',
  'shippingAddress.street': 'crmSync.kanjoField.shippingStreet',
  'shippingAddress.city': 'crmSync.kanjoField.shippingCity',
  'shippingAddress.state': 'crmSync.kanjoField.shippingState',
  'shippingAddress.postalCode': 'crmSync.kanjoField.shippingPostalCode',
  'shippingAddress.country': 'crmSync.kanjoField.shippingCountry',
  'contact.firstName': 'crmSync.kanjoField.contactFirstName',
  'contact.lastName': 'crmSync.kanjoField.contactLastName',
  'contact.email': 'crmSync.kanjoField.contactEmail',
  'contact.phone': 'crmSync.kanjoField.contactPhone',
  'contact.mobile': 'crmSync.kanjoField.contactMobile',
} satisfies Record<
  (typeof CUSTOMER_FIELD_PATHS)[number] | (typeof CONTACT_PERSON_FIELD_PATHS)[number],
  MessageKey
>;

/** The catalog key of a built-in Kanjo field's name, e.g. `billingAddress.city`. */
export function kanjoFieldLabel(path: string): MessageKey | undefined {
  return Object.hasOwn(KANJO_FIELD_LABELS, path) ? KANJO_FIELD_LABELS[path] : undefined;
}

/**
 * The Kanjo side's choices: what the server lists (or the built-in paths when it
 * could not be asked), plus the organization's custom fields for customers.
 */
export function kanjoFieldOptions({
  entity,
  server,
  customerFields,
  current,
}: {
  entity: Exclude<KanjoEntity, 'item'>;
  server: readonly KanjoField[] | undefined;
  customerFields: readonly CustomerFieldDefinition[];
  /** Paths already chosen in the table, kept selectable even when unknown. */
  current: readonly string[];
}): FieldOption[] {
  const builtIn = entity === 'customer' ? CUSTOMER_FIELD_PATHS : CONTACT_PERSON_FIELD_PATHS;
  const paths = server ? server.map((field) => field.path) : [...builtIn];
  if (entity === 'customer') {
    paths.push(...customerFields.map((field) => `${CUSTOM_PREFIX}${field.key}`));
  }
  paths.push(...current.filter((path) => path !== ''));
  return [...new Set(paths)].map((path) => {
    const custom = path.startsWith(CUSTOM_PREFIX);
    const key = kanjoFieldLabel(path);
    if (key) return { value: path, label: { key }, custom };
    const definition = customerFields.find((f) => `${CUSTOM_PREFIX}${f.key}` === path);
    const fromServer = server?.find((f) => f.path === path)?.label;
    return { value: path, label: { text: definition?.label ?? fromServer ?? path }, custom };
  });
}

/** The CRM side's choices, read-only fields left out; chosen API names stay selectable. */
export function crmFieldOptions({
  fields,
  current,
}: {
  fields: readonly CrmField[] | undefined;
  current: readonly string[];
}): FieldOption[] {
  const options: FieldOption[] = (fields ?? [])
    .filter((field) => !field.readOnly || current.includes(field.apiName))
    .map((field) => ({
      value: field.apiName,
      label: { text: `${field.label} (${field.apiName})` },
      custom: field.custom,
    }));
  const known = new Set(options.map((option) => option.value));
  for (const apiName of current) {
    if (apiName !== '' && !known.has(apiName)) {
      options.push({ value: apiName, label: { text: apiName }, custom: false });
      known.add(apiName);
    }
  }
  return options;
}

/** The name of each Kanjo item field in the fixed Product ↔ item mapping. */
export const ITEM_FIELD_LABELS: Record<ItemFieldPath, MessageKey> = {
  name: 'crmSync.itemField.name',
  sku: 'crmSync.itemField.sku',
  rate: 'crmSync.itemField.rate',
  description: 'crmSync.itemField.description',
  unit: 'crmSync.itemField.unit',
  active: 'crmSync.itemField.active',
};

export { MAX_CUSTOMER_FIELDS };

const KEY_LENGTH = 40;

/**
 * A lower_snake_case key from a label. Labels with no Latin letters or digits
 * (e.g. Japanese) fall back to `field_1`, `field_2`…; a taken key gets `_2`, `_3`…
 *
 * @example deriveFieldKey({ label: 'Sales region', taken: [] }); // 'sales_region'
 */
export function deriveFieldKey({
  label,
  taken,
}: {
  label: string;
  taken: readonly string[];
}): string {
  const used = new Set(taken);
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  // A key starts with a letter: "2nd phone" becomes field_2nd_phone.
  const base = (/^\d/.test(words) ? `field_${words}` : words)
    .slice(0, KEY_LENGTH)
    .replace(/_+$/, '');
  if (base === '') {
    for (let n = 1; ; n++) if (!used.has(`field_${n}`)) return `field_${n}`;
  }
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, KEY_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

export type NewFieldType = CustomerFieldDefinition['type'];

export interface NewFieldDraft {
  label: string;
  key: string;
  /** Whether the user typed the key: then a new label no longer changes it. */
  keyEdited: boolean;
  type: NewFieldType;
  /** Select choices, one a line. */
  options: string;
}

export type NewFieldErrors = Partial<Record<'label' | 'key' | 'options', Message>>;

export function emptyNewField(): NewFieldDraft {
  return { label: '', key: '', keyEdited: false, type: 'text', options: '' };
}

function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function checkNewField({
  field,
  existing,
}: {
  field: NewFieldDraft;
  existing: readonly CustomerFieldDefinition[];
}): NewFieldErrors {
  const errors: NewFieldErrors = {};
  const label = field.label.trim();
  if (!label) errors.label = { key: 'validation.required' };
  else if (label.length > 80) errors.label = { key: 'validation.tooLong', params: { max: 80 } };
  const key = field.key.trim();
  if (!key) errors.key = { key: 'validation.required' };
  else if (!v.is(customerFieldKeySchema, key)) errors.key = { key: 'crmSync.custom.keyShape' };
  else if (existing.some((f) => f.key === key)) errors.key = { key: 'crmSync.custom.keyTaken' };
  if (field.type === 'select') {
    const lines = optionLines(field.options);
    if (lines.length === 0) errors.options = { key: 'crmSync.custom.optionsRequired' };
    else if (lines.some((line) => line.length > 80)) {
      errors.options = { key: 'validation.tooLong', params: { max: 80 } };
    }
  }
  return errors;
}

export function newFieldDefinition(field: NewFieldDraft): CustomerFieldDefinition {
  const definition: CustomerFieldDefinition = {
    key: field.key.trim(),
    label: field.label.trim(),
    type: field.type,
  };
  if (field.type === 'select') definition.options = optionLines(field.options);
  return definition;
}

/** The server's field errors for the new definition (at `index` in the sent list). */
export function newFieldServerErrors({
  error,
  index,
}: {
  error: unknown;
  index: number;
}): NewFieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return {};
  const errors: NewFieldErrors = {};
  for (const issue of error.fields) {
    const match = /^customerFields(?:\.(\d+))?(?:\.(label|key|options))?/.exec(issue.path);
    if (!match) continue;
    const at = match[1] === undefined ? undefined : Number(match[1]);
    if (at !== undefined && at !== index) continue;
    const side = match[2] === 'label' || match[2] === 'options' ? match[2] : 'key';
    errors[side] ??= { text: issue.message };
  }
  return errors;
}
