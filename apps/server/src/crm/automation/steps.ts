import {
  DomainError,
  type AutomatedDocument,
  type AutomationStep,
  type AutomationTrigger,
  type MutationName,
} from '@kanjo/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { applyMutationIn } from '../../mutations/apply-mutation';
import type { WriteTx } from '../../mutations/committed';
import type { DealWrite } from '../deals/deal-store';
import type { SyncContext } from '../sync/context';
import type { LogEntryInput } from './log-store';
import { actedMessage, failedMessage, skippedMessage } from './messages';

/**
 * The steps automation carries out for one deal, each logged: creating a
 * document from the deal, accepting or declining its quote, voiding what it
 * made — or the reason it skipped.
 */

type DocKind = AutomatedDocument['kind'];

export interface DealFacts {
  id: string;
  name: string;
  stage: string;
  write: DealWrite;
  /** The rules' tax rate for the document's line; null: no tax. */
  lineTaxRate?: string | null;
}

export function skipEntry(
  deal: Pick<DealFacts, 'id' | 'name' | 'stage'>,
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

const dealEntry = (deal: Pick<DealFacts, 'id' | 'name' | 'stage'>, trigger: AutomationTrigger) => ({
  dealId: deal.id,
  dealName: deal.name,
  stage: deal.stage,
  trigger,
});

interface Carried {
  entry: LogEntryInput;
}

/**
 * One step, inside a savepoint: a step the domain refuses (a quote someone
 * already converted) is logged as failed and the others still happen.
 */
export async function carryOut(
  tx: WriteTx,
  ctx: SyncContext,
  deal: DealFacts,
  trigger: AutomationTrigger,
  step: AutomationStep,
  now: string,
): Promise<Carried> {
  if (step.do === 'skip') return { entry: skipEntry(deal, trigger, step) };
  // A refused step may follow a write of its own (create, then issue): that write is undone too.
  try {
    return await tx.attempt(() => perform(tx, ctx, deal, trigger, step, now));
  } catch (error) {
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
type RowAfter = { number: string | null };

async function perform(
  tx: WriteTx,
  ctx: SyncContext,
  deal: DealFacts,
  trigger: AutomationTrigger,
  step: Exclude<AutomationStep, { do: 'skip' }>,
  now: string,
): Promise<Carried> {
  const { trx } = tx;
  const automation = { dealId: deal.id, trigger, at: now };
  const mutate: Mutate = async (name, entityId, args) => {
    const applied = await applyMutationIn(tx, {
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
    return { number };
  };
  const acted = (kind: DocKind, id: string, verb: string, after: RowAfter): Carried => ({
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
 * A document from the deal: one line named after the deal, priced at its
 * amount (before tax), taxed at the rules' rate, described by its
 * description, in the deal's currency, sold by the Kanjo user who owns the
 * deal in the CRM (matched by email).
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
        ...(deal.lineTaxRate ? { taxRate: deal.lineTaxRate } : {}),
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
