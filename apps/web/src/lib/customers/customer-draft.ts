import type {
  Address,
  Customer,
  CustomerCreate,
  CustomerFieldDefinition,
  CustomerPatch,
  CustomFieldValue,
} from '@kanjo/core';
import { checkRequired } from '$lib/forms/form-errors';
import { t } from '$lib/i18n/locale.svelte';
import { changedFields, withoutUndefined } from '$lib/forms/draft-diff';
import { checkEmailIfAny, checkWholeNumber } from '$lib/forms/draft-helpers';

export const ADDRESS_KEYS = ['street', 'city', 'state', 'postalCode', 'country'] as const;
export type AddressDraft = Record<(typeof ADDRESS_KEYS)[number], string>;

export interface ContactDraft {
  /** Stable key for `{#each}`; the stored id when the person already exists. */
  key: string;
  id?: string | undefined;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  mobile: string;
  primary: boolean;
}

/** What the customer form edits: every input as text, so nothing is coerced while typing. */
export interface CustomerDraft {
  kind: 'business' | 'individual';
  displayName: string;
  companyName: string;
  email: string;
  phone: string;
  mobile: string;
  fax: string;
  website: string;
  billing: AddressDraft;
  shipping: AddressDraft;
  sameAsBilling: boolean;
  contacts: ContactDraft[];
  currency: string;
  paymentTermsDays: string;
  notes: string;
  custom: Record<string, string | boolean>;
}

const emptyAddress = (): AddressDraft => ({
  street: '',
  city: '',
  state: '',
  postalCode: '',
  country: '',
});

export function emptyContact(key: string): ContactDraft {
  return { key, firstName: '', lastName: '', email: '', phone: '', mobile: '', primary: false };
}

function addressDraft(address: Address | undefined): AddressDraft {
  const draft = emptyAddress();
  for (const key of ADDRESS_KEYS) draft[key] = address?.[key] ?? '';
  return draft;
}

/** The form's starting state: a blank business customer, or a copy of a stored one. */
export function customerDraft(customer?: Customer): CustomerDraft {
  const billing = addressDraft(customer?.billingAddress);
  const shipping = addressDraft(customer?.shippingAddress);
  const same =
    !customer?.shippingAddress || ADDRESS_KEYS.every((key) => billing[key] === shipping[key]);
  return {
    kind: customer?.kind ?? 'business',
    displayName: customer?.displayName ?? '',
    companyName: customer?.companyName ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    mobile: customer?.mobile ?? '',
    fax: customer?.fax ?? '',
    website: customer?.website ?? '',
    billing,
    shipping,
    sameAsBilling: same,
    contacts: (customer?.contactPersons ?? []).map((person) => ({
      key: person.id,
      id: person.id,
      firstName: person.firstName ?? '',
      lastName: person.lastName,
      email: person.email ?? '',
      phone: person.phone ?? '',
      mobile: person.mobile ?? '',
      primary: person.primary,
    })),
    currency: customer?.currency ?? '',
    paymentTermsDays:
      customer?.paymentTermsDays === undefined ? '' : String(customer.paymentTermsDays),
    notes: customer?.notes ?? '',
    custom: Object.fromEntries(
      Object.entries(customer?.customFields ?? {}).map(([key, value]) => [
        key,
        typeof value === 'boolean' ? value : String(value),
      ]),
    ),
  };
}

const text = (value: string): string | undefined => value.trim() || undefined;

function addressValue(draft: AddressDraft): Address | undefined {
  const address: Address = {};
  for (const key of ADDRESS_KEYS) {
    const value = text(draft[key]);
    if (value !== undefined) address[key] = value;
  }
  return Object.keys(address).length > 0 ? address : undefined;
}

function customValues(
  draft: CustomerDraft,
  definitions: readonly CustomerFieldDefinition[],
): Record<string, CustomFieldValue> {
  const values: Record<string, CustomFieldValue> = {};
  for (const { key, type } of definitions) {
    const raw = draft.custom[key];
    if (type === 'boolean') {
      if (raw === true) values[key] = true;
    } else if (typeof raw === 'string' && raw.trim()) {
      values[key] = type === 'number' ? Number(raw.normalize('NFKC').trim()) : raw.trim();
    }
  }
  return values;
}

/** The create body of a draft; empty optional fields are left out. */
export function customerValues(
  draft: CustomerDraft,
  definitions: readonly CustomerFieldDefinition[],
): CustomerCreate {
  const billingAddress = addressValue(draft.billing);
  const terms = draft.paymentTermsDays.normalize('NFKC').trim();
  const values: CustomerCreate = {
    kind: draft.kind,
    displayName: draft.displayName.trim(),
    companyName: draft.kind === 'business' ? text(draft.companyName) : undefined,
    email: text(draft.email),
    phone: text(draft.phone),
    mobile: text(draft.mobile),
    fax: text(draft.fax),
    website: text(draft.website),
    billingAddress,
    shippingAddress: draft.sameAsBilling ? billingAddress : addressValue(draft.shipping),
    contactPersons: draft.contacts.map((person) => ({
      ...(person.id ? { id: person.id } : {}),
      firstName: text(person.firstName),
      lastName: person.lastName.trim(),
      email: text(person.email),
      phone: text(person.phone),
      mobile: text(person.mobile),
      primary: person.primary,
    })),
    customFields: customValues(draft, definitions),
    currency: text(draft.currency),
    paymentTermsDays: terms ? Number(terms) : undefined,
    notes: text(draft.notes),
  };
  return withoutUndefined(values);
}

/**
 * Only the fields the user changed, so two people editing different fields of
 * the same customer never collide; a cleared optional field is sent as `null`.
 */
export function customerPatch({
  before,
  after,
}: {
  before: CustomerCreate;
  after: CustomerCreate;
}): CustomerPatch {
  return changedFields({ before, after }) as CustomerPatch;
}

/** Client-side checks, keyed by the same paths the server uses. */
export function checkCustomer(
  draft: CustomerDraft,
  definitions: readonly CustomerFieldDefinition[],
): Record<string, string | undefined> {
  const errors: Record<string, string | undefined> = {
    displayName: checkRequired(draft.displayName, 200),
    email: checkEmailIfAny(draft.email),
    paymentTermsDays: checkWholeNumber({ text: draft.paymentTermsDays, min: 0, max: 3650 }),
  };
  draft.contacts.forEach((person, index) => {
    errors[`contactPersons.${index}.lastName`] = checkRequired(person.lastName, 100);
    errors[`contactPersons.${index}.email`] = checkEmailIfAny(person.email);
  });
  for (const { key, type } of definitions) {
    const raw = draft.custom[key];
    if (type === 'number' && typeof raw === 'string' && raw.trim()) {
      const ok = Number.isFinite(Number(raw.normalize('NFKC').trim()));
      errors[`customFields.${key}`] = ok ? undefined : t('records.validation.number');
    }
  }
  return errors;
}
