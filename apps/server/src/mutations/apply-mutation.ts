import {
  runMutation,
  type EntityName,
  type EntityRowMap,
  type MutationContext,
  type MutationName,
  type Role,
} from '@kanjo/core';
import { writeTransaction, type Db } from '../db/database';
import { readEntity, writeEntity } from '../db/entities';
import { loadOrganization, todayIn } from '../db/organizations';
import { ApiError } from '../http/errors';

export interface MutationRequest {
  organizationId: string;
  actor: { userId: string; role: Role };
  name: MutationName;
  entityId: string;
  args: unknown;
  now: Date;
  newId: () => string;
}

export interface AppliedWrite {
  entity: EntityName;
  id: string;
  op: 'put' | 'delete';
  row: EntityRowMap[EntityName];
  version: number;
}

export interface AppliedMutation {
  seq: number;
  writes: AppliedWrite[];
}

/**
 * The one write path of the server: runs the core mutator with authorization,
 * then persists its writes. Everything happens in the caller's transaction:
 * the organization's seq is bumped once, every written row is stamped with it
 * as its `version`, and one change_log row per write records it for pull.
 * A DomainError from the mutator aborts the transaction, so nothing half-writes.
 */
export async function applyMutationIn(trx: Db, req: MutationRequest): Promise<AppliedMutation> {
  const organization = await loadOrganization(trx, req.organizationId);
  if (!organization) throw new ApiError(404, 'NOT_FOUND', 'Organization not found.');
  const nowIso = req.now.toISOString();
  const ctx: MutationContext = {
    organization,
    actor: req.actor,
    now: nowIso,
    today: todayIn(organization.timezone, req.now),
    newId: req.newId,
    read: async (entity, id) => (await readEntity(trx, req.organizationId, entity, id))?.row,
    allocateNumber: (kind) => allocateNumber(trx, req.organizationId, kind, organization.numbering),
  };
  const writes = await runMutation(req.name, req.entityId, req.args, ctx);

  const bumped = await trx
    .updateTable('organizations')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', req.organizationId)
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = bumped.seq;

  const applied: AppliedWrite[] = [];
  for (const write of writes) {
    await writeEntity(trx, req.organizationId, write.entity, write.id, write.row, {
      version: seq,
      deletedAt: write.op === 'delete' ? nowIso : null,
      now: nowIso,
    });
    await trx
      .insertInto('change_log')
      .values({
        organization_id: req.organizationId,
        seq,
        entity: write.entity,
        entity_id: write.id,
        op: write.op,
        mutation: req.name,
        actor_user_id: req.actor.userId,
        created_at: nowIso,
      })
      .execute();
    applied.push({ ...write, row: { ...write.row, version: seq }, version: seq });
  }
  return { seq, writes: applied };
}

/** `applyMutationIn` in its own IMMEDIATE transaction. */
export function applyMutation(db: Db, req: MutationRequest): Promise<AppliedMutation> {
  return writeTransaction(db, (trx) => applyMutationIn(trx, req));
}

/**
 * The next document number for the organization, e.g. INV-000042. Allocated
 * inside the mutation's transaction, so a rolled-back issue leaves no gap.
 */
async function allocateNumber(
  trx: Db,
  organizationId: string,
  kind: 'quote' | 'salesOrder' | 'invoice',
  numbering: { invoicePrefix: string; quotePrefix: string; salesOrderPrefix: string },
): Promise<string> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ organization_id: organizationId, kind, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'kind'])
        .doUpdateSet((eb) => ({ last_value: eb('number_sequences.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const prefix = {
    quote: numbering.quotePrefix,
    salesOrder: numbering.salesOrderPrefix,
    invoice: numbering.invoicePrefix,
  }[kind];
  return `${prefix}${String(row.last_value).padStart(6, '0')}`;
}
