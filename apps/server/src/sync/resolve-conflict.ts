import type { Conflict, ConflictResolution, MutationName, Role } from '@kanjo/core';
import type { Db } from '../db/database';
import { ServiceError, notFound } from '../errors';
import { applyMutationIn } from '../mutations/apply-mutation';
import { commitWrite, type WriteDeps } from '../mutations/committed';
import { readEntity } from '../db/entities';
import { patchForLeaf } from './field-history';
import { logConflict, readConflict } from './conflict-store';

export interface ResolveInput {
  deps: WriteDeps;
  user: { id: string; organizationId: string; role: Role };
  conflictId: string;
  keep: ConflictResolution;
  now: Date;
  newId: () => string;
}

/**
 * Marks a conflict resolved, in one IMMEDIATE transaction. Keeping the losing
 * value is an ordinary `<entity>.patch` of that field through the one write
 * path (role checks, locks and DELETED apply; the row's version moves), and
 * the conflict is stamped with that mutation's seq. Keeping the winning value
 * changes no row, only the conflict, under a seq of its own. Either way the
 * conflict is logged again, so every client pulls its resolution.
 */
export async function resolveConflict(input: ResolveInput): Promise<Conflict> {
  const { user, conflictId, keep } = input;
  return commitWrite(input.deps, user.organizationId, async (tx) => {
    const { trx } = tx;
    const conflict = await readConflict(trx, user.organizationId, conflictId);
    if (!conflict) throw notFound('Conflict');
    if (conflict.resolution === keep) return conflict;
    if (conflict.resolution) {
      throw new ServiceError(
        'conflict',
        'ALREADY_RESOLVED',
        `This conflict was resolved by keeping the ${conflict.resolution} value.`,
      );
    }
    const seq =
      keep === 'losing'
        ? (
            await applyMutationIn(tx, {
              organizationId: user.organizationId,
              actor: { userId: user.id, role: user.role },
              name: `${conflict.entity}.patch` as MutationName,
              entityId: conflict.entityId,
              args: await losingPatch(trx, user.organizationId, conflict),
              now: input.now,
              newId: input.newId,
            })
          ).seq
        : await tx.nextSeq(user.organizationId);
    const nowIso = input.now.toISOString();
    await trx
      .updateTable('conflicts')
      .set({ resolved_at: nowIso, resolution: keep, resolved_by: user.id, version: seq })
      .where('organization_id', '=', user.organizationId)
      .where('id', '=', conflictId)
      .execute();
    await logConflict(
      trx,
      user.organizationId,
      conflictId,
      seq,
      'conflict.resolve',
      user.id,
      nowIso,
    );
    tx.wrote(user.organizationId, seq, [{ entity: 'conflict', id: conflictId }], { forCrm: false });
    const resolved = await readConflict(trx, user.organizationId, conflictId);
    if (!resolved) throw notFound('Conflict');
    return resolved;
  });
}

/** The patch that puts the losing value back: a whole field, or one leaf of it (`billingAddress.city`). */
async function losingPatch(
  trx: Db,
  organizationId: string,
  conflict: Conflict,
): Promise<Record<string, unknown>> {
  if (!conflict.field.includes('.')) return { [conflict.field]: conflict.losingValue };
  const stored = await readEntity(trx, organizationId, conflict.entity, conflict.entityId);
  if (!stored) throw notFound('Record');
  return patchForLeaf(stored.row as Record<string, unknown>, conflict.field, conflict.losingValue);
}
