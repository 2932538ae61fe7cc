import { writeTransaction } from '../../db/database';
import { commitWrite } from '../../mutations/committed';
import { ServiceError } from '../../errors';
import { assertCrmActive } from '../settings-store';
import { deleteHoldsOfLocal, insertHolds, loadHoldsOf } from './hold-store';
import { runRepair, type RepairRequest } from './link-repair';
import { keptApartOf } from './link-repair-link';
import { targetRow } from './link-repair-view';
import { deleteLink, loadLink } from './links-store';
import { deleteOutbox, enqueueOutbox } from './outbox-store';

const notLinked = () =>
  new ServiceError('notFound', 'CRM_NOT_LINKED', 'This record is not linked to a CRM record.');

const nothingKeptApart = () =>
  new ServiceError(
    'conflict',
    'CRM_NOT_KEPT_APART',
    'Nothing was kept apart from this record: there is nothing to release.',
  );

/**
 * Unlinks the record: it is no longer synced, and — the safe choice — it is
 * neither matched nor sent as new, and its CRM record not imported as new,
 * until a person links it again or releases it.
 */
export async function unlinkRecord(req: RepairRequest): Promise<void> {
  const { db } = req.deps;
  const { entity, localId } = req.target;
  await targetRow(db, req.organizationId, req.target);
  await assertCrmActive(db, req.organizationId);
  if (!(await loadLink(db, req.organizationId, entity, localId))) throw notLinked();
  await runRepair(req, async (ctx) => {
    const link = await loadLink(db, ctx.organizationId, entity, localId);
    if (!link) throw notLinked();
    const reason = `unlinked by ${req.user.email}`;
    const decided = { kind: 'kept_apart' as const, decidedBy: req.user.id, reason };
    const createdAt = ctx.deps.clock().toISOString();
    await writeTransaction(db, ctx.organizationId, async (trx) => {
      await deleteLink(trx, ctx.organizationId, entity, localId);
      await deleteOutbox(trx, ctx.organizationId, entity, localId);
      await deleteOutbox(trx, ctx.organizationId, 'contactPerson', localId);
      await insertHolds(trx, ctx.organizationId, [{ ...keptApartOf(link), ...decided, createdAt }]);
    });
    ctx.recorder.add({
      entity,
      localId,
      crmModule: link.crmModule,
      crmId: link.crmId,
      direction: 'outbound',
      action: 'unlinked',
      reason: `${reason}: neither side syncs, is matched or is sent as new until linked again or released`,
    });
  });
}

/**
 * Releases what a person kept apart: the record (and the CRM records it was
 * kept apart from) sync again as if never linked — matched, or sent as new.
 */
export async function releaseRecord(req: RepairRequest): Promise<void> {
  const { db } = req.deps;
  const { entity, localId } = req.target;
  await targetRow(db, req.organizationId, req.target);
  await assertCrmActive(db, req.organizationId);
  const kept = async () =>
    (await loadHoldsOf(db, req.organizationId, req.target)).filter((h) => h.kind === 'kept_apart');
  if ((await kept()).length === 0) throw nothingKeptApart();
  await runRepair(req, async (ctx) => {
    const holds = await kept();
    if (holds.length === 0) throw nothingKeptApart();
    const linked = await loadLink(db, ctx.organizationId, entity, localId);
    const now = ctx.deps.clock().toISOString();
    await commitWrite(ctx.deps, ctx.organizationId, async (tx) => {
      const { trx } = tx;
      await deleteHoldsOfLocal(trx, ctx.organizationId, { entity, localId, kind: 'kept_apart' });
      // Not linked: the next run sends it (or the CRM's duplicate check finds its record).
      const queue = { organizationId: ctx.organizationId, entity, localId, now };
      if (linked) return;
      await enqueueOutbox(trx, { ...queue, actorUserId: req.user.id });
      tx.queuedForCrm(ctx.organizationId);
    });
    for (const hold of holds) {
      ctx.recorder.add({
        entity,
        localId,
        crmModule: hold.crmModule,
        crmId: hold.crmId,
        direction: 'outbound',
        action: 'released',
        reason: `released by ${req.user.email}: syncs again as if never linked (matched, or sent as new)`,
      });
    }
  });
}
