import { i18n, t, type MessageKey } from '$lib/i18n/locale.svelte';

export const ENTITIES = ['customer', 'item', 'quote', 'salesOrder', 'invoice', 'payment'] as const;
export type Entity = (typeof ENTITIES)[number];

export function isEntity(value: string): value is Entity {
  return (ENTITIES as readonly string[]).includes(value);
}

/** The Dexie table of each entity. */
export const ENTITY_TABLES = {
  customer: 'customers',
  item: 'items',
  quote: 'quotes',
  salesOrder: 'salesOrders',
  invoice: 'invoices',
  payment: 'payments',
} as const satisfies Record<Entity, string>;

/** A row's human name: a customer's display name, an item's name, a document's number. */
export function recordName(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const fields = row as Record<string, unknown>;
  for (const key of ['displayName', 'name', 'number']) {
    const value = fields[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  dueDate: 'field.dueDate',
  issueDate: 'field.issueDate',
  expiryDate: 'field.expiryDate',
  customerId: 'field.customerId',
  lines: 'field.lines',
  notes: 'field.notes',
  terms: 'field.terms',
  discount: 'field.discount',
  currency: 'field.currency',
  referenceNumber: 'field.referenceNumber',
  name: 'field.name',
  rate: 'field.rate',
  displayName: 'field.displayName',
  email: 'field.email',
  phone: 'field.phone',
};

const PART_KEYS: Record<string, MessageKey> = {
  billingAddress: 'customers.billingAddress',
  shippingAddress: 'customers.shippingAddress',
  contactPersons: 'conflicts.contactPerson',
  street: 'address.street',
  city: 'address.city',
  state: 'address.state',
  postalCode: 'address.postalCode',
  country: 'address.country',
  mobile: 'customers.mobile',
  fax: 'customers.fax',
  website: 'customers.website',
};

/**
 * A field's label in the UI language; its key when there is none. A leaf
 * (`billingAddress.city`, `contactPersons.<id>.email`) reads as its parts.
 */
export function fieldLabel(field: string): string {
  const parts = field.split('.');
  const [head = field] = parts;
  const tail = parts.length > 1 ? parts.at(-1) : undefined;
  const label = (part: string) => {
    const key = FIELD_KEYS[part] ?? PART_KEYS[part];
    return key ? t(key) : part;
  };
  return tail === undefined ? label(head) : `${label(head)} · ${label(tail)}`;
}

/** A conflicting value as short text: dates as written, objects as compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflicts.emptyValue');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}
