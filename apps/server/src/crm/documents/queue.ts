import type { DocumentKind } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import { entityTable } from '../../db/entities';

/**
 * The documents' own reads and writes of `crm_outbox`: what is queued, the
 * issued documents never queued, and the mark of a document that waits for
 * its customer to be linked.
 */

/** Why a queued document waits: not an error, and no backoff. */
export const CUSTOMER_NOT_LINKED = 'CRM_CUSTOMER_NOT_LINKED';

/**
 * A document waiting for its customer's CRM Contact to get an Account is
 * looked at again after this long by scheduled runs (a manual run looks at
 * once): each look reads the Contact from the CRM.
 */
export const ACCOUNT_WAIT_MS = 6 * 60 * 60 * 1000;

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
 * Issued documents (with a number) without a link: those made before the CRM
 * was connected, or while it was disabled. Asked only when such may exist.
 */
export async function unlinkedIssuedIds(
  db: Db,
  organizationId: string,
  kind: DocumentKind,
): Promise<string[]> {
  const table = entityTable[kind];
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .where('number', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('crm_links')
            .select('crm_links.local_id')
            .where('crm_links.organization_id', '=', organizationId)
            .where('crm_links.entity', '=', kind)
            .whereRef('crm_links.local_id', '=', `${table}.id`),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Live rows of documents by id (deleted ones are absent). */
export async function readDocumentRows(
  db: Db,
  organizationId: string,
  kind: DocumentKind,
  ids: readonly string[],
) {
  return readInChunks(ids, (chunk) =>
    db
      .selectFrom(entityTable[kind])
      .select(['id', 'data', 'version'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', chunk)
      .execute(),
  );
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
