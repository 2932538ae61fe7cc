import { DEAL_FIELDS, type CrmRecord } from '@kanjo/core';
import { markDealsDeleted, relinkDeals, storeDealRecords } from '../deals/deal-sync';
import type { SyncAdapter } from './adapters';
import { ContactPersonSync } from './contacts-persons';
import { entityState, readByCrmIds, type SyncContext } from './context';
import { pullDeletions } from './deletions';
import { Matcher, reconcilePage } from './inbound';
import type { NotifiedRecords } from './run';

/**
 * A CRM notification named these records: read them (or their deletion)
 * only. With a view chosen, a notified record not linked yet waits for
 * the view's read: the notification does not say whether it is in the view.
 */
export async function syncNotified(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  notified: NotifiedRecords,
): Promise<void> {
  if (notified.module === 'Deals') {
    if (ctx.outOfReach?.has('Deals')) return;
    if (notified.operation === 'delete') {
      await markDealsDeleted(
        ctx,
        notified.ids.map((id) => ({ id, time: null })),
      );
    } else {
      await storeDealRecords(ctx, await ctx.provider.records('Deals', notified.ids, DEAL_FIELDS));
    }
    await ctx.recorder.flush();
    return;
  }
  const states = adapters.map(entityState);
  const state = states.find((s) => s.adapter.module === notified.module);
  if (!state) return;
  const persons = await ContactPersonSync.load(ctx, states);
  if (notified.operation === 'delete') {
    await pullDeletions(ctx, state, persons?.deletionsOf(state));
    return;
  }
  let records = await ctx.provider.records(
    state.adapter.module,
    notified.ids,
    state.adapter.listFields,
  );
  if (state.adapter.view !== undefined) {
    await readByCrmIds(
      ctx,
      state,
      records.map((r) => String(r.id)),
    );
    records = records.filter((r) => state.byCrmId.has(String(r.id)));
  }
  const reconcile =
    persons?.readerOf(state) ??
    ((page: CrmRecord[]) => reconcilePage(ctx, state, new Matcher(ctx, state), page));
  await reconcile(records);
  await ctx.recorder.flush();
  if (state.newlyLinked.size > 0) await relinkDeals(ctx);
}
