import type { AutomationLogEntry } from '@kanjo/core';
import { readInChunks, type Db } from '../../db/database';
import type { CrmAutomationLogTable } from '../../db/schema';

export type LogEntryInput = Omit<AutomationLogEntry, 'id' | 'createdAt' | 'dryRun'>;

/** Appends evaluated steps in the caller's transaction. */
export async function appendAutomationLog(
  trx: Db,
  input: { organizationId: string; entries: LogEntryInput[]; newId: () => string; now: string },
): Promise<void> {
  for (const entry of input.entries) {
    await trx
      .insertInto('crm_automation_log')
      .values({
        id: input.newId(),
        organization_id: input.organizationId,
        deal_id: entry.dealId,
        deal_name: entry.dealName,
        stage: entry.stage,
        trigger: entry.trigger,
        step: entry.step,
        outcome: entry.outcome,
        code: entry.code,
        document_kind: entry.documentKind,
        document_id: entry.documentId,
        document_number: entry.documentNumber,
        message: entry.message,
        dry_run: 0,
        created_at: input.now,
      })
      .execute();
  }
}

const toEntry = (row: CrmAutomationLogTable): AutomationLogEntry => ({
  id: row.id,
  dealId: row.deal_id,
  dealName: row.deal_name,
  stage: row.stage,
  trigger: row.trigger,
  step: row.step as AutomationLogEntry['step'],
  outcome: row.outcome,
  code: row.code,
  documentKind: row.document_kind,
  documentId: row.document_id,
  documentNumber: row.document_number,
  message: row.message,
  dryRun: row.dry_run === 1,
  createdAt: row.created_at,
});

/** Newest first; `before` pages on (created_at, id). */
export async function listAutomationLog(
  db: Db,
  organizationId: string,
  query: { documentId?: string; dealId?: string; limit: number; before?: string },
): Promise<{ entries: AutomationLogEntry[]; more: boolean }> {
  let select = db
    .selectFrom('crm_automation_log')
    .selectAll()
    .where('organization_id', '=', organizationId);
  if (query.documentId) select = select.where('document_id', '=', query.documentId);
  if (query.dealId) select = select.where('deal_id', '=', query.dealId);
  if (query.before) select = select.where('created_at', '<', query.before);
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return { entries: rows.slice(0, query.limit).map(toEntry), more: rows.length > query.limit };
}

/** The documents automation made for each deal: (deal id → [kind, id]). */
export async function automatedDocumentIds(
  db: Db,
  organizationId: string,
  dealIds: readonly string[],
): Promise<Map<string, { kind: 'quote' | 'salesOrder' | 'invoice'; id: string }[]>> {
  const rows = await readInChunks([...new Set(dealIds)], (chunk) =>
    db
      .selectFrom('crm_automation_log')
      .select(['deal_id', 'document_kind', 'document_id'])
      .distinct()
      .where('organization_id', '=', organizationId)
      .where('deal_id', 'in', chunk)
      .where('outcome', '=', 'acted')
      .where('step', 'in', ['createQuote', 'createDocument'])
      .execute(),
  );
  const byDeal = new Map<string, { kind: 'quote' | 'salesOrder' | 'invoice'; id: string }[]>();
  for (const row of rows) {
    if (!row.document_kind || !row.document_id) continue;
    const list = byDeal.get(row.deal_id) ?? [];
    list.push({ kind: row.document_kind, id: row.document_id });
    byDeal.set(row.deal_id, list);
  }
  return byDeal;
}

/** The triggers already acted on for each deal. */
export async function doneTriggers(
  db: Db,
  organizationId: string,
  dealIds: readonly string[],
): Promise<Map<string, Set<'created' | 'won' | 'lost'>>> {
  const rows = await readInChunks([...new Set(dealIds)], (chunk) =>
    db
      .selectFrom('crm_automation_done')
      .select(['deal_id', 'trigger'])
      .where('organization_id', '=', organizationId)
      .where('deal_id', 'in', chunk)
      .execute(),
  );
  const done = new Map<string, Set<'created' | 'won' | 'lost'>>();
  for (const row of rows)
    done.set(row.deal_id, (done.get(row.deal_id) ?? new Set()).add(row.trigger));
  return done;
}
