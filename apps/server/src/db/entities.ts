import type { EntityName, EntityRowMap } from '@kanjo/core';
import { readInChunks, type Db } from './database';
import type { FieldHistory } from '../sync/field-history';
import type { Insertable } from 'kysely';
import { prepared } from './prepared';
import type { Database } from './schema';

export type EntityTableName =
  'customers' | 'items' | 'quotes' | 'sales_orders' | 'invoices' | 'payments';

export const entityTable = {
  customer: 'customers',
  item: 'items',
  quote: 'quotes',
  salesOrder: 'sales_orders',
  invoice: 'invoices',
  payment: 'payments',
} as const satisfies Record<EntityName, EntityTableName & keyof Database>;

/** Who last changed a field, at which organization seq (conflicts are per field). */
export interface FieldWrite {
  version: number;
  userId: string;
  /** The sync client, or null for a REST write. */
  clientId: string | null;
}

export type FieldMeta = Record<string, FieldWrite>;

export interface StoredEntity<E extends EntityName = EntityName> {
  row: EntityRowMap[E];
  version: number;
  deletedAt: string | null;
  fieldMeta: FieldMeta;
  fieldHistory: FieldHistory;
}

/** One entity of one organization; soft-deleted rows only when asked for. */
export async function readEntity<E extends EntityName>(
  db: Db,
  organizationId: string,
  entity: E,
  id: string,
  { includeDeleted = false } = {},
): Promise<StoredEntity<E> | undefined> {
  const found = await readStoredRecord(db, organizationId, entity, id);
  if (!found || (found.deleted_at && !includeDeleted)) return undefined;
  return decodeStored<E>(found);
}

/** An entity's stored columns as read, soft-deleted or not; `decodeStored` makes it a row. */
export interface StoredRecord {
  data: string;
  version: number;
  deleted_at: string | null;
  field_meta: string;
  field_history: string;
}

export async function readStoredRecord(
  db: Db,
  organizationId: string,
  entity: EntityName,
  id: string,
): Promise<StoredRecord | undefined> {
  const read = readRecord[entityTable[entity]];
  const { rows } = await read<StoredRecord>(db, { organizationId, id });
  return rows[0];
}

/** Many rows of one entity by id, soft-deleted or not: the ids not found are absent from the map. */
export async function readStoredRecords(
  db: Db,
  organizationId: string,
  entity: EntityName,
  ids: readonly string[],
): Promise<Map<string, StoredRecord>> {
  const table: EntityTableName = entityTable[entity];
  const rows = await readInChunks(ids, (chunk) =>
    db
      .selectFrom(table)
      .select(['id', 'data', 'version', 'deleted_at', 'field_meta', 'field_history'])
      .where('organization_id', '=', organizationId)
      .where('id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map(({ id, ...record }) => [id, record]));
}

/** Per table, the read of one row by id: what every write of the write path runs first. */
const readRecord = Object.fromEntries(
  Object.values(entityTable).map((table) => [
    table,
    prepared((db, { organizationId, id }: { organizationId: string; id: string }) =>
      db
        .selectFrom(table)
        .select(['data', 'version', 'deleted_at', 'field_meta', 'field_history'])
        .where('organization_id', '=', organizationId)
        .where('id', '=', id),
    ),
  ]),
) as Record<EntityTableName, ReturnType<typeof prepared<{ organizationId: string; id: string }>>>;

/** A new, unshared decoding of a stored record each call: the caller may change it. */
export function decodeStored<E extends EntityName>(found: StoredRecord): StoredEntity<E> {
  return {
    row: decode<E>(found.data, found.version),
    version: found.version,
    deletedAt: found.deleted_at,
    fieldMeta: JSON.parse(found.field_meta) as FieldMeta,
    fieldHistory: JSON.parse(found.field_history) as FieldHistory,
  };
}

export function decode<E extends EntityName>(data: string, version: number): EntityRowMap[E] {
  return { ...(JSON.parse(data) as EntityRowMap[E]), version };
}

/**
 * Writes one entity row at `version` (the organization seq of the mutation).
 * The list columns are derived from the row here, so they can never disagree
 * with the JSON they index.
 */
export async function writeEntity(
  db: Db,
  organizationId: string,
  entity: EntityName,
  id: string,
  row: EntityRowMap[EntityName],
  {
    version,
    deletedAt,
    now,
    fieldMeta,
    fieldHistory,
  }: {
    version: number;
    deletedAt: string | null;
    now: string;
    fieldMeta?: FieldMeta;
    fieldHistory?: FieldHistory;
  },
): Promise<void> {
  const stored = { ...row, version };
  const columns = {
    version,
    data: JSON.stringify(stored),
    search: await searchText(db, organizationId, entity, row),
    ref_id: refId(row),
    status: 'status' in row && typeof row.status === 'string' ? row.status : null,
    number: 'number' in row && typeof row.number === 'string' ? row.number : null,
    deleted_at: deletedAt,
    updated_at: now,
    ...(fieldMeta ? { field_meta: JSON.stringify(fieldMeta) } : {}),
    ...(fieldHistory ? { field_history: JSON.stringify(fieldHistory) } : {}),
  };
  const key = { organization_id: organizationId, id, created_at: createdAt(row, now) };
  await upsertRow[entityTable[entity]](db, { ...key, ...columns });
}

/** An entity row's columns as `writeEntity` stores them; a row's field metadata only when given. */
type RowColumns = Omit<Insertable<Database['customers']>, 'field_meta' | 'field_history'> & {
  field_meta?: string;
  field_history?: string;
};

/** Per table, the upsert of one row: what every write of the write path runs. */
const upsertRow = Object.fromEntries(
  Object.values(entityTable).map((table) => [
    table,
    prepared((db, { organization_id, id, created_at, ...columns }: RowColumns) =>
      db
        .insertInto(table)
        .values({ organization_id, id, created_at, ...columns })
        .onConflict((oc) => oc.columns(['organization_id', 'id']).doUpdateSet(columns)),
    ),
  ]),
) as Record<EntityTableName, (db: Db, columns: RowColumns) => Promise<unknown>>;

function createdAt(row: object, now: string): string {
  return 'createdAt' in row && typeof row.createdAt === 'string' ? row.createdAt : now;
}

function refId(row: object): string | null {
  if ('customerId' in row && typeof row.customerId === 'string') return row.customerId;
  if ('invoiceId' in row && typeof row.invoiceId === 'string') return row.invoiceId;
  return null;
}

/** Lower-case, NFKC-normalized text that `?q=` matches against (全角 and 半角 alike). */
export function normalizeSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

async function searchText(
  db: Db,
  organizationId: string,
  entity: EntityName,
  row: EntityRowMap[EntityName],
): Promise<string> {
  const parts: unknown[] = [];
  const r = row as unknown as Record<string, unknown>;
  switch (entity) {
    case 'customer': {
      parts.push(r.displayName, r.companyName, r.email, r.phone, r.mobile);
      const persons = Array.isArray(r.contactPersons)
        ? (r.contactPersons as Record<string, unknown>[])
        : [];
      for (const p of persons) parts.push(p.firstName, p.lastName, p.email);
      break;
    }
    case 'item':
      parts.push(r.name, r.sku, r.description);
      break;
    case 'payment':
      parts.push(r.reference, r.method, r.date);
      break;
    default: {
      parts.push(r.number, r.referenceNumber);
      // Documents are found by their customer's name too.
      if (typeof r.customerId === 'string') {
        const customer = await readEntity(db, organizationId, 'customer', r.customerId, {
          includeDeleted: true,
        });
        if (customer) parts.push(customer.row.displayName);
      }
    }
  }
  return normalizeSearch(parts.filter((p): p is string => typeof p === 'string').join(' '));
}
