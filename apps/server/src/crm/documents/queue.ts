import type { DocumentKind } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import { entityTable } from '../../db/entities';
import { hasNoLink } from '../sync/links-store';

/**
 * What the documents' push reads beside the CRM outbox: the issued documents
 * never queued and the rows of the queued ones.
 */

/** Why a queued document waits: not an error, and no backoff. */
export const CUSTOMER_NOT_LINKED = 'CRM_CUSTOMER_NOT_LINKED';

/**
 * A document waiting for its customer's CRM Contact to get an Account is
 * looked at again after this long by scheduled runs (a manual run looks at
 * once): each look reads the Contact from the CRM.
 */
export const ACCOUNT_WAIT_MS = 6 * 60 * 60 * 1000;

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
    .where(hasNoLink(db, organizationId, table, { entity: kind }))
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
