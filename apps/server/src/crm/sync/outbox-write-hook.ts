import type { WriteHook } from '../../mutations/committed';
import { enqueueCrmChange } from './outbox-hook';

/**
 * The CRM outbox as a write hook of the seam (registered by `createApp`): a
 * person's or automation's stored row is queued for the CRM inside the
 * write's transaction, never the CRM sync's own echo. A person's write is
 * theirs in the CRM; what deal automation makes belongs to the deal's owner
 * (the document's salesperson), else to the connection's user.
 */
export const crmOutboxHook: WriteHook = async (trx, write) => {
  if (write.source === 'crm' || write.op !== 'put') return;
  const { organizationId, entity, id, before, after, now } = write;
  const actorUserId = write.automated ? salespersonOf(after) : write.actorUserId;
  await enqueueCrmChange(trx, { organizationId, entity, id, before, after, now, actorUserId });
};

function salespersonOf(row: unknown): string | null {
  if (typeof row !== 'object' || row === null || !('salespersonId' in row)) return null;
  return typeof row.salespersonId === 'string' ? row.salespersonId : null;
}
