import {
  DEAL_FIELDS,
  dealFromCrm,
  lookupId,
  type CrmDeletedRecord,
  type CrmRecord,
  type Deal,
} from '@kanjo/core';
import { commitWrite } from '../../mutations/committed';
import { runDealAutomation, type SeenDeal } from '../automation/execute';
import type { EntityState, SyncContext } from '../sync/context';
import { loadCursor, saveCursor } from '../sync/cursors-store';
import { laterTime, overlapped } from '../sync/times';
import { customersOfDeals, dealCustomer } from './deal-customers';
import {
  hasStoredDeals,
  readDeals,
  writeDeals,
  type DealWrite,
  type StoredDeal,
} from './deal-store';

const MODULE = 'Deals';
/** Deals per committed page: the cursor moves only after a page's writes commit. */
const PAGE = 100;

/**
 * Reads the Deals changed since the cursor (sorted by Modified_Time) and
 * stores each; the cursor moves once a page committed. Deals come in only:
 * Kanjo never writes a deal.
 */
export async function pullDeals(ctx: SyncContext): Promise<void> {
  const cursor = await loadCursor(ctx.deps.db, ctx.organizationId, MODULE);
  let newest = cursor.modifiedSince;
  let page: CrmRecord[] = [];
  const flush = async () => {
    await storeDealRecords(ctx, page);
    for (const record of page) {
      newest = laterTime(
        newest,
        typeof record.Modified_Time === 'string' ? record.Modified_Time : null,
      );
    }
    page = [];
    if (!ctx.dryRun && newest !== null && newest !== cursor.modifiedSince) {
      await saveCursor(ctx.deps.db, ctx.organizationId, MODULE, { modifiedSince: newest });
    }
  };
  const records = ctx.provider.list(MODULE, {
    fields: DEAL_FIELDS,
    modifiedSince: overlapped(cursor.modifiedSince),
    oldestChangeFirst: true,
  });
  for await (const record of records) {
    page.push(record);
    if (page.length >= PAGE) await flush();
  }
  await flush();
  await ctx.recorder.flush();
}

/** Deals deleted in the CRM leave the PWA's pickers (the documents keep their deal id). */
export async function pullDealDeletions(ctx: SyncContext): Promise<void> {
  const cursor = await loadCursor(ctx.deps.db, ctx.organizationId, MODULE);
  let newest = cursor.deletedSince;
  let page: CrmDeletedRecord[] = [];
  const flush = async () => {
    await markDealsDeleted(
      ctx,
      page.map((record) => ({ id: record.id, time: record.deletedAt })),
    );
    for (const record of page) newest = laterTime(newest, record.deletedAt);
    page = [];
  };
  for await (const record of ctx.provider.deleted(MODULE, {
    since: overlapped(cursor.deletedSince),
  })) {
    page.push(record);
    if (page.length >= PAGE) await flush();
  }
  await flush();
  if (!ctx.dryRun && newest !== cursor.deletedSince) {
    await saveCursor(ctx.deps.db, ctx.organizationId, MODULE, { deletedSince: newest });
  }
  await ctx.recorder.flush();
}

/** Marks known deals deleted (unknown ones are nothing to Kanjo). */
export async function markDealsDeleted(
  ctx: SyncContext,
  deleted: readonly { id: string; time: string | null }[],
): Promise<void> {
  if (deleted.length === 0) return;
  const stored = await readDeals(
    ctx.deps.db,
    ctx.organizationId,
    deleted.map((d) => d.id),
  );
  const now = ctx.deps.clock().toISOString();
  const writes: DealWrite[] = [];
  for (const { id, time } of deleted) {
    const deal = stored.get(id);
    if (!deal || deal.deletedAt) continue;
    writes.push({ ...unchanged(deal), deletedAt: time ?? now });
    ctx.recorder.add({
      entity: 'deal',
      localId: id,
      crmModule: MODULE,
      crmId: id,
      action: 'unlinked',
      direction: 'inbound',
      reason: `deleted in the CRM${time ? ` at ${time}` : ''}: it leaves the deal pickers; documents keep their link`,
    });
  }
  if (ctx.dryRun || writes.length === 0) return;
  await commitWrite(ctx.deps, ctx.organizationId, (tx) =>
    writeDeals(tx, ctx.organizationId, writes, { now }),
  );
}

const unchanged = (deal: StoredDeal): DealWrite => ({
  id: deal.id,
  record: deal.record,
  crmAccountId: deal.crmAccountId,
  crmContactId: deal.crmContactId,
  customerId: deal.customerId,
  deal: deal.deal,
  deletedAt: deal.deletedAt,
});

/**
 * Stores CRM Deals records read by a run (a page of the Deals read, a
 * notification, the deals of an imported account): each is tied to its synced
 * customer when there is one, cached for the PWA, and evaluated by deal-stage
 * automation. Returns the deals of synced customers.
 */
export async function storeDealRecords(
  ctx: SyncContext,
  records: readonly CrmRecord[],
): Promise<Deal[]> {
  if (records.length === 0) return [];
  const { db } = ctx.deps;
  const now = ctx.deps.clock().toISOString();
  const [customers, before] = await Promise.all([
    customersOfDeals(ctx, records),
    readDeals(
      db,
      ctx.organizationId,
      records.map((r) => String(r.id)),
    ),
  ]);
  const seen: SeenDeal[] = records.map((record) => {
    const id = String(record.id);
    const customer = dealCustomer(record, customers.links);
    const deal = customer
      ? dealFromCrm(record, {
          customerId: customer.customerId,
          customerModule: customer.module,
          crmCurrency: customers.crmCurrency,
          syncedAt: now,
        })
      : null;
    const previous = before.get(id);
    const write: DealWrite = {
      id,
      record,
      crmAccountId: lookupId(record.Account_Name),
      crmContactId: lookupId(record.Contact_Name),
      customerId: customer?.customerId ?? null,
      deal,
      deletedAt: null,
    };
    recordDeal(ctx, write, previous);
    return { write, before: previous };
  });
  if (!ctx.dryRun) await runDealAutomation(ctx, seen, { now });
  return seen.flatMap(({ write }) =>
    write.deal ? [{ ...write.deal, version: before.get(write.id)?.version ?? 0 }] : [],
  );
}

/** A run item for a deal that is new to Kanjo or changed for the PWA (re-reads are silent). */
function recordDeal(ctx: SyncContext, write: DealWrite, previous: StoredDeal | undefined): void {
  if (!write.deal) return;
  const had = previous?.deal && previous.customerId && !previous.deletedAt;
  const { syncedAt: _a, ...was } = previous?.deal ?? {};
  const { syncedAt: _b, ...now } = write.deal;
  if (had && JSON.stringify(was) === JSON.stringify(now)) return;
  ctx.recorder.add({
    entity: 'deal',
    localId: write.id,
    crmModule: MODULE,
    crmId: write.id,
    action: had ? 'updated' : 'added',
    direction: 'inbound',
    reason: `${write.deal.name} (${write.deal.stage})`,
  });
}

/**
 * Deals read before their Account (or Contact) was a synced customer get
 * their customer once it is: the deals cursor has passed them, so they are
 * tied from what was stored, without reading the CRM again.
 */
export async function relinkDeals(ctx: SyncContext): Promise<void> {
  const unlinked = await ctx.deps.db
    .selectFrom('deals')
    .select('id')
    .where('organization_id', '=', ctx.organizationId)
    .where('customer_id', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
  if (unlinked.length === 0) return;
  const stored = await readDeals(
    ctx.deps.db,
    ctx.organizationId,
    unlinked.map((row) => row.id),
  );
  const customers = await customersOfDeals(
    ctx,
    [...stored.values()].map((deal) => deal.record),
  );
  const linkable = [...stored.values()].filter((deal) =>
    dealCustomer(deal.record, customers.links),
  );
  await storeDealRecords(
    ctx,
    linkable.map((deal) => deal.record),
  );
}

/**
 * Deals come in after customers (a deal is tied to its synced customer), and
 * deals read before their customer was linked are tied now. Automation acts
 * on what changed; its documents go out with this run's push.
 */
export async function syncDeals(ctx: SyncContext, states: EntityState[]): Promise<void> {
  // The CRM user may not read Deals: the run's history already says so.
  if (ctx.outOfReach?.has(MODULE)) return;
  if (states.some((state) => state.newlyLinked.size > 0)) await relinkDeals(ctx);
  // No deal stored yet (a first sync): no deletion can concern one, and the cursor stays unset.
  const hadDeals = await hasStoredDeals(ctx.deps.db, ctx.organizationId);
  await pullDeals(ctx);
  if (hadDeals) await pullDealDeletions(ctx);
}
