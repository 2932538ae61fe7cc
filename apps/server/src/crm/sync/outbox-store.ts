import type { DocumentKind } from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmSyncEntity } from '../../db/schema';
import { retryDelayMs } from './outbox-backoff';

/**
 * The CRM outbox: what waits to go to the CRM, one row per record. Every
 * writer takes the caller's transaction, so a record is queued together with
 * the write that changed it.
 */

export interface OutboxRow {
  entity: CrmSyncEntity;
  localId: string;
  attempts: number;
  /** Who queued it, null for the sync's own rows. */
  actorUserId: string | null;
}

/**
 * One pending row per record: enqueueing again moves its time and ends a
 * backoff (a new edit, perhaps the fix, deserves a try), keeping the attempts.
 * The actor is the first Kanjo user who queued it since it was last
 * sent: the one whose record the CRM insert will be. The sync's own rows
 * have none.
 */
export async function enqueueOutbox(
  trx: Db,
  row: {
    organizationId: string;
    entity: CrmSyncEntity;
    localId: string;
    now: string;
    actorUserId?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('crm_outbox')
    .values({
      organization_id: row.organizationId,
      entity: row.entity,
      local_id: row.localId,
      enqueued_at: row.now,
      attempts: 0,
      next_attempt_at: null,
      last_error_code: null,
      last_error_message: null,
      actor_user_id: row.actorUserId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'entity', 'local_id']).doUpdateSet((eb) => ({
        enqueued_at: row.now,
        next_attempt_at: null,
        actor_user_id: eb.fn.coalesce('crm_outbox.actor_user_id', eb.val(row.actorUserId ?? null)),
      })),
    )
    .execute();
}

export async function loadOutbox(
  db: Db,
  organizationId: string,
  entity: CrmSyncEntity,
): Promise<OutboxRow[]> {
  const rows = await db
    .selectFrom('crm_outbox')
    .select(['entity', 'local_id', 'attempts', 'actor_user_id'])
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .orderBy('enqueued_at')
    .execute();
  return rows.map((r) => ({
    entity: r.entity,
    localId: r.local_id,
    attempts: r.attempts,
    actorUserId: r.actor_user_id,
  }));
}

export async function deleteOutbox(
  trx: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  localId: string,
): Promise<void> {
  await trx
    .deleteFrom('crm_outbox')
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .where('local_id', '=', localId)
    .execute();
}

/**
 * A failed send stays queued with its reason, so the next run re-sends only
 * it, once its backoff is over (`outbox-backoff.ts`).
 */
export async function failOutbox(
  trx: Db,
  row: {
    organizationId: string;
    entity: CrmSyncEntity;
    localId: string;
    now: Date;
    code: string;
    message: string;
  },
): Promise<void> {
  const failure = { last_error_code: row.code, last_error_message: row.message };
  await trx
    .insertInto('crm_outbox')
    .values({
      organization_id: row.organizationId,
      entity: row.entity,
      local_id: row.localId,
      enqueued_at: row.now.toISOString(),
      attempts: 1,
      next_attempt_at: null,
      ...failure,
    })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'entity', 'local_id'])
        .doUpdateSet((eb) => ({ attempts: eb('crm_outbox.attempts', '+', 1), ...failure })),
    )
    .execute();
  await deferOutbox(trx, row);
}

/**
 * Sets `next_attempt_at` from the row's attempts (already counted by
 * `failOutbox`), in the caller's transaction.
 */
export async function deferOutbox(
  trx: Db,
  row: { organizationId: string; entity: CrmSyncEntity; localId: string; now: Date },
): Promise<void> {
  const current = await trx
    .selectFrom('crm_outbox')
    .select('attempts')
    .where('organization_id', '=', row.organizationId)
    .where('entity', '=', row.entity)
    .where('local_id', '=', row.localId)
    .executeTakeFirst();
  if (!current) return;
  const next = new Date(row.now.getTime() + retryDelayMs(current.attempts));
  await trx
    .updateTable('crm_outbox')
    .set({ next_attempt_at: next.toISOString() })
    .where('organization_id', '=', row.organizationId)
    .where('entity', '=', row.entity)
    .where('local_id', '=', row.localId)
    .execute();
}

/** The queued records of an entity not yet due at `now` (waiting out their backoff). */
export async function notDueOutbox(
  db: Db,
  organizationId: string,
  entity: CrmSyncEntity,
  now: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('crm_outbox')
    .select('local_id')
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .where('next_attempt_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.local_id));
}

export interface QueuedDocument {
  localId: string;
  actorUserId: string | null;
  /** Set while it waits (its customer, a tax, a field: see plan.ts) or after a refusal. */
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  /** Not due yet: waiting out its backoff after a refusal. */
  backingOff: boolean;
}

export async function loadQueuedDocuments(
  db: Db,
  organizationId: string,
  kind: DocumentKind,
  now: string,
): Promise<QueuedDocument[]> {
  const rows = await db
    .selectFrom('crm_outbox')
    .select([
      'local_id',
      'actor_user_id',
      'last_error_code',
      'last_error_message',
      'next_attempt_at',
    ])
    .where('organization_id', '=', organizationId)
    .where('entity', '=', kind)
    .orderBy('enqueued_at')
    .execute();
  return rows.map((row) => ({
    localId: row.local_id,
    actorUserId: row.actor_user_id,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    backingOff: row.next_attempt_at !== null && row.next_attempt_at > now,
  }));
}

/**
 * A document that cannot go yet (its customer is not linked, the CRM lacks
 * its tax or a field Zoho needs) stays queued with the reason, with no
 * attempt counted: it goes in the first run that finds what it waited for.
 * `retryAt` holds it back from scheduled runs until then.
 */
export async function markWaiting(
  trx: Db,
  row: {
    organizationId: string;
    kind: DocumentKind;
    localId: string;
    now: string;
    code: string;
    reason: string;
    retryAt?: string | undefined;
  },
): Promise<void> {
  const waiting = {
    last_error_code: row.code,
    last_error_message: row.reason,
    next_attempt_at: row.retryAt ?? null,
  };
  await trx
    .insertInto('crm_outbox')
    .values({
      organization_id: row.organizationId,
      entity: row.kind,
      local_id: row.localId,
      enqueued_at: row.now,
      attempts: 0,
      actor_user_id: null,
      ...waiting,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'entity', 'local_id']).doUpdateSet(waiting))
    .execute();
}

/**
 * Leaves the queue once sent — unless it was queued again after this run
 * read it (a person edited it meanwhile): that edit still has to go.
 */
export async function dequeueSent(
  trx: Db,
  row: { organizationId: string; kind: DocumentKind; localId: string; readAt: string },
): Promise<void> {
  await trx
    .deleteFrom('crm_outbox')
    .where('organization_id', '=', row.organizationId)
    .where('entity', '=', row.kind)
    .where('local_id', '=', row.localId)
    .where('enqueued_at', '<=', row.readAt)
    .execute();
}

/** A due outbox row enqueued after the last run started (or with no run yet). */
export async function enqueuedSinceLastRun(db: Db, organizationId: string, now: string) {
  const row = await db
    .selectFrom('crm_outbox')
    .select('local_id')
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) =>
      eb.or([
        eb.not(
          eb.exists(
            eb
              .selectFrom('crm_runs')
              .select('id')
              .where('crm_runs.organization_id', '=', organizationId),
          ),
        ),
        eb(
          'enqueued_at',
          // `>=`: an edit in the same millisecond as the last run's start may have missed it.
          '>=',
          eb
            .selectFrom('crm_runs')
            .select((r) => r.fn.max('started_at').as('last'))
            .where('crm_runs.organization_id', '=', organizationId),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}
