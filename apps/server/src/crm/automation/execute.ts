import {
  decideAutomation,
  DomainError,
  type AutomatedDocument,
  type AutomationDecision,
  type AutomationStep,
  type AutomationTrigger,
  type EntityRowMap,
  type MutationName,
} from '@kanjo/core';
import { sql } from 'kysely';
import { writeTransaction, type Db } from '../../db/database';
import { readEntity } from '../../db/entities';
import { applyMutationIn } from '../../mutations/apply-mutation';
import { writeDeals, type DealWrite, type StoredDeal } from '../deals/deal-store';
import type { SyncContext } from '../sync/context';
import {
  appendAutomationLog,
  automatedDocumentIds,
  doneTriggers,
  type LogEntryInput,
} from './log-store';
import { actedMessage, failedMessage, skippedMessage } from './messages';
import { loadAutomationSettings } from './settings-store';

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
 * Stores the deals a run read and acts on their stage changes (F15, F16).
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
  const decided = await decide(ctx, seen);
  const quiet = seen.filter((s) => !decided.has(s.write.id)).map((s) => s.write);
  if (quiet.length > 0) {
    const seq = await writeTransaction(ctx.deps.db, (trx) =>
      writeDeals(trx, ctx.organizationId, quiet, { now }),
    );
    if (seq !== undefined) ctx.notify(seq);
  }
  for (const item of seen) {
    const decisions = decided.get(item.write.id);
    if (decisions) await actOnDeal(ctx, item.write, decisions, now);
  }
}

/** The decisions of each deal that fires a trigger (deals that fire none are absent). */
async function decide(
  ctx: SyncContext,
  seen: readonly SeenDeal[],
): Promise<Map<string, AutomationDecision[]>> {
  const decided = new Map<string, AutomationDecision[]>();
  const { settings, enabledAt } = await loadAutomationSettings(ctx.deps.db, ctx.organizationId);
  if (!settings.enabled || !enabledAt) return decided;
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
  return decided;
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

interface DealFacts {
  id: string;
  name: string;
  stage: string;
  write: DealWrite;
}

async function actOnDeal(
  ctx: SyncContext,
  write: DealWrite,
  decisions: AutomationDecision[],
  now: string,
): Promise<void> {
  const deal: DealFacts = {
    id: write.id,
    name: textOf(write.record.Deal_Name),
    stage: textOf(write.record.Stage),
    write,
  };
  const seq = await writeTransaction(ctx.deps.db, async (trx) => {
    let last = await writeDeals(trx, ctx.organizationId, [write], { now });
    const entries: LogEntryInput[] = [];
    for (const decision of decisions) {
      const acts = decision.steps.some((step) => step.do !== 'skip');
      if (acts && !(await claimTrigger(trx, ctx.organizationId, deal.id, decision.trigger, now))) {
        entries.push(skipEntry(deal, decision.trigger, { do: 'skip', code: 'ALREADY_DONE' }));
        continue;
      }
      for (const step of decision.steps) {
        const done = await carryOut(trx, ctx, deal, decision.trigger, step, now);
        entries.push(done.entry);
        last = done.seq ?? last;
      }
    }
    await appendAutomationLog(trx, {
      organizationId: ctx.organizationId,
      entries,
      newId: ctx.deps.newId,
      now,
    });
    return last;
  });
  if (seq !== undefined) ctx.notify(seq);
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

function skipEntry(
  deal: DealFacts,
  trigger: AutomationTrigger,
  step: Extract<AutomationStep, { do: 'skip' }>,
): LogEntryInput {
  const doc = step.document;
  return {
    ...dealEntry(deal, trigger),
    step: 'skip',
    outcome: 'skipped',
    code: step.code,
    documentKind: doc?.kind ?? null,
    documentId: doc?.id ?? null,
    documentNumber: doc?.number ?? null,
    message: skippedMessage(deal.stage || 'Deal', step.code, {
      trigger,
      kind: doc?.kind,
      number: doc?.number,
    }),
  };
}

const dealEntry = (deal: DealFacts, trigger: AutomationTrigger) => ({
  dealId: deal.id,
  dealName: deal.name,
  stage: deal.stage,
  trigger,
});

interface Carried {
  entry: LogEntryInput;
  seq?: number;
}

/**
 * One step, inside a savepoint: a step the domain refuses (a quote someone
 * already converted) is logged as failed and the others still happen.
 */
async function carryOut(
  trx: Db,
  ctx: SyncContext,
  deal: DealFacts,
  trigger: AutomationTrigger,
  step: AutomationStep,
  now: string,
): Promise<Carried> {
  if (step.do === 'skip') return { entry: skipEntry(deal, trigger, step) };
  await sql`savepoint automation_step`.execute(trx);
  try {
    const carried = await perform(trx, ctx, deal, trigger, step, now);
    await sql`release automation_step`.execute(trx);
    return carried;
  } catch (error) {
    await sql`rollback to automation_step`.execute(trx);
    await sql`release automation_step`.execute(trx);
    if (!(error instanceof DomainError)) throw error;
    const kind = 'document' in step ? step.document.kind : stepKind(step);
    return {
      entry: {
        ...dealEntry(deal, trigger),
        step: step.do,
        outcome: 'failed',
        code: error.code,
        documentKind: kind,
        documentId: 'document' in step ? step.document.id : null,
        documentNumber: 'document' in step ? step.document.number : null,
        message: failedMessage(deal.stage || 'Deal', describe(step), error.message),
      },
    };
  }
}

const stepKind = (step: AutomationStep): DocKind =>
  step.do === 'createDocument' ? step.kind : 'quote';

function describe(step: AutomationStep): string {
  switch (step.do) {
    case 'createQuote':
      return 'create a quote';
    case 'createDocument':
      return `create ${step.kind === 'invoice' ? 'an invoice' : 'a sales order'}`;
    case 'acceptQuote':
      return 'accept the quote';
    case 'declineQuote':
      return 'decline the quote';
    case 'voidDocument':
      return `void the ${step.document.kind === 'invoice' ? 'invoice' : 'sales order'}`;
    case 'skip':
      return 'skip';
  }
}

type Mutate = (name: MutationName, entityId: string, args: unknown) => Promise<RowAfter>;
type RowAfter = { seq: number; number: string | null };

async function perform(
  trx: Db,
  ctx: SyncContext,
  deal: DealFacts,
  trigger: AutomationTrigger,
  step: Exclude<AutomationStep, { do: 'skip' }>,
  now: string,
): Promise<Carried> {
  const automation = { dealId: deal.id, trigger, at: now };
  const mutate: Mutate = async (name, entityId, args) => {
    const applied = await applyMutationIn(trx, {
      organizationId: ctx.organizationId,
      actor: ctx.actor,
      name,
      entityId,
      args,
      now: new Date(now),
      newId: ctx.deps.newId,
      automation,
    });
    const own = applied.writes.find((w) => w.id === entityId);
    const number = own && 'number' in own.row ? (own.row.number as string | null) : null;
    return { seq: applied.seq, number };
  };
  const acted = (kind: DocKind, id: string, verb: string, after: RowAfter): Carried => ({
    seq: after.seq,
    entry: {
      ...dealEntry(deal, trigger),
      step: step.do,
      outcome: 'acted',
      code: null,
      documentKind: kind,
      documentId: id,
      documentNumber: after.number,
      message: actedMessage(deal.stage || 'Deal', verb, kind, after.number),
    },
  });
  switch (step.do) {
    case 'createQuote': {
      const id = ctx.deps.newId();
      return acted(
        'quote',
        id,
        'created',
        await mutate('quote.create', id, await newDocumentArgs(trx, ctx, deal)),
      );
    }
    case 'createDocument': {
      const id = ctx.deps.newId();
      const args = await newDocumentArgs(trx, ctx, deal);
      let after = await mutate(`${step.kind}.create`, id, args);
      if (step.issue) {
        after = await mutate(
          step.kind === 'invoice' ? 'invoice.issue' : 'salesOrder.confirm',
          id,
          {},
        );
      }
      return acted(step.kind, id, 'created', after);
    }
    case 'acceptQuote':
    case 'declineQuote': {
      const { id, status } = step.document;
      // A draft is sent first (it gets its number): the state machine accepts or declines sent quotes.
      if (status === 'draft') await mutate('quote.send', id, {});
      const to = step.do === 'acceptQuote' ? 'quote.accept' : 'quote.decline';
      const verb = step.do === 'acceptQuote' ? 'accepted' : 'declined';
      return acted('quote', id, verb, await mutate(to, id, {}));
    }
    case 'voidDocument': {
      const { id, kind } = step.document;
      const name = kind === 'salesOrder' ? 'salesOrder.void' : 'invoice.void';
      return acted(kind, id, 'voided', await mutate(name, id, {}));
    }
  }
}

const LINE_NAME_MAX = 200;
const LINE_DESCRIPTION_MAX = 2000;

/**
 * A document from the deal (F15): one line named after the deal, priced at
 * its amount, described by its description, in the deal's currency, sold by
 * the Kanjo user who owns the deal in the CRM (matched by email).
 */
async function newDocumentArgs(trx: Db, ctx: SyncContext, deal: DealFacts) {
  const cached = deal.write.deal;
  if (!cached || !deal.write.customerId) {
    throw new DomainError({
      code: 'VALIDATION_FAILED',
      message: 'The deal has no synced customer',
    });
  }
  const description = cached.description?.slice(0, LINE_DESCRIPTION_MAX);
  return {
    customerId: deal.write.customerId,
    currency: cached.currency,
    dealId: deal.id,
    salespersonId: await salespersonOf(trx, ctx.organizationId, cached.owner?.email),
    lines: [
      {
        name: (cached.name || 'Deal').slice(0, LINE_NAME_MAX),
        ...(description ? { description } : {}),
        quantity: '1',
        rate: cached.amount ?? 0,
      },
    ],
  };
}

async function salespersonOf(
  trx: Db,
  organizationId: string,
  email: string | undefined,
): Promise<string | null> {
  if (!email) return null;
  const user = await trx
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return user?.id ?? null;
}
