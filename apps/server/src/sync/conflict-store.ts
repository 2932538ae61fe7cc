import type { Conflict, ConflictRule, EntityName } from '@kanjo/core';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { FieldWrite } from '../db/entities';
import type { ConflictTable } from '../db/schema';
import { appendChange } from './change-log';
import type { FieldConflict } from './field-meta';

/**
 * Stores a conflict and logs it as entity `conflict`, so it reaches every
 * client of the organization through pull, like any row.
 */
export async function recordConflict(
  trx: Db,
  input: {
    organizationId: string;
    id: string;
    entity: EntityName;
    entityId: string;
    conflict: FieldConflict;
    winner: Omit<FieldWrite, 'version'>;
    /** The CRM conflict rule, when it decided this conflict. */
    crmRule?: ConflictRule;
    seq: number;
    mutation: string;
    now: string;
  },
): Promise<Conflict> {
  const { conflict, winner } = input;
  await trx
    .insertInto('conflicts')
    .values({
      organization_id: input.organizationId,
      id: input.id,
      entity: input.entity,
      entity_id: input.entityId,
      field: conflict.field,
      winning_value: JSON.stringify(conflict.winningValue),
      losing_value: JSON.stringify(conflict.losingValue),
      winner_user_id: winner.userId,
      winner_client_id: winner.clientId,
      loser_user_id: conflict.loser.userId,
      loser_client_id: conflict.loser.clientId,
      version: input.seq,
      created_at: input.now,
      resolved_at: null,
      resolution: null,
      resolved_by: null,
      crm_rule: input.crmRule ?? null,
    })
    .execute();
  await logConflict(
    trx,
    input.organizationId,
    input.id,
    input.seq,
    input.mutation,
    winner.userId,
    input.now,
  );
  const stored = await readConflict(trx, input.organizationId, input.id);
  if (!stored) throw new Error('conflict vanished inside its own transaction');
  return stored;
}

export async function logConflict(
  trx: Db,
  organizationId: string,
  id: string,
  seq: number,
  mutation: string,
  actorUserId: string,
  now: string,
): Promise<void> {
  await appendChange(trx, {
    organizationId,
    seq,
    entity: 'conflict',
    entityId: id,
    op: 'put',
    mutation,
    actorUserId,
    now,
  });
}

export async function readConflict(
  db: Db,
  organizationId: string,
  id: string,
): Promise<Conflict | undefined> {
  const row = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toConflict(row);
}

export async function readConflicts(
  db: Db,
  organizationId: string,
  ids: string[],
): Promise<Conflict[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toConflict);
}

/** Open conflicts oldest first (the order to work through them); resolved newest first. */
export async function listConflicts(
  db: Db,
  organizationId: string,
  status: 'open' | 'resolved',
  limit = 500,
): Promise<Conflict[]> {
  const rows = await db
    .selectFrom('conflicts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('resolved_at', status === 'open' ? 'is' : 'is not', null)
    .orderBy('created_at', status === 'open' ? 'asc' : 'desc')
    .orderBy('id', status === 'open' ? 'asc' : 'desc')
    .limit(limit)
    .execute();
  return rows.map(toConflict);
}

export function toConflict(row: Selectable<ConflictTable>): Conflict {
  return {
    id: row.id,
    entity: row.entity as EntityName,
    entityId: row.entity_id,
    field: row.field,
    winningValue: JSON.parse(row.winning_value) as unknown,
    losingValue: JSON.parse(row.losing_value) as unknown,
    winner: { userId: row.winner_user_id, clientId: row.winner_client_id },
    loser: { userId: row.loser_user_id, clientId: row.loser_client_id },
    createdAt: row.created_at,
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
    ...(row.resolution ? { resolution: row.resolution } : {}),
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    ...(row.crm_rule ? { crmRule: row.crm_rule } : {}),
    version: row.version,
  };
}
