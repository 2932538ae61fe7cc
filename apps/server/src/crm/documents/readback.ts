import { DOCUMENT_LINE_FIELDS, valuesEqual, type CrmDocumentModule } from '@kanjo/core';
import type { SyncContext } from '../sync/context';
import { errorInfo } from '../sync/errors';
import { documentBody, LINE_IDS_KEY } from './body';
import type { DocumentSend } from './collect';

/**
 * Zoho answers a write with the record's id and times only, so what it
 * computed from the line items (Grand_Total) and the ids it gave the lines
 * are read back: one read per batch of up to 100 records, only for records
 * whose lines were written. Zoho documents a record's subform data on the
 * read of one record by id; a list read that leaves the lines out leaves
 * their ids unknown, and an update that replaces them reads them by id first.
 */

export interface WrittenRecord {
  grandTotal: unknown;
  /** Absent: the answer did not carry the lines. */
  lineIds?: string[];
}

const lineIdsOf = (lines: unknown): string[] | undefined =>
  Array.isArray(lines)
    ? lines.flatMap((line) => {
        const id = (line as { id?: unknown } | null)?.id;
        return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
      })
    : undefined;

/** The records' Grand_Total and line ids (absent: the read failed, said in the log). */
export async function readWritten(
  ctx: SyncContext,
  module: CrmDocumentModule,
  crmIds: readonly string[],
): Promise<Map<string, WrittenRecord>> {
  const found = new Map<string, WrittenRecord>();
  if (crmIds.length === 0) return found;
  const lineField = DOCUMENT_LINE_FIELDS[module];
  try {
    const records = await ctx.provider.records(module, crmIds, ['Grand_Total', lineField]);
    for (const record of records) {
      const lineIds = lineIdsOf(record[lineField]);
      found.set(String(record.id), { grandTotal: record.Grand_Total, lineIds });
    }
  } catch (error) {
    const { code, message } = errorInfo(error);
    ctx.deps.log.info('CRM documents: reading back written records failed', { code, message });
  }
  return found;
}

/**
 * Updates that replace lines whose CRM ids the link does not know (linked
 * before lines were written, or the read after the last write did not carry
 * them) read them first, one record by id each, so the old lines are removed.
 */
export async function fillLineIds(
  ctx: SyncContext,
  module: CrmDocumentModule,
  updates: DocumentSend[],
): Promise<void> {
  const lineField = DOCUMENT_LINE_FIELDS[module];
  for (const send of updates.filter((u) => u.linesUnknown && u.link)) {
    const record = await ctx.provider.record(module, send.link?.crmId ?? '', [lineField]);
    const deleteIds = lineIdsOf(record?.[lineField]) ?? [];
    send.body = documentBody(send.fields, lineField, { insert: false, deleteIds });
  }
}

/** The history's word on Zoho's total next to Kanjo's, when they differ. */
export function totalsNote(send: DocumentSend, written: WrittenRecord | undefined): string | null {
  if (send.kanjoTotal === undefined || written === undefined) return null;
  if (valuesEqual(written.grandTotal, send.kanjoTotal)) return null;
  const zoho = typeof written.grandTotal === 'number' ? String(written.grandTotal) : 'none';
  return (
    `Zoho's Grand_Total ${zoho} differs from Kanjo's total ${send.kanjoTotal} ` +
    `(Zoho rounds tax per line, Kanjo once per rate); Kanjo's total is the one on the document`
  );
}

/**
 * What the link keeps of a written record beyond the fields: the CRM's line
 * ids once its lines were written, or null when they could not be read (the
 * ids kept before name lines that are gone).
 */
export function writtenBase(
  send: Pick<DocumentSend, 'kanjoTotal'>,
  written: WrittenRecord | undefined,
): Record<string, string | null> {
  if (send.kanjoTotal === undefined) return {};
  return { [LINE_IDS_KEY]: written?.lineIds ? JSON.stringify(written.lineIds) : null };
}
