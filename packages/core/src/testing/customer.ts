import type { ArgsInput } from './args';

export type CustomerCreateArgs = ArgsInput<'customer.create'>;

/** Args of a valid `customer.create`: a business with no contact persons or custom fields. */
export function customerArgs(overrides: Partial<CustomerCreateArgs> = {}): CustomerCreateArgs {
  return {
    kind: 'business',
    displayName: 'Sync Co',
    contactPersons: [],
    customFields: {},
    ...overrides,
  };
}
