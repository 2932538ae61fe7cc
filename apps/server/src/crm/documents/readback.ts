import { DOCUMENT_LINE_FIELDS, valuesEqual, type CrmDocumentModule } from '@kanjo/core';
import type { SyncContext } from '../sync/context';
import { errorInfo } from '../sync/errors';
import { documentBody, LINE_IDS_KEY } from './body';
import type { DocumentSend } from './collect';

/**
 * Zoho answers a write with the record's id and times only, so what it
 * computed from the line items (Grand_Total) and the ids it gave the lines
 * are read back: one read per batch of up to 100 records, only for records
 * whose lines were written.
 */

export interface WrittenRecord {
  grandTotal: unknown;
  lineIds: string[];
}

const lineIdsOf = (lines: unknown): string[] =>
  Array.isArray(lines)
    ? lines.flatMap((line) => {
        const id = (line as { id?: unknown } | null)?.id;
        return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
      })
    : [];

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
    const records = await ctx.crm.getRecords(module, crmIds, ['Grand_Total', lineField]);
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
 * before lines were written) read them first, so the old lines are removed.
 */
export async function fillLineIds(
  ctx: SyncContext,
  module: CrmDocumentModule,
  updates: DocumentSend[],
): Promise<void> {
  const unknown = updates.filter((send) => send.linesUnknown && send.link);
  const written = await readWritten(
    ctx,
    module,
    unknown.flatMap((send) => send.link?.crmId ?? []),
  );
  const lineField = DOCUMENT_LINE_FIELDS[module];
  for (const send of unknown) {
    const deleteIds = written.get(send.link?.crmId ?? '')?.lineIds ?? [];
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

/** What the link keeps of a written record beyond the fields: the CRM's line ids. */
export function writtenBase(written: WrittenRecord | undefined): Record<string, string> {
  return written ? { [LINE_IDS_KEY]: JSON.stringify(written.lineIds) } : {};
}
