import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_REJECTIONS,
  type EntityName,
  type PullResponse,
  type SyncChange,
  type SyncEntity,
  type SyncRejection,
} from '@kanjo/core';
import { sql } from 'kysely';
import { readInChunks, readTransaction, type Db } from '../db/database';
import { decode, entityTable } from '../db/entities';
import { seqAndLogFloor } from '../db/org-seq';
import { ServiceError, forbidden } from '../errors';
import { readDealChanges } from '../crm/deals/deal-store';
import { readConflicts } from './conflict-store';

export interface PullInput {
  db: Db;
  user: { id: string; organizationId: string };
  cursor: number;
  limit?: number;
  clientId?: string;
}

/** Log rows read per query while paging; a page stops at a seq boundary, not here. */
const SCAN_BATCH = 1000;

/**
 * The changes after `cursor`, from ONE snapshot: the log, the rows and the
 * client's progress are read in one read transaction, so no push shows
 * between them (a pulled row is never newer than the cursor returned
 * with it unless another page follows).
 */
export async function pullChanges(input: PullInput): Promise<PullResponse> {
  return readTransaction(input.db, async (trx) => {
    const org = await seqAndLogFloor(trx, input.user.organizationId);
    // 0 is a full resync (a fresh client needs no tombstones of long-deleted
    // rows); any other cursor below the floor may have missed a removed delete.
    if ((input.cursor > 0 && input.cursor < org.logFloor) || input.cursor > org.seq) {
      throw new ServiceError(
        'gone',
        'CURSOR_EXPIRED',
        'This cursor has expired: pull again from 0.',
        {
          floor: org.logFloor,
        },
      );
    }
    const page = await scanLog(trx, input, {
      limit: input.limit ?? DEFAULT_PULL_LIMIT,
      floor: org.logFloor,
    });
    const changes = await currentRows(trx, input.user.organizationId, page.keys);
    const progress = await clientProgress(trx, input);
    return {
      changes,
      cursor: page.hasMore ? page.cursor : org.seq,
      hasMore: page.hasMore,
      ...progress,
    };
  });
}

interface LogPage {
  keys: Map<string, { entity: SyncEntity; id: string }>;
  cursor: number;
  hasMore: boolean;
}

/**
 * Log entries after the cursor in seq order until `limit` distinct entities
 * (entries of entities already in the page are free). All entries of one seq
 * (one mutation) go in the same page, so the returned cursor never splits a
 * mutation. A resync from 0 takes at least everything up to the log floor in
 * its first page: a cursor it got back below the floor would read as expired.
 */
async function scanLog(
  trx: Db,
  input: PullInput,
  { limit, floor }: { limit: number; floor: number },
): Promise<LogPage> {
  const keys: LogPage['keys'] = new Map();
  let cursor = input.cursor;
  let after: { seq: number; entity: string; id: string } | undefined;
  for (;;) {
    const from = after;
    const rows = await trx
      .selectFrom('change_log')
      .select(['seq', 'entity', 'entity_id'])
      .where('organization_id', '=', input.user.organizationId)
      .where((eb) =>
        from
          ? eb.or([
              eb('seq', '>', from.seq),
              eb.and([
                eb('seq', '=', from.seq),
                eb.or([
                  eb('entity', '>', from.entity),
                  eb.and([eb('entity', '=', from.entity), eb('entity_id', '>', from.id)]),
                ]),
              ]),
            ])
          : eb('seq', '>', input.cursor),
      )
      .orderBy('seq')
      .orderBy('entity')
      .orderBy('entity_id')
      .limit(SCAN_BATCH)
      .execute();
    for (const row of rows) {
      const key = `${row.entity}:${row.entity_id}`;
      const full = keys.size >= limit && !keys.has(key);
      if (full && row.seq !== cursor && cursor >= floor) return { keys, cursor, hasMore: true };
      keys.set(key, {
        entity: row.entity as SyncEntity,
        id: row.entity_id,
      });
      cursor = row.seq;
      after = { seq: row.seq, entity: row.entity, id: row.entity_id };
    }
    if (rows.length < SCAN_BATCH) return { keys, cursor, hasMore: false };
  }
}

/** Each changed entity once, with its current row (soft-deleted rows as op 'delete'). */
async function currentRows(
  trx: Db,
  organizationId: string,
  keys: LogPage['keys'],
): Promise<SyncChange[]> {
  const ids = new Map<SyncEntity, string[]>();
  for (const { entity, id } of keys.values()) ids.set(entity, [...(ids.get(entity) ?? []), id]);
  const byKey = new Map<string, SyncChange>();
  for (const [entity, list] of ids) {
    const changes = await readInChunks(list, (chunk) =>
      readChanges(trx, organizationId, entity, chunk),
    );
    for (const change of changes) byKey.set(`${change.entity}:${change.id}`, change);
  }
  // Keep log order, so a client applying the page in order sees creates before what refers to them.
  return [...keys.keys()].flatMap((key) => byKey.get(key) ?? []);
}

async function readChanges(
  trx: Db,
  organizationId: string,
  entity: SyncEntity,
  ids: string[],
): Promise<SyncChange[]> {
  if (entity === 'conflict') {
    const conflicts = await readConflicts(trx, organizationId, ids);
    return conflicts.map((row) => ({ entity, id: row.id, op: 'put', row, version: row.version }));
  }
  if (entity === 'deal') return readDealChanges(trx, organizationId, ids);
  const rows = await trx
    .selectFrom(entityTable[entity])
    .select(['id', 'data', 'version', 'deleted_at'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .execute();
  return rows.map(
    (r) =>
      ({
        entity,
        id: r.id,
        op: r.deleted_at ? 'delete' : 'put',
        row: decode<EntityName>(r.data, r.version),
        version: r.version,
      }) as SyncChange,
  );
}

async function clientProgress(
  trx: Db,
  { clientId, user }: PullInput,
): Promise<{ lastSeq: number; rejections: SyncRejection[] }> {
  if (!clientId) return { lastSeq: 0, rejections: [] };
  const client = await trx
    .selectFrom('sync_clients')
    .select(['user_id', 'last_seq'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!client) return { lastSeq: 0, rejections: [] };
  if (client.user_id !== user.id) throw forbidden('This clientId belongs to another user.');
  const rejected = await trx
    .selectFrom('sync_results')
    .select(['seq', 'name', 'entity_id', 'code', 'message', 'args'])
    .where('client_id', '=', clientId)
    // A literal, so SQLite can use the partial index sync_results_rejected.
    .where(sql<boolean>`status = 'rejected'`)
    .orderBy('seq', 'desc')
    .limit(MAX_PULL_REJECTIONS)
    .execute();
  return {
    lastSeq: client.last_seq,
    rejections: rejected.map((r) => ({
      seq: r.seq,
      name: r.name,
      entityId: r.entity_id,
      code: r.code ?? 'REJECTED',
      message: r.message ?? '',
      args: r.args === null ? null : (JSON.parse(r.args) as unknown),
    })),
  };
}
