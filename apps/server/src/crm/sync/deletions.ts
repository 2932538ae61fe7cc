import type { CrmDeletedRecord } from '@kanjo/core';
import { commitRecord, readByCrmIds, type EntityState, type SyncContext } from './context';
import { loadCursor, saveCursor } from './cursors-store';
import { hasLinkedRecord } from './links-store';

/** Deleted records handled per read of their links. */
const PAGE = 100;
import { laterTime, overlapped } from './times';

/**
 * Deletes never propagate: a CRM record deleted since the cursor has its link
 * marked `crm_deleted` (an `unlinked` run item) and the Kanjo record is kept.
 */
export function hasLinked(ctx: SyncContext, state: EntityState): Promise<boolean> {
  const { entity, module } = state.adapter;
  return hasLinkedRecord(ctx.deps.db, ctx.organizationId, { entity, crmModule: module });
}

export async function pullDeletions(
  ctx: SyncContext,
  state: EntityState,
  /** Unlinks a deleted record another entity holds (a contact person); true when it did. */
  claim?: (crmId: string, time: string | null) => Promise<boolean>,
  {
    nothingLinkedBefore = false,
  }: {
    /**
     * No record of this module was linked when the run began (a first sync): a deletion
     * can concern none of them, so `/deleted` is not asked. The cursor stays unset, so
     * the next run asks from the beginning and misses nothing deleted meanwhile.
     */
    nothingLinkedBefore?: boolean;
  } = {},
): Promise<void> {
  const { adapter } = state;
  if (nothingLinkedBefore && !claim) return;
  const cursor = await loadCursor(ctx.deps.db, ctx.organizationId, adapter.module);
  let newest = cursor.deletedSince;
  const deleted = ctx.provider.deleted(adapter.module, {
    since: overlapped(cursor.deletedSince),
  });
  let page: CrmDeletedRecord[] = [];
  const unlinkPage = async () => {
    await readByCrmIds(
      ctx,
      state,
      page.map((record) => record.id),
    );
    for (const record of page) {
      const time = record.deletedAt;
      newest = laterTime(newest, time);
      if (claim && (await claim(record.id, time))) continue;
      const link = state.byCrmId.get(record.id);
      if (link?.status !== 'linked') continue;
      await commitRecord(ctx, state, { link: { ...link, status: 'crm_deleted' } });
      ctx.recorder.add({
        entity: adapter.entity,
        localId: link.localId,
        crmModule: adapter.module,
        crmId: link.crmId,
        action: 'unlinked',
        direction: 'inbound',
        reason: `deleted in the CRM${time ? ` at ${time}` : ''}: the Kanjo record is kept`,
      });
    }
    page = [];
  };
  for await (const record of deleted) {
    page.push(record);
    if (page.length >= PAGE) await unlinkPage();
  }
  await unlinkPage();
  if (!ctx.dryRun && newest !== cursor.deletedSince) {
    await saveCursor(ctx.deps.db, ctx.organizationId, adapter.module, { deletedSince: newest });
  }
  await ctx.recorder.flush();
}
