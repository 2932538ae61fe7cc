import { CrmError } from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import type { SyncContext } from '../sync/context';
import {
  deleteLink,
  loadLink,
  loadLinksByLocalIds,
  saveLink,
  type CrmLink,
} from '../sync/links-store';

/**
 * The Products record of each document line. A line whose Kanjo item is
 * linked to a CRM product uses that product. Every other line — typed
 * freely, or of an item the CRM does not have — uses one product per
 * organization, "Kanjo document line", with the line's own text in the
 * line's Description: documents never add products to the CRM's catalogue
 * behind the item sync's back (which may be off, or CRM-first), a retry
 * cannot make a second one (an upsert on Product_Name), and it costs one
 * call once, not one per item.
 *
 * The shared product's id is kept as an item link of its own, marked
 * `skipped`: the item sync then never takes it for a Kanjo item, never
 * imports it, and ignores its deletion.
 */

export const LINE_PRODUCT_NAME = 'Kanjo document line';
/** The shared product's link: an item link whose Kanjo id is no item's. */
export const LINE_PRODUCT_LOCAL_ID = 'kanjo-document-line';
/** What a dry run names the shared product it would make. */
const NOT_MADE_YET = '(Kanjo document line, made on the first real run)';

/** The CRM product of each linked Kanjo item of these, by item id. */
export async function itemProducts(
  ctx: SyncContext,
  itemIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(itemIds)];
  const links = await loadLinksByLocalIds(ctx.deps.db, ctx.organizationId, 'item', ids);
  return new Map(
    links
      .filter((link) => link.status === 'linked' && link.crmModule === 'Products')
      .map((link) => [link.localId, link.crmId]),
  );
}

/** The shared product's id: kept from an earlier run, else upserted now (once). */
export async function sharedLineProduct(ctx: SyncContext): Promise<string> {
  const { db } = ctx.deps;
  const kept = await loadLink(db, ctx.organizationId, 'item', LINE_PRODUCT_LOCAL_ID);
  if (kept) return kept.crmId;
  if (ctx.dryRun) return NOT_MADE_YET;
  const [result] = await ctx.provider.upsert(
    'Products',
    [
      {
        Product_Name: LINE_PRODUCT_NAME,
        Product_Active: true,
        Description: 'Lines of Kanjo documents without a CRM product: each line says what it is.',
      },
    ],
    ['Product_Name'],
  );
  if (!result?.ok) {
    throw new CrmError({
      code: 'CRM_INVALID_REQUEST',
      providerCode: result?.code ?? 'CRM_BAD_RESPONSE',
      message: `the CRM refused the product "${LINE_PRODUCT_NAME}" of lines without a CRM product: ${result?.message ?? ''}`,
    });
  }
  const link: CrmLink = {
    entity: 'item',
    localId: LINE_PRODUCT_LOCAL_ID,
    crmModule: 'Products',
    crmId: result.id,
    crmModifiedTime: null,
    base: {},
    status: 'skipped',
    held: [],
    linkedReason: 'the product of document lines without a CRM product',
  };
  await writeTransaction(db, ctx.organizationId, (trx) =>
    saveLink(trx, ctx.organizationId, link, ctx.deps.clock().toISOString()),
  );
  return result.id;
}

/** Forgets the shared product (the CRM refused it, e.g. deleted there): the next run makes it again. */
export async function forgetSharedLineProduct(ctx: SyncContext, crmId: string): Promise<void> {
  await deleteLink(ctx.deps.db, ctx.organizationId, 'item', LINE_PRODUCT_LOCAL_ID, crmId);
}
