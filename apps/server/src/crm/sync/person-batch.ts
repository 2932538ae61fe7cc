import type { ContactPersonInput, CrmRecord } from '@kanjo/core';
import type { Customer } from './contacts-persons';
import type { RecordWork } from './context';
import type { CrmLink } from './links-store';
import type { RunItem } from './run-store';

/** A new Contact's person, its link and its history item, waiting to be written. */
export interface StagedPerson {
  record: CrmRecord;
  person: ContactPersonInput;
  link: CrmLink;
  item: Partial<RunItem> & Pick<RunItem, 'action'>;
}

/**
 * The new contact persons of one customer, met one after another in a page
 * of Contacts, written as one patch of the customer with their links: a first
 * import writes each customer once per page instead of once per Contact.
 * Only Contacts that add a person join (nothing to match, merge or hold), so
 * writing them together ends as writing them one by one would.
 */
export class PersonBatch {
  readonly staged: StagedPerson[] = [];

  constructor(readonly customer: Customer) {}

  has(crmId: string): boolean {
    return this.staged.some((s) => s.link.crmId === crmId);
  }

  add(staged: StagedPerson): void {
    this.staged.push(staged);
  }

  /** The customer with every staged person added, and their links. */
  work(): RecordWork {
    const { customer } = this;
    const added = this.staged.map((s) => s.person);
    return {
      mutation: {
        name: 'customer.patch',
        entityId: customer.id,
        args: { contactPersons: [...customer.contactPersons, ...added] },
      },
      links: this.staged.map((s) => s.link),
    };
  }
}
