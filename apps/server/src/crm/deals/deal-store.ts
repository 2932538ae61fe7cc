import type { CrmRecord, Deal, SyncChange } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import type { WriteTx } from '../../mutations/committed';
import { appendChange } from '../../sync/change-log';

/**
 * The server's deals: every CRM deal read (raw), and for deals of synced
 * customers the cached `Deal` the PWA pulls. A deal reaches the PWA through
 * the change log like any row; one that loses its customer (or is deleted in
 * the CRM) goes as a tombstone, so pickers drop it.
 */

export interface StoredDeal {
  id: string;
  crmAccountId: string | null;
  crmContactId: string | null;
  customerId: string | null;
  record: CrmRecord;
  /** What the PWA has (its last state for a tombstone); null if it never had it. */
  deal: Omit<Deal, 'version'> | null;
  version: number;
  deletedAt: string | null;
}

type DealRow = {
  id: string;
  crm_account_id: string | null;
  crm_contact_id: string | null;
  customer_id: string | null;
  crm_record: string;
  data: string | null;
  version: number;
  deleted_at: string | null;
};

const COLUMNS = [
  'id',
  'crm_account_id',
  'crm_contact_id',
  'customer_id',
  'crm_record',
  'data',
  'version',
  'deleted_at',
] as const;

function toStored(row: DealRow): StoredDeal {
  return {
    id: row.id,
    crmAccountId: row.crm_account_id,
    crmContactId: row.crm_contact_id,
    customerId: row.customer_id,
    record: JSON.parse(row.crm_record) as CrmRecord,
    deal: row.data === null ? null : (JSON.parse(row.data) as Omit<Deal, 'version'>),
    version: row.version,
    deletedAt: row.deleted_at,
  };
}

/** The stored deals among `ids` (deleted ones too), by id. */
export async function readDeals(
  db: Db,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, StoredDeal>> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db
      .selectFrom('deals')
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((row) => [row.id, toStored(row)]));
}

/** Whether the organization has any deal stored. */
export async function hasStoredDeals(db: Db, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('deals')
    .select('id')
    .where('organization_id', '=', organizationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deals of the CRM records given (Accounts or Contacts ids), not deleted. */
export async function readDealsOfCrmRecords(
  db: Db,
  organizationId: string,
  module: 'Accounts' | 'Contacts',
  crmIds: readonly string[],
): Promise<StoredDeal[]> {
  const column = module === 'Accounts' ? 'crm_account_id' : 'crm_contact_id';
  return readInChunks([...new Set(crmIds)], async (chunk) => {
    const rows = await db
      .selectFrom('deals')
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .where(column, 'in', chunk)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map(toStored);
  });
}

/** The live deals of one customer, as the PWA has them. */
export async function readCustomerDeals(
  db: Db,
  organizationId: string,
  customerId: string,
): Promise<Deal[]> {
  const rows = await db
    .selectFrom('deals')
    .select(['data', 'version'])
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .where('data', 'is not', null)
    .execute();
  return rows.map((r) => ({
    ...(JSON.parse(r.data ?? '{}') as Omit<Deal, 'version'>),
    version: r.version,
  }));
}

export interface DealWrite {
  id: string;
  record: CrmRecord;
  crmAccountId: string | null;
  crmContactId: string | null;
  customerId: string | null;
  /** The PWA's deal; null when its customer is not synced (nothing to show). */
  deal: Omit<Deal, 'version'> | null;
  deletedAt: string | null;
}

/** Whether the PWA would see a difference: its row, or whether it has the row at all. */
function visibleChange(before: StoredDeal | undefined, next: DealWrite): boolean {
  const shownBefore = before?.deal && before.customerId && !before.deletedAt;
  const shownNow = next.deal && next.customerId && !next.deletedAt;
  if (!shownBefore && !shownNow) return false;
  if (!shownBefore || !shownNow) return true;
  const { syncedAt: _a, ...was } = before.deal ?? {};
  const { syncedAt: _b, ...now } = next.deal ?? {};
  return JSON.stringify(was) !== JSON.stringify(now);
}

/**
 * Stores deals in the caller's transaction. Deals the PWA sees differently
 * share one new organization seq and a change-log entry each; the others are
 * stored without one (a re-read with nothing new costs the PWA nothing).
 * Returns that seq, or undefined when the PWA sees no change.
 */
export async function writeDeals(
  tx: WriteTx,
  organizationId: string,
  writes: readonly DealWrite[],
  { now }: { now: string },
): Promise<number | undefined> {
  if (writes.length === 0) return undefined;
  const { trx } = tx;
  const before = await readDeals(
    trx,
    organizationId,
    writes.map((w) => w.id),
  );
  const visible = writes.filter((w) => visibleChange(before.get(w.id), w));
  const seq = visible.length > 0 ? await tx.nextSeq(organizationId) : undefined;
  for (const write of writes) {
    const previous = before.get(write.id);
    const logged = seq !== undefined && visible.includes(write);
    // A tombstone keeps the last deal the PWA had, so pull can still send its row.
    const data = write.deal ?? previous?.deal ?? null;
    const values = {
      crm_account_id: write.crmAccountId,
      crm_contact_id: write.crmContactId,
      customer_id: write.customerId,
      crm_record: JSON.stringify(write.record),
      data: data === null ? null : JSON.stringify(data),
      version: logged ? seq : (previous?.version ?? 0),
      crm_modified_time:
        typeof write.record.Modified_Time === 'string' ? write.record.Modified_Time : null,
      deleted_at: write.deletedAt,
      updated_at: now,
    };
    await trx
      .insertInto('deals')
      .values({ organization_id: organizationId, id: write.id, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['organization_id', 'id']).doUpdateSet(values))
      .execute();
    if (logged) {
      const shown = write.deal && write.customerId && !write.deletedAt;
      await appendChange(trx, {
        organizationId,
        seq,
        entity: 'deal',
        entityId: write.id,
        op: shown ? 'put' : 'delete',
        mutation: 'crm.deal',
        actorUserId: null,
        now,
      });
    }
  }
  if (seq !== undefined) {
    const entities = visible.map(({ id }) => ({ entity: 'deal' as const, id }));
    tx.wrote(organizationId, seq, entities, { forCrm: false });
  }
  return seq;
}

/** Pull: each deal's current row, or a tombstone when the PWA should drop it. */
export async function readDealChanges(
  trx: Db,
  organizationId: string,
  ids: string[],
): Promise<SyncChange[]> {
  const deals = await readDeals(trx, organizationId, ids);
  return [...deals.values()].flatMap((stored): SyncChange[] => {
    if (!stored.deal) return [];
    const row = { ...stored.deal, version: stored.version };
    const gone = stored.deletedAt !== null || stored.customerId === null;
    return [
      { entity: 'deal', id: stored.id, op: gone ? 'delete' : 'put', row, version: stored.version },
    ];
  });
}
