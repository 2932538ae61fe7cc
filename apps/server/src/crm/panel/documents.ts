import {
  presentDocument,
  type Organization,
  type PanelDocumentKind,
  type PanelDocumentRow,
  type PresentedDocument,
  todayIn,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import { jsonText } from '../../db/dialect';
import { decode, entityTable, readEntity } from '../../db/entities';
import { notFound } from '../../errors';
import type { PanelRecord } from './record';

const LIST_LIMIT = 200;

const options = (org: Organization, now: Date) => ({
  roundingMode: org.roundingMode,
  today: todayIn(org.timezone, now),
});

/** A document with its computed totals (and balance for invoices). */
export function presentPanelDocument(
  kind: PanelDocumentKind,
  row: Parameters<typeof presentDocument>[1],
  org: Organization,
  now: Date,
): PresentedDocument {
  return presentDocument(kind, row, options(org, now));
}

function toRow(kind: PanelDocumentKind, doc: PresentedDocument): PanelDocumentRow {
  return {
    kind,
    id: doc.id,
    number: doc.number,
    issueDate: doc.issueDate,
    status: doc.status,
    currency: doc.currency,
    total: doc.totals.total,
    balance: 'balance' in doc.totals ? doc.totals.balance : null,
  };
}

/**
 * The record's documents of the given kinds, newest first: a customer's for an
 * account or contact, the deal's linked ones for a deal. None while the record
 * is not in Kanjo.
 */
export async function listRecordDocuments(args: {
  db: Db;
  organizationId: string;
  record: PanelRecord;
  kinds: readonly PanelDocumentKind[];
  org: Organization;
  now: Date;
}): Promise<PanelDocumentRow[]> {
  const { db, organizationId, record, org, now } = args;
  const rows: { row: PanelDocumentRow; createdAt: string }[] = [];
  for (const kind of args.kinds) {
    let query = db
      .selectFrom(entityTable[kind])
      .select(['data', 'version', 'created_at'])
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null);
    if (record.module === 'Deals') {
      if (!record.dealId) continue;
      query = query.where(jsonText(db, 'data', 'dealId'), '=', record.dealId);
    } else {
      if (!record.customerId) continue;
      query = query.where('ref_id', '=', record.customerId);
    }
    const found = await query.orderBy('created_at', 'desc').limit(LIST_LIMIT).execute();
    for (const r of found) {
      const doc = presentPanelDocument(kind, decode<typeof kind>(r.data, r.version), org, now);
      rows.push({ row: toRow(kind, doc), createdAt: r.created_at });
    }
  }
  return rows
    .sort(
      (a, b) =>
        b.row.issueDate.localeCompare(a.row.issueDate) || b.createdAt.localeCompare(a.createdAt),
    )
    .map((r) => r.row);
}

/**
 * One document of the record, or 404: a document of another customer or deal
 * is not there for this panel, whatever its id.
 */
export async function readRecordDocument(args: {
  db: Db;
  organizationId: string;
  record: PanelRecord;
  kind: PanelDocumentKind;
  id: string;
}) {
  const { db, organizationId, record, kind, id } = args;
  const found = await readEntity(db, organizationId, kind, id);
  const row = found?.row;
  const belongs =
    row !== undefined &&
    (record.module === 'Deals'
      ? record.dealId !== null && row.dealId === record.dealId
      : record.customerId !== null && row.customerId === record.customerId);
  if (!row || !belongs) throw notFound('Document');
  return row;
}
