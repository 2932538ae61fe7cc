import {
  CREATING_MUTATIONS,
  DomainError,
  type ConflictRule,
  runMutation,
  type Conflict,
  type DocumentAutomation,
  type DocumentCreatedVia,
  type EntityName,
  type EntityRowMap,
  type MutationContext,
  type MutationName,
  type Role,
  type Write,
  todayIn,
} from '@kanjo/core';
import type { Db } from '../db/database';
import { decodeStored, writeEntity, type StoredEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';
import { ServiceError } from '../errors';
import { recordConflict } from '../sync/conflict-store';
import { changedFields, findConflicts, stampFields, type FieldConflict } from '../sync/field-meta';
import { crmWroteSince, recordLeafWrites, settleEdit } from '../sync/field-history';
import { allocateNumber } from './allocate-number';
import { commitWrite, type WriteDeps, type WriteTx } from './committed';

export interface MutationRequest {
  organizationId: string;
  actor: { userId: string; role: Role };
  name: MutationName;
  entityId: string;
  args: unknown;
  now: Date;
  newId: () => string;
  /**
   * The row version the edit was based on, and the sync client that made it:
   * set by the sync push, and by a REST patch with `If-Match` (no client).
   * Without it the base is the current version, so nothing conflicts.
   */
  origin?: { clientId: string | null; baseVersion: number };
  /** `crm`: the CRM sync wrote this, so it must not be queued back to the CRM (echo suppression). */
  source?: 'crm';
  /**
   * Deal-stage automation runs this: it does not release automated
   * documents, and a document it creates is marked with this.
   */
  automation?: DocumentAutomation;
  /** Made in the CRM panel: a document it creates records the CRM user who made it. */
  createdVia?: DocumentCreatedVia;
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
  conflicts: Conflict[];
}

/** A deal of this organization the PWA holds (not deleted in the CRM), with its customer. */
async function readLinkableDeal(
  trx: Db,
  organizationId: string,
  id: string,
): Promise<{ customerId: string | null } | undefined> {
  const row = await trx
    .selectFrom('deals')
    .select(['customer_id', 'deleted_at', 'data'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null || row.data === null) return undefined;
  return { customerId: row.customer_id };
}

/**
 * The one write path of the server: runs the core mutator with authorization,
 * then persists its writes. Everything happens in the caller's transaction:
 * the organization's seq is bumped once, every written row is stamped with it
 * as its `version` (and each changed field with it and its writer), and one
 * change_log row per write records it for pull. The seam's hooks (the CRM
 * outbox) see each stored row inside the transaction; what was written is
 * recorded on `tx`, for the seam's listeners once the transaction commits.
 * A DomainError from the mutator aborts the transaction, so nothing half-writes.
 */
export async function applyMutationIn(tx: WriteTx, req: MutationRequest): Promise<AppliedMutation> {
  const { trx } = tx;
  const organization = await tx.once(`organization:${req.organizationId}`, () =>
    loadOrganization(trx, req.organizationId),
  );
  if (!organization) throw new ServiceError('notFound', 'NOT_FOUND', 'Organization not found.');
  const stored = new StoredRows(tx, req.organizationId);
  await refuseDeletedTarget(stored, req);
  const nowIso = req.now.toISOString();
  const ctx: MutationContext = {
    organization,
    actor: req.actor,
    now: nowIso,
    today: todayOf(organization.timezone, req.now),
    newId: req.newId,
    automated: req.automation !== undefined,
    read: async (entity, id) => {
      const found = await stored.read(entity, id);
      return found && !found.deletedAt ? found.row : undefined;
    },
    readDeal: (id) => readLinkableDeal(trx, req.organizationId, id),
    allocateNumber: async (kind) => {
      await tx.beforeEarlyWrite();
      return allocateNumber(trx, req.organizationId, kind, organization.numbering);
    },
  };
  const writes = markAutomated(req, await runMutation(req.name, req.entityId, req.args, ctx));
  tx.storing();
  const seq = await tx.nextSeq(req.organizationId);

  const applied: AppliedWrite[] = [];
  const conflicts: Conflict[] = [];
  for (const write of writes) {
    const persisted = await persistWrite(tx, stored, req, write, seq, nowIso);
    conflicts.push(...persisted.conflicts);
    applied.push({ ...write, row: { ...persisted.row, version: seq }, version: seq });
  }
  // Recorded last: a savepoint rolled back before this line leaves nothing to tell.
  tx.wrote(
    req.organizationId,
    seq,
    [
      ...applied.map(({ entity, id }) => ({ entity, id })),
      ...conflicts.map(({ id }) => ({ entity: 'conflict' as const, id })),
    ],
    { forCrm: req.source !== 'crm' },
  );
  return { seq, writes: applied, conflicts };
}

/**
 * "Today" in the organization's zone, for the last time asked: the
 * mutations of one push share their `now`, and formatting a date in a zone
 * costs more than the rest of a small mutation's checks.
 */
let lastToday: { timezone: string | undefined; at: number; today: string } | undefined;

function todayOf(timezone: string | undefined, now: Date): string {
  const at = now.getTime();
  if (lastToday && lastToday.timezone === timezone && lastToday.at === at) return lastToday.today;
  const today = todayIn(timezone, now);
  lastToday = { timezone, at, today };
  return today;
}

/**
 * The document a create makes carries the server's marks: made by automation,
 * or in the CRM panel by a CRM user (the schema keeps both out of bodies).
 */
function markAutomated(req: MutationRequest, writes: Write[]): Write[] {
  const { automation, createdVia } = req;
  if ((!automation && !createdVia) || !req.name.endsWith('.create')) return writes;
  const marks = { ...(automation ? { automation } : {}), ...(createdVia ? { createdVia } : {}) };
  return writes.map((write) =>
    write.id === req.entityId && write.op === 'put'
      ? { ...write, row: { ...write.row, ...marks } as Write['row'] }
      : write,
  );
}

/** Delete beats edit: an action or patch on a soft-deleted row is refused as DELETED. */
async function refuseDeletedTarget(stored: StoredRows, req: MutationRequest): Promise<void> {
  if (CREATING_MUTATIONS.has(req.name)) return;
  const entity = req.name.slice(0, req.name.indexOf('.')) as EntityName;
  const target = await stored.read(entity, req.entityId);
  if (target?.deletedAt) {
    throw new DomainError({
      code: 'DELETED',
      message: `${entity} ${req.entityId} was deleted, so ${req.name} was not applied`,
    });
  }
}

/**
 * The rows one mutation reads, through its transaction's row cache: the
 * deleted-target check, the mutator and the write of its row all ask for
 * the target, read once. Decoded afresh for each asker, who may change what
 * it got.
 */
class StoredRows {
  constructor(
    private readonly tx: WriteTx,
    private readonly organizationId: string,
  ) {}

  async read<E extends EntityName>(entity: E, id: string): Promise<StoredEntity<E> | undefined> {
    const found = await this.tx.storedRow(this.organizationId, entity, id);
    return found && decodeStored<E>(found);
  }

  forget(entity: EntityName, id: string): void {
    this.tx.forgetRow(this.organizationId, entity, id);
  }
}

/** Entities the CRM writes: their leaves keep a history (see `sync/field-history.ts`). */
const CRM_WRITTEN = new Set<EntityName>(['customer', 'item']);

async function persistWrite(
  tx: WriteTx,
  stored: StoredRows,
  req: MutationRequest,
  write: Write,
  seq: number,
  nowIso: string,
): Promise<{ row: Write['row']; conflicts: Conflict[] }> {
  const { trx } = tx;
  const before = await stored.read(write.entity, write.id);
  const writer = { userId: req.actor.userId, clientId: req.origin?.clientId ?? null };
  // Only an edit of fields can silently overwrite someone's edit; actions are
  // guarded by their state machine instead.
  const isPatchOfTarget = req.name === `${write.entity}.patch` && write.id === req.entityId;
  const based = req.origin && before && isPatchOfTarget ? req.origin.baseVersion : undefined;
  const ruled =
    based !== undefined && before && CRM_WRITTEN.has(write.entity)
      ? await settleAgainstCrm(tx, req, write, before, based)
      : undefined;
  const row = (ruled?.row ?? write.row) as Write['row'];
  const fields = changedFields(before?.row, row);
  const tracked = CRM_WRITTEN.has(write.entity);
  await writeEntity(trx, req.organizationId, write.entity, write.id, row, {
    version: seq,
    deletedAt: write.op === 'delete' ? nowIso : null,
    now: nowIso,
    fieldMeta: stampFields(before?.fieldMeta ?? {}, fields, { ...writer, version: seq }),
    ...(tracked
      ? {
          fieldHistory: recordLeafWrites({
            history: before?.fieldHistory ?? {},
            before: (before?.row ?? {}) as Record<string, unknown>,
            after: row as Record<string, unknown>,
            fields,
            write: { version: seq, crm: req.source === 'crm', ...writer },
          }),
        }
      : {}),
  });
  stored.forget(write.entity, write.id);
  await runHooks(tx, req, write, { before: before?.row, after: row, now: nowIso });
  tx.appendChange({
    organizationId: req.organizationId,
    seq,
    entity: write.entity,
    entityId: write.id,
    op: write.op,
    mutation: req.name,
    actorUserId: req.actor.userId,
    now: nowIso,
  });
  if (based === undefined || !before) return { row, conflicts: [] };
  const record = (conflict: FieldConflict, winner = writer, crmRule?: ConflictRule) =>
    recordConflict(trx, {
      organizationId: req.organizationId,
      id: req.newId(),
      entity: write.entity,
      entityId: write.id,
      conflict,
      winner,
      ...(crmRule ? { crmRule } : {}),
      seq,
      mutation: req.name,
      now: nowIso,
    });
  const recorded: Conflict[] = [];
  const found = findConflicts({
    before: before.row,
    after: row,
    fields: fields.filter((field) => !ruled?.settled.has(field)),
    meta: before.fieldMeta,
    writer,
    baseVersion: based,
  });
  for (const conflict of found) recorded.push(await record(conflict));
  for (const leaf of ruled?.conflicts ?? []) {
    const device = { ...writer, version: seq };
    const loser = leaf.loser === 'device' ? device : leaf.loser;
    const winner = leaf.winner === 'device' ? writer : leaf.winner;
    const conflict = { ...leaf, loser };
    recorded.push(await record(conflict, winner, leaf.crmRule));
  }
  return { row, conflicts: recorded };
}

/** The seam's in-transaction hooks (the CRM outbox) see each stored row; a throw undoes the write. */
async function runHooks(
  tx: WriteTx,
  req: MutationRequest,
  write: Write,
  rows: { before: unknown; after: unknown; now: string },
): Promise<void> {
  for (const hook of tx.hooks) {
    await hook(
      tx.trx,
      {
        organizationId: req.organizationId,
        entity: write.entity,
        id: write.id,
        op: write.op,
        ...rows,
        actorUserId: req.actor.userId,
        ...(req.source ? { source: req.source } : {}),
        automated: req.automation !== undefined,
      },
      tx,
    );
  }
}

/**
 * A device edit that meets a CRM write it had not seen is decided by the
 * organization's CRM conflict rule, leaf by leaf; nothing to do when the CRM
 * wrote nothing of this record since the edit's base.
 */
async function settleAgainstCrm(
  tx: WriteTx,
  req: MutationRequest,
  write: Write,
  before: StoredEntity,
  baseVersion: number,
) {
  if (!crmWroteSince(before.fieldHistory, baseVersion)) return undefined;
  const entity = write.entity === 'customer' ? 'customer' : 'item';
  return settleEdit({
    before: before.row as Record<string, unknown>,
    after: write.row as Record<string, unknown>,
    fields: changedFields(before.row, write.row),
    history: before.fieldHistory,
    baseVersion,
    rule: await tx.editRule(tx.trx, req.organizationId, entity),
  });
}

/** `applyMutationIn` in its own IMMEDIATE transaction; the seam hears of it once committed. */
export function applyMutation(deps: WriteDeps, req: MutationRequest): Promise<AppliedMutation> {
  return commitWrite(deps, req.organizationId, (tx) => applyMutationIn(tx, req));
}
