/**
 * In-memory MutationContext for tests: a Map store, a counter for ids and
 * numbers, and `run()` which applies the writes the way persistence would
 * (version bumped, deletes soft). Not exported from the package.
 */
import type { Organization } from '../schemas/organization';
import type { MutationName } from './args';
import { formatDocumentNumber, seriesFormat } from '../numbering';
import { runMutation } from './run';
import type { EntityName, EntityRowMap, MutationContext, Role, Write } from './types';

export function makeOrganization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: 'org-1',
    name: 'Kanjo KK',
    baseCurrency: 'JPY',
    country: 'JP',
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    roundingMode: 'halfUp',
    numbering: { invoicePrefix: 'INV-', quotePrefix: 'QT-', salesOrderPrefix: 'SO-' },
    customerFields: [
      { key: 'segment', label: 'Segment', type: 'select', options: ['smb', 'enterprise'] },
      { key: 'employees', label: 'Employees', type: 'number' },
      { key: 'since', label: 'Customer since', type: 'date' },
      { key: 'vip', label: 'VIP', type: 'boolean' },
      { key: 'crm_ref', label: 'CRM ref', type: 'text' },
    ],
    ...overrides,
  };
}

export interface TestContext extends MutationContext {
  /** Runs a mutation and applies its writes to the store. */
  run(name: MutationName, entityId: string, args?: unknown): Promise<Write[]>;
  /** A live row, as persistence holds it. */
  get<E extends EntityName>(entity: E, id: string): EntityRowMap[E] | undefined;
  /** Soft-deleted rows by `entity:id`. */
  deleted: Set<string>;
  /** Stores a row as persistence would (for state no mutation makes, e.g. an automation mark). */
  put<E extends EntityName>(entity: E, row: EntityRowMap[E]): void;
}

export interface ContextOverrides {
  organization?: Partial<Organization>;
  role?: Role;
  now?: string;
  today?: string;
  /** 'server' numbers documents (INV-000001); 'client' leaves them pending (null). */
  numbering?: 'server' | 'client';
}

type StoredRow = EntityRowMap[EntityName];

export function makeContext(overrides: ContextOverrides = {}): TestContext {
  const store = new Map<string, StoredRow>();
  const deleted = new Set<string>();
  const counters = { id: 0, quote: 0, salesOrder: 0, invoice: 0 };
  const organization = makeOrganization(overrides.organization);

  function get<E extends EntityName>(entity: E, id: string): EntityRowMap[E] | undefined {
    const key = `${entity}:${id}`;
    if (deleted.has(key)) return undefined;
    // The store is keyed by entity, so the row under `entity:id` is that entity's row.
    return store.get(key) as EntityRowMap[E] | undefined;
  }

  const ctx: TestContext = {
    organization,
    actor: { userId: 'user-1', role: overrides.role ?? 'owner' },
    now: overrides.now ?? '2024-02-01T09:00:00.000Z',
    today: overrides.today ?? '2024-02-01',
    newId: () => `id-${++counters.id}`,
    read: (entity, id) => Promise.resolve(get(entity, id)),
    allocateNumber: (kind) => {
      if (overrides.numbering === 'client') return Promise.resolve(null);
      counters[kind] += 1;
      return Promise.resolve(
        formatDocumentNumber(seriesFormat(organization.numbering, kind), counters[kind]),
      );
    },
    get,
    deleted,
    put: (entity, row) => store.set(`${entity}:${row.id}`, row),
    async run(name, entityId, args = {}) {
      const writes = await runMutation(name, entityId, args, ctx);
      for (const write of writes) {
        const key = `${write.entity}:${write.id}`;
        const version = (store.get(key)?.version ?? 0) + 1;
        store.set(key, { ...write.row, version });
        if (write.op === 'delete') deleted.add(key);
      }
      return writes;
    },
  };
  return ctx;
}

/** A customer created through the mutation, for documents to reference. */
export async function seedCustomer(
  ctx: TestContext,
  id = 'cust-1',
  body: Record<string, unknown> = {},
): Promise<void> {
  await ctx.run('customer.create', id, { kind: 'business', displayName: 'Acme', ...body });
}

export const JAPAN_LINES = [
  { id: 'l1', name: 'Consulting', quantity: '3', rate: 1000, taxRate: '10' },
  { id: 'l2', name: 'Snacks', quantity: '2', rate: 398, taxRate: '8' },
];

/** An issued invoice for ¥4,160 (¥3,796 + ¥364 tax). */
export async function seedIssuedInvoice(ctx: TestContext, id = 'inv-1'): Promise<void> {
  if (ctx.get('customer', 'cust-1') === undefined) await seedCustomer(ctx);
  await ctx.run('invoice.create', id, { customerId: 'cust-1', lines: JAPAN_LINES });
  await ctx.run('invoice.issue', id);
}
