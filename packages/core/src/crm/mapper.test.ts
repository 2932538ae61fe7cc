import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ContactPerson, Customer, CustomerPatch } from '../schemas/customer';
import { customerPatchSchema, customerSchema } from '../schemas/customer';
import {
  DEFAULT_ACCOUNT_MAPPING,
  DEFAULT_LINKED_CONTACT_MAPPING,
  DEFAULT_UNLINKED_CONTACT_MAPPING,
} from './defaults';
import {
  applyContactFields,
  applyCustomerFields,
  contactFields,
  contactToCrm,
  crmToContact,
  crmToCustomerPatch,
  customerFields,
  customerToCrm,
} from './mapper';
import { composeIndividualName, splitIndividualName } from './names';
import type { FieldMapping } from './settings';

function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'c1',
    kind: 'business',
    displayName: 'Acme',
    contactPersons: [],
    customFields: {},
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const MAPPING_WITH_CUSTOM: FieldMapping[] = [
  ...DEFAULT_ACCOUNT_MAPPING,
  { kanjo: 'customFields.region', crm: 'Region' },
  { kanjo: 'customFields.employees', crm: 'Employees' },
];

describe('customerToCrm / crmToCustomerPatch', () => {
  const customer = makeCustomer({
    displayName: 'サクラ商事',
    phone: '03-1234-5678',
    fax: '03-1234-5679',
    billingAddress: { city: 'Tokyo', postalCode: '100-0001' },
    customFields: { region: 'Kanto', employees: 12 },
  });

  it('writes every mapped field, null for absent', () => {
    expect(customerToCrm(customer, MAPPING_WITH_CUSTOM)).toEqual({
      Account_Name: 'サクラ商事',
      Billing_Street: null,
      Billing_City: 'Tokyo',
      Billing_State: null,
      Billing_Code: '100-0001',
      Billing_Country: null,
      Shipping_Street: null,
      Shipping_City: null,
      Shipping_State: null,
      Shipping_Code: null,
      Shipping_Country: null,
      Phone: '03-1234-5678',
      Fax: '03-1234-5679',
      Website: null,
      Description: null,
      Region: 'Kanto',
      Employees: 12,
    });
  });

  it('reads a CRM record back to the same Kanjo values', () => {
    const record = { ...customerToCrm(customer, MAPPING_WITH_CUSTOM), id: '1', Owner: { id: '2' } };
    expect(crmToCustomerPatch(record, MAPPING_WITH_CUSTOM)).toEqual(
      customerFields(customer, MAPPING_WITH_CUSTOM),
    );
  });

  it('is the identity on mapped fields for any customer (customer → CRM → patch → customer)', () => {
    const text = fc.option(
      fc.string({ maxLength: 20 }).map((s) => s.trim()),
      { nil: undefined },
    );
    const arbitrary = fc.record({
      displayName: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      phone: text,
      fax: text,
      notes: text,
      city: text,
      street: text,
    });
    fc.assert(
      fc.property(arbitrary, ({ city, street, ...rest }) => {
        const original = makeCustomer({
          ...dropUndefined(rest),
          displayName: rest.displayName.trim(),
          billingAddress: dropUndefined({ city, street }),
        });
        const flat = crmToCustomerPatch(
          customerToCrm(original, DEFAULT_ACCOUNT_MAPPING),
          DEFAULT_ACCOUNT_MAPPING,
        );
        const patch = applyCustomerFields(original, flat);
        expect(v.is(customerPatchSchema, patch)).toBe(true);
        const after = withPatch(original, patch);
        expect(customerFields(after, DEFAULT_ACCOUNT_MAPPING)).toEqual(
          customerFields(original, DEFAULT_ACCOUNT_MAPPING),
        );
      }),
    );
  });

  it('ignores lookups and arrays coming from the CRM', () => {
    const flat = crmToCustomerPatch({ Account_Name: { id: '1', name: 'x' }, Phone: ['1'] }, [
      { kanjo: 'displayName', crm: 'Account_Name' },
      { kanjo: 'phone', crm: 'Phone' },
    ]);
    expect(flat).toEqual({ displayName: null, phone: null });
  });
});

describe('applyCustomerFields', () => {
  const customer = makeCustomer({
    billingAddress: { street: '1-1 Chiyoda', city: 'Tokyo' },
    customFields: { region: 'Kanto', vip: true },
    phone: '03',
  });

  it('keeps the untouched parts of an address and of the custom fields', () => {
    const patch = applyCustomerFields(customer, {
      'billingAddress.city': 'Osaka',
      'customFields.region': null,
      phone: null,
      fax: '  06 ',
    });
    expect(patch).toEqual({
      billingAddress: { street: '1-1 Chiyoda', city: 'Osaka' },
      customFields: { vip: true },
      phone: null,
      fax: '06',
    });
    expect(v.is(customerPatchSchema, patch)).toBe(true);
  });

  it('clears an address left empty, and never clears displayName', () => {
    const patch = applyCustomerFields(customer, {
      'billingAddress.street': '',
      'billingAddress.city': null,
      displayName: null,
      unknownPath: 'x',
    });
    expect(patch).toEqual({ billingAddress: null });
  });

  it('builds a patch for a customer about to be created', () => {
    expect(
      applyCustomerFields(undefined, { displayName: 'Acme', 'shippingAddress.city': 'Kobe' }),
    ).toEqual({
      displayName: 'Acme',
      shippingAddress: { city: 'Kobe' },
    });
  });
});

describe('individual customers (unlinked Contacts)', () => {
  it.each([
    ['Ada', 'Lovelace', 'Ada Lovelace'],
    ['太郎', '山田', '山田 太郎'],
    ['ﾀﾛｳ', 'ヤマダ', 'ヤマダ ﾀﾛｳ'],
    [null, 'Cher', 'Cher'],
    ['  Ada ', ' Lovelace ', 'Ada Lovelace'],
    ['Ada King', 'Lovelace', 'Ada King Lovelace'],
    [null, null, null],
  ])('First_Name %j + Last_Name %j → %j', (firstName, lastName, expected) => {
    expect(composeIndividualName({ firstName, lastName })).toBe(expected);
    const flat = crmToCustomerPatch({ First_Name: firstName, Last_Name: lastName }, [], {
      individual: true,
    });
    expect(flat.displayName).toBe(expected);
  });

  it.each([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['Ada King Lovelace', 'Ada King', 'Lovelace'],
    ['山田 太郎', '太郎', '山田'],
    ['山田太郎', null, '山田太郎'],
    ['Cher', null, 'Cher'],
  ])('splits %j into First_Name %j, Last_Name %j and composes it back', (name, first, last) => {
    expect(splitIndividualName(name)).toEqual({ firstName: first, lastName: last });
    expect(composeIndividualName({ firstName: first, lastName: last })).toBe(name);
  });

  it('maps an individual to a Contact and back', () => {
    const customer = makeCustomer({
      kind: 'individual',
      displayName: '山田 太郎',
      email: 'taro@example.jp',
      billingAddress: { postalCode: '100-0001' },
    });
    const record = customerToCrm(customer, DEFAULT_UNLINKED_CONTACT_MAPPING, { individual: true });
    expect(record).toMatchObject({
      First_Name: '太郎',
      Last_Name: '山田',
      Email: 'taro@example.jp',
      Mailing_Zip: '100-0001',
    });
    expect(
      crmToCustomerPatch(record, DEFAULT_UNLINKED_CONTACT_MAPPING, { individual: true }),
    ).toEqual(customerFields(customer, DEFAULT_UNLINKED_CONTACT_MAPPING, { individual: true }));
  });
});

describe('contact persons (linked Contacts)', () => {
  const person: ContactPerson = {
    id: 'p1',
    firstName: 'Taro',
    lastName: 'Yamada',
    email: 'taro@example.jp',
    primary: true,
  };

  it('round-trips through the CRM', () => {
    const record = contactToCrm(person, DEFAULT_LINKED_CONTACT_MAPPING);
    expect(record).toEqual({
      First_Name: 'Taro',
      Last_Name: 'Yamada',
      Email: 'taro@example.jp',
      Phone: null,
      Mobile: null,
    });
    const flat = crmToContact(record, DEFAULT_LINKED_CONTACT_MAPPING);
    expect(flat).toEqual(contactFields(person, DEFAULT_LINKED_CONTACT_MAPPING));
    expect(applyContactFields(person, flat)).toEqual(person);
  });

  it('applies CRM values, clearing optional ones and keeping a required last name', () => {
    const next = applyContactFields(person, {
      'contact.email': null,
      'contact.lastName': null,
      'contact.mobile': '090',
    });
    expect(next).toEqual({
      id: 'p1',
      firstName: 'Taro',
      lastName: 'Yamada',
      mobile: '090',
      primary: true,
    });
  });

  it('makes a new person from a CRM Contact', () => {
    const flat = crmToContact(
      { Last_Name: '山田', Email: 'y@example.jp' },
      DEFAULT_LINKED_CONTACT_MAPPING,
    );
    expect(applyContactFields(undefined, flat)).toEqual({
      lastName: '山田',
      email: 'y@example.jp',
      primary: false,
    });
  });
});

/** The customer after a patch: null clears, as the customer.patch mutation does. */
function withPatch(customer: Customer, patch: CustomerPatch): Customer {
  const next: Record<string, unknown> = { ...customer };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return v.parse(customerSchema, next);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as T;
}
