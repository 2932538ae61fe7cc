import {
  decideAutomation,
  type AutomationLogEntry,
  type AutomationStep,
  type Deal,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import { automatedDocuments } from './execute';
import { doneTriggers } from './log-store';
import { actedMessage } from './messages';
import { skipEntry } from './steps';
import { loadAutomationSettings } from './settings-store';

/** Deals evaluated per dry run: the most recently changed ones. */
const DRY_RUN_DEALS = 500;

/**
 * What the rules would do to the current deals: each cached deal of
 * a synced customer is taken as if it had just reached its stage, against the
 * documents and done-triggers Kanjo really has. Nothing is written or logged.
 */
export async function automationDryRun(
  db: Db,
  organizationId: string,
  { now, newId }: { now: string; newId: () => string },
): Promise<AutomationLogEntry[]> {
  const { settings } = await loadAutomationSettings(db, organizationId);
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'data', 'customer_id'])
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .where('data', 'is not', null)
    .where('customer_id', 'is not', null)
    .orderBy('crm_modified_time', 'desc')
    .limit(DRY_RUN_DEALS)
    .execute();
  const deals = rows.map((r) => JSON.parse(r.data ?? '{}') as Omit<Deal, 'version'>);
  const ids = deals.map((d) => d.id);
  const [done, documents] = await Promise.all([
    doneTriggers(db, organizationId, ids),
    automatedDocuments(db, organizationId, ids),
  ]);
  const entries: AutomationLogEntry[] = [];
  for (const deal of deals) {
    const decisions = decideAutomation({
      deal,
      before: undefined,
      // As if turned on just now and every deal had just reached its stage.
      settings: { ...settings, enabled: true },
      enabledAt: '',
      done: done.get(deal.id) ?? new Set(),
      documents: documents.get(deal.id) ?? [],
    });
    for (const { trigger, steps } of decisions) {
      for (const step of steps) {
        entries.push({
          ...planned(deal, trigger, step),
          id: newId(),
          dryRun: true,
          createdAt: now,
        });
      }
    }
  }
  return entries;
}

const VERBS = {
  createQuote: 'would create',
  createDocument: 'would create',
  acceptQuote: 'would accept',
  declineQuote: 'would decline',
  voidDocument: 'would void',
} as const;

function planned(
  deal: Omit<Deal, 'version'>,
  trigger: AutomationLogEntry['trigger'],
  step: AutomationStep,
): Omit<AutomationLogEntry, 'id' | 'dryRun' | 'createdAt'> {
  const base = { dealId: deal.id, dealName: deal.name, stage: deal.stage, trigger };
  const stage = deal.stage || 'Deal';
  // A skip reads the same whether it is planned or happened.
  if (step.do === 'skip') return skipEntry(deal, trigger, step);
  const doc = 'document' in step ? step.document : undefined;
  const kind = doc?.kind ?? (step.do === 'createDocument' ? step.kind : 'quote');
  return {
    ...base,
    step: step.do,
    outcome: 'planned',
    code: null,
    documentKind: kind,
    documentId: doc?.id ?? null,
    documentNumber: doc?.number ?? null,
    message: actedMessage(stage, VERBS[step.do], kind, doc?.number ?? null),
  };
}
