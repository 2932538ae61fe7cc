import type { Customer } from '../schemas/customer';
import type { Invoice, Quote, SalesOrder } from '../schemas/documents';
import type { Item } from '../schemas/item';
import type { Organization, Role } from '../schemas/organization';
import type { Payment } from '../schemas/payment';

export type { DomainErrorCode } from './errors';
export { DomainError } from './errors';
export type { MutationName } from './args';

export type EntityName = 'customer' | 'item' | 'quote' | 'salesOrder' | 'invoice' | 'payment';
export type { Role };

/** Stored rows: the wire shape without computed fields (no totals, no overdue). */
export interface EntityRowMap {
  customer: Customer;
  item: Item;
  quote: Quote;
  salesOrder: SalesOrder;
  invoice: Invoice;
  payment: Payment;
}

export interface MutationContext {
  /** Settings: roundingMode, numbering, customerFields, baseCurrency … */
  organization: Organization;
  actor: { userId: string; role: Role };
  /**
   * True when deal-stage automation runs the mutation. Any other write of an
   * automated document releases it: deal changes no longer touch it.
   */
  automated?: boolean;
  /** ISO instant, used for createdAt/updatedAt/sentAt. */
  now: string;
  /** 'YYYY-MM-DD' in the organization's time zone. */
  today: string;
  /** Ids for new rows and lines. */
  newId(): string;
  /** Undefined also for soft-deleted rows. */
  read<E extends EntityName>(entity: E, id: string): Promise<EntityRowMap[E] | undefined>;
  /**
   * The CRM deal a document may link to, with the Kanjo customer it belongs to
   * (null: its account or contact is not a synced customer); undefined when
   * unknown or deleted. Omitted where deals are not kept: links go unchecked.
   */
  readDeal?(id: string): Promise<{ customerId: string | null } | undefined>;
  /** The server assigns the next number (e.g. 'INV-000001'); the client returns null ("number pending"). */
  allocateNumber(kind: 'quote' | 'salesOrder' | 'invoice'): Promise<string | null>;
}

/**
 * One row a mutation writes. `delete` is a soft delete and `row` is the
 * row's last state. `version` is left as read (0 for new rows): persistence
 * stamps it.
 */
export interface Write {
  entity: EntityName;
  id: string;
  op: 'put' | 'delete';
  row: EntityRowMap[EntityName];
}

export interface MutationInput<A> {
  entityId: string;
  args: A;
  ctx: MutationContext;
}

export type MutationHandler<A> = (input: MutationInput<A>) => Promise<Write[]>;
