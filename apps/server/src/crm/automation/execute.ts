import {
  decideAutomation,
  type AutomatedDocument,
  type AutomationDecision,
  type AutomationTrigger,
  type EntityRowMap,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import { readEntity } from '../../db/entities';
import { commitWrite } from '../../mutations/committed';
import { writeDeals, type DealWrite, type StoredDeal } from '../deals/deal-store';
import type { SyncContext } from '../sync/context';
import {
  appendAutomationLog,
  automatedDocumentIds,
  doneTriggers,
  type LogEntryInput,
} from './log-store';
import { loadAutomationSettings } from './settings-store';
import { carryOut, skipEntry, type DealFacts } from './steps';

/** A deal a run read, what it will store, and what Kanjo had before. */
export interface SeenDeal {
  write: DealWrite;
  before: StoredDeal | undefined;
}

type DocKind = AutomatedDocument['kind'];

const probabilityOf = (record: Record<string, unknown>): number | null => {
  const value = record.Probability;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Stores the deals a run read and acts on their stage changes.
 * Deals that fire no trigger are stored together; each deal that does is
 * stored in its own transaction with what automation did, so a crash never
 * leaves a deal stored as seen without its action (the next read would see
 * no change and the trigger would be lost), and the done-row in that same
 * transaction makes each trigger act exactly once, whatever the retries.
 */
export async function runDealAutomation(
  ctx: SyncContext,
  seen: readonly SeenDeal[],
  { now }: { now: string },
): Promise<void> {
  const { decided, lineTaxRate } = await decide(ctx, seen);
  const quiet = seen.filter((s) => !decided.has(s.write.id)).map((s) => s.write);
  if (quiet.length > 0) {
    await commitWrite(ctx.deps, ctx.organizationId, (tx) =>
      writeDeals(tx, ctx.organizationId, quiet, { now }),
    );
  }
  for (const item of seen) {
    const decisions = decided.get(item.write.id);
    if (decisions) await actOnDeal(ctx, { write: item.write, lineTaxRate }, decisions, now);
  }
}

/**
 * The decisions of each deal that fires a trigger (deals that fire none are
 * absent), and the tax rate the rules give a document's line.
 */
async function decide(
  ctx: SyncContext,
  seen: readonly SeenDeal[],
): Promise<{ decided: Map<string, AutomationDecision[]>; lineTaxRate: string | null }> {
  const decided = new Map<string, AutomationDecision[]>();
  const { settings, enabledAt } = await loadAutomationSettings(ctx.deps.db, ctx.organizationId);
  const lineTaxRate = settings.lineTaxRate ?? null;
  if (!settings.enabled || !enabledAt) return { decided, lineTaxRate };
  const ids = seen.map((s) => s.write.id);
  const [done, documents] = await Promise.all([
    doneTriggers(ctx.deps.db, ctx.organizationId, ids),
    automatedDocuments(ctx.deps.db, ctx.organizationId, ids),
  ]);
  for (const { write, before } of seen) {
    const decisions = decideAutomation({
      deal: {
        probability: probabilityOf(write.record),
        crmCreatedTime: instant(write.record.Created_Time),
        crmModifiedTime: instant(write.record.Modified_Time),
        customerId: write.customerId,
      },
      before:
        before && !before.deletedAt ? { probability: probabilityOf(before.record) } : undefined,
      settings,
      enabledAt,
      done: done.get(write.id) ?? new Set(),
      documents: documents.get(write.id) ?? [],
    });
    if (decisions.length > 0) decided.set(write.id, decisions);
  }
  return { decided, lineTaxRate };
}

function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The live documents automation made for each deal, as the decision reads them. */
export async function automatedDocuments(
  db: Db,
  organizationId: string,
  dealIds: readonly string[],
): Promise<Map<string, AutomatedDocument[]>> {
  const ids = await automatedDocumentIds(db, organizationId, dealIds);
  const byDeal = new Map<string, AutomatedDocument[]>();
  for (const [dealId, refs] of ids) {
    const docs: AutomatedDocument[] = [];
    for (const ref of refs) {
      const stored = await readEntity(db, organizationId, ref.kind, ref.id);
      const row = stored?.row as EntityRowMap[DocKind] | undefined;
      if (!row?.automation || row.automation.dealId !== dealId) continue;
      docs.push({
        kind: ref.kind,
        id: row.id,
        number: row.number,
        status: row.status,
        automation: row.automation,
        ...('amountPaid' in row ? { amountPaid: row.amountPaid } : {}),
        ...('sentAt' in row && row.sentAt ? { sentAt: row.sentAt } : {}),
      });
    }
    byDeal.set(dealId, docs);
  }
  return byDeal;
}

async function actOnDeal(
  ctx: SyncContext,
  { write, lineTaxRate }: { write: DealWrite; lineTaxRate: string | null },
  decisions: AutomationDecision[],
  now: string,
): Promise<void> {
  const deal: DealFacts = {
    id: write.id,
    name: textOf(write.record.Deal_Name),
    stage: textOf(write.record.Stage),
    write,
    lineTaxRate,
  };
  await commitWrite(ctx.deps, ctx.organizationId, async (tx) => {
    const { trx } = tx;
    await writeDeals(tx, ctx.organizationId, [write], { now });
    const entries: LogEntryInput[] = [];
    for (const decision of decisions) {
      const acts = decision.steps.some((step) => step.do !== 'skip');
      if (acts && !(await claimTrigger(trx, ctx.organizationId, deal.id, decision.trigger, now))) {
        entries.push(skipEntry(deal, decision.trigger, { do: 'skip', code: 'ALREADY_DONE' }));
        continue;
      }
      for (const step of decision.steps) {
        const done = await carryOut(tx, ctx, deal, decision.trigger, step, now);
        entries.push(done.entry);
      }
    }
    await appendAutomationLog(trx, {
      organizationId: ctx.organizationId,
      entries,
      newId: ctx.deps.newId,
      now,
    });
  });
}

/** Exactly once: the first transaction to claim a deal's trigger acts; later ones see the row. */
async function claimTrigger(
  trx: Db,
  organizationId: string,
  dealId: string,
  trigger: AutomationTrigger,
  now: string,
): Promise<boolean> {
  const result = await trx
    .insertInto('crm_automation_done')
    .values({ organization_id: organizationId, deal_id: dealId, trigger, done_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
