import {
  DOCUMENT_CRM_MODULES,
  DOCUMENT_DUPLICATE_FIELD,
  DOCUMENT_KINDS,
  type CrmWriteResult,
  type DocumentKind,
  type RoundingMode,
} from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import { loadOrganization } from '../../db/organizations';
import type { SyncContext } from '../sync/context';
import { batchResults } from '../sync/write-answer';
import { loadLink, loadLinksByCrmIds, saveLink, type CrmLink } from '../sync/links-store';
import { failOutbox, dequeueSent, markWaiting } from '../sync/outbox-store';
import { setOwners } from '../sync/acting-owner';
import { pushedItem } from '../sync/outbound';
import { collectDocuments, type DocumentSend, type DocumentWork } from './collect';
import { documentFacts, type DocumentFacts } from './facts';
import { forgetSharedLineProduct, LINE_PRODUCT_LOCAL_ID } from './line-product';
import { fillLineIds, readWritten, totalsNote, writtenBase } from './readback';

/** Zoho takes at most 100 records per write. */
const BATCH = 100;

/**
 * Issued quotes, sales orders and invoices → the CRM's Quotes, Sales_Orders
 * and Invoices, Kanjo → CRM only, with their line items (plan.ts); only
 * what Zoho computed from the lines is read back (readback.ts). A document's
 * first write is an upsert on Subject (its number), so a lost answer followed
 * by a retry updates the record the first try made instead of adding a second
 * one; later writes update the linked record with what changed since the
 * link's base. Each record's result is kept on its own: a refused one stays
 * queued with the CRM's reason and waits out its backoff. A document
 * whose customer is not linked waits, reported once. A dry run records what
 * would be sent and writes nothing.
 */
export async function pushDocuments(
  ctx: SyncContext,
  { dueOnly }: { dueOnly: boolean },
): Promise<void> {
  const organization = await loadOrganization(ctx.deps.db, ctx.organizationId);
  if (!organization) return;
  // Read from the CRM once for the whole run, and only as documents need them.
  const facts = documentFacts(ctx);
  for (const kind of DOCUMENT_KINDS) {
    // Out of the CRM user's reach: the documents stay queued, the history says why.
    if (ctx.outOfReach?.has(DOCUMENT_CRM_MODULES[kind])) continue;
    await pushKind(ctx, kind, { dueOnly, roundingMode: organization.roundingMode, facts });
  }
}

async function pushKind(
  ctx: SyncContext,
  kind: DocumentKind,
  options: { dueOnly: boolean; roundingMode: RoundingMode; facts: DocumentFacts },
): Promise<void> {
  const module = DOCUMENT_CRM_MODULES[kind];
  const readAt = ctx.deps.clock().toISOString();
  const work = await collectDocuments(ctx, kind, options);
  await setOwners(ctx, work.creates);
  reportUnsent(ctx, kind, work);
  if (ctx.dryRun) {
    for (const send of [...work.creates, ...work.updates]) {
      ctx.recorder.add(pushed(kind, send, send.link?.crmId, ['would be sent', ...send.notes]));
    }
    await ctx.recorder.flush();
    return;
  }
  await settle(ctx, kind, work, readAt);
  const duplicateCheckFields = [DOCUMENT_DUPLICATE_FIELD];
  for (let i = 0; i < work.creates.length; i += BATCH) {
    const batch = work.creates.slice(i, i + BATCH);
    const bodies = batch.map((send) => send.body);
    await sendBatch(ctx, kind, batch, readAt, () =>
      ctx.provider.upsert(module, bodies, duplicateCheckFields),
    );
  }
  await fillLineIds(ctx, module, work.updates);
  for (let i = 0; i < work.updates.length; i += BATCH) {
    const batch = work.updates.slice(i, i + BATCH);
    const bodies = batch.map((send) => ({ id: send.link?.crmId, ...send.body }));
    await sendBatch(ctx, kind, batch, readAt, () =>
      ctx.provider.updateUnmodified(module, bodies, null),
    );
  }
}

/** Waiting documents (the first time) and taken numbers, as skipped items. */
function reportUnsent(ctx: SyncContext, kind: DocumentKind, work: DocumentWork): void {
  const crmModule = DOCUMENT_CRM_MODULES[kind];
  const unsent = [...work.waits.filter((wait) => !wait.reported), ...work.taken];
  for (const { localId, reason } of unsent) {
    ctx.recorder.add({
      entity: kind,
      localId,
      crmModule,
      crmId: null,
      action: 'skipped',
      direction: 'outbound',
      reason,
    });
  }
}

/**
 * Settled documents leave the queue; waiting ones keep their reason on it;
 * those that could not be made ready fail and back off like a refused write.
 */
async function settle(ctx: SyncContext, kind: DocumentKind, work: DocumentWork, readAt: string) {
  const organizationId = ctx.organizationId;
  const now = ctx.deps.clock();
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const { localId, code, message } of work.failed) {
      await failOutbox(trx, { organizationId, entity: kind, localId, now, code, message });
      ctx.recorder.add(failedItem(kind, localId, undefined, { code, message }));
    }
    for (const localId of work.settled)
      await dequeueSent(trx, { organizationId, kind, localId, readAt });
    for (const wait of work.waits.filter((w) => !w.reported || w.retryAt)) {
      await markWaiting(trx, {
        organizationId,
        kind,
        localId: wait.localId,
        now: readAt,
        code: wait.code,
        reason: wait.reason,
        retryAt: wait.retryAt,
      });
    }
  });
  await ctx.recorder.flush();
}

async function sendBatch(
  ctx: SyncContext,
  kind: DocumentKind,
  batch: DocumentSend[],
  readAt: string,
  call: () => Promise<CrmWriteResult[]>,
): Promise<void> {
  const results = await batchResults(batch.length, call);
  const crmModule = DOCUMENT_CRM_MODULES[kind];
  const organizationId = ctx.organizationId;
  const landed = results.flatMap((result) => (result.ok ? [result.id] : []));
  const holders = new Map(
    (await loadLinksByCrmIds(ctx.deps.db, organizationId, { entity: kind, crmModule }, landed)).map(
      (link) => [link.crmId, link.localId],
    ),
  );
  const withLines = batch.flatMap((send, i) => {
    const result = results[i];
    return send.kanjoTotal !== undefined && result?.ok ? [result.id] : [];
  });
  const written = await readWritten(ctx, crmModule, withLines);
  await forgetRefusedLineProduct(ctx, results);
  const now = ctx.deps.clock();
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const [index, send] of batch.entries()) {
      const result = results[index] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: '' };
      const holder = result.ok ? holders.get(result.id) : undefined;
      if (result.ok && (holder === undefined || holder === send.localId)) {
        const record = written.get(result.id);
        const base = { ...send.fields, ...writtenBase(send, record) };
        // The CRM now holds `fields`: the next run sends only what differs from them.
        const link: CrmLink = send.link
          ? { ...send.link, base: { ...send.link.base, ...base } }
          : {
              entity: kind,
              localId: send.localId,
              crmModule,
              crmId: result.id,
              crmModifiedTime: null,
              base,
              status: 'linked',
              held: [],
              linkedReason:
                result.action === 'update' ? `same ${DOCUMENT_DUPLICATE_FIELD}` : 'pushed',
            };
        await saveLink(trx, organizationId, link, now.toISOString());
        await dequeueSent(trx, { organizationId, kind, localId: send.localId, readAt });
        const notes = [...send.notes, totalsNote(send, record) ?? []].flat();
        ctx.recorder.add(pushed(kind, send, result.id, notes));
        continue;
      }
      const failure = result.ok
        ? {
            code: 'CRM_ALREADY_LINKED',
            message: `CRM record ${result.id} is linked to ${kind} ${holder ?? '?'}`,
          }
        : { code: result.code, message: result.message };
      await failOutbox(trx, {
        organizationId,
        entity: kind,
        localId: send.localId,
        now,
        ...failure,
      });
      ctx.recorder.add(failedItem(kind, send.localId, send.link?.crmId, failure));
    }
  });
  await ctx.recorder.flush();
}

function failedItem(
  kind: DocumentKind,
  localId: string,
  crmId: string | undefined,
  failure: { code: string; message: string },
) {
  return {
    entity: kind,
    localId,
    crmModule: DOCUMENT_CRM_MODULES[kind],
    crmId: crmId ?? null,
    action: 'failed' as const,
    direction: 'outbound' as const,
    errorCode: failure.code,
    errorMessage: failure.message,
  };
}

function pushed(
  kind: DocumentKind,
  send: DocumentSend,
  crmId: string | undefined,
  notes: string[],
) {
  const target = {
    entity: kind,
    localId: send.localId,
    crmModule: DOCUMENT_CRM_MODULES[kind],
    crmId,
  };
  const what = send.link ? 'updated in the CRM' : 'created in the CRM';
  const reason = notes[0] === 'would be sent' ? notes.join('; ') : [what, ...notes].join('; ');
  return pushedItem(target, send, reason);
}

/**
 * A line product the CRM refused (the shared one deleted there, say) is
 * forgotten, so the next run makes or finds it again by name.
 */
async function forgetRefusedLineProduct(ctx: SyncContext, results: CrmWriteResult[]) {
  const refused = results.some(
    (result) => !result.ok && JSON.stringify(result.details).includes('Product_Name'),
  );
  if (!refused) return;
  const kept = await loadLink(ctx.deps.db, ctx.organizationId, 'item', LINE_PRODUCT_LOCAL_ID);
  if (kept) await forgetSharedLineProduct(ctx, kept.crmId);
}
