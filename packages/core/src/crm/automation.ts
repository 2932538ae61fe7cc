import * as v from 'valibot';
import { percentSchema } from '../schemas/common';
import type { Deal } from '../schemas/deal';
import type { AutomationTrigger, DocumentAutomation } from '../schemas/documents';

/**
 * Deal-stage automation: what the admin chose, and the pure
 * decision of what a deal change calls for. The server reads the deal and the
 * documents automation made for it, asks `decideAutomation`, carries out the
 * steps (exactly once per deal and trigger) and logs every step with its
 * reason — the ones it acted on and the ones it skipped.
 */

export const AUTOMATION_DOCUMENTS = ['none', 'invoice', 'salesOrder'] as const;
export type AutomationDocument = (typeof AUTOMATION_DOCUMENTS)[number];

export const crmAutomationSettingsSchema = v.strictObject({
  enabled: v.boolean(),
  onCreated: v.strictObject({ createQuote: v.boolean() }),
  onWon: v.strictObject({
    /** Mark the quote automation made for the deal accepted. */
    acceptQuote: v.boolean(),
    create: v.picklist(AUTOMATION_DOCUMENTS),
    /** Issue the invoice (confirm the sales order) instead of leaving a draft. */
    issue: v.boolean(),
  }),
  onLost: v.strictObject({
    declineQuote: v.boolean(),
    /** Void the invoice (or sales order) automation made when the deal was won. */
    voidDocument: v.boolean(),
  }),
  /**
   * The tax rate of the one line a document made from a deal has (the deal's
   * amount is its price before tax); absent or null: no tax. Optional, so
   * rules saved before it existed still read.
   */
  lineTaxRate: v.optional(v.nullable(percentSchema)),
});

export type CrmAutomationSettings = v.InferOutput<typeof crmAutomationSettingsSchema>;

/** Off until an admin turns it on; when on, the reference product's usual choices. */
export function defaultAutomationSettings(): CrmAutomationSettings {
  return {
    enabled: false,
    onCreated: { createQuote: false },
    onWon: { acceptQuote: true, create: 'invoice', issue: false },
    onLost: { declineQuote: true, voidDocument: true },
    lineTaxRate: null,
  };
}

/** Won and lost are read from the stage's probability, never from its name. */
export function dealOutcome(probability: number | null): 'won' | 'lost' | 'open' {
  if (probability === 100) return 'won';
  if (probability === 0) return 'lost';
  return 'open';
}

/** A document automation made for the deal, as the decision needs it. */
export interface AutomatedDocument {
  kind: 'quote' | 'salesOrder' | 'invoice';
  id: string;
  number: string | null;
  status: string;
  automation: DocumentAutomation;
  /** Invoices: payments recorded and when it was marked sent. */
  amountPaid?: number;
  sentAt?: string;
}

/** What the deal looked like when Kanjo last saw it; absent for a deal never seen. */
export interface DealBefore {
  probability: number | null;
}

export type AutomationStep =
  | { do: 'createQuote' }
  | { do: 'acceptQuote'; document: AutomatedDocument }
  | { do: 'createDocument'; kind: 'invoice' | 'salesOrder'; issue: boolean }
  | { do: 'declineQuote'; document: AutomatedDocument }
  | { do: 'voidDocument'; document: AutomatedDocument }
  | { do: 'skip'; code: AutomationSkipCode; document?: AutomatedDocument };

/** Why a trigger did nothing; the PWA translates these. */
export const AUTOMATION_SKIP_CODES = [
  'NOT_LINKED',
  'RULE_OFF',
  'ALREADY_DONE',
  'NO_DOCUMENT',
  'RELEASED',
  'SENT',
  'PAID',
  'ALREADY_FINAL',
] as const;
export type AutomationSkipCode = (typeof AUTOMATION_SKIP_CODES)[number];

export interface AutomationDecision {
  trigger: AutomationTrigger;
  steps: AutomationStep[];
}

export interface DecideInput {
  deal: Pick<Deal, 'probability' | 'crmCreatedTime' | 'crmModifiedTime'> & {
    /** Null when the deal's Account (or Contact) is not a synced customer. */
    customerId: string | null;
  };
  before: DealBefore | undefined;
  settings: CrmAutomationSettings;
  /** When automation was turned on: older deal events are history, not triggers. */
  enabledAt: string;
  /** Triggers already acted on for this deal (exactly once per deal and trigger). */
  done: ReadonlySet<AutomationTrigger>;
  /** Documents automation made for this deal. */
  documents: readonly AutomatedDocument[];
}

/**
 * Whether a CRM time is at or after the rules' switch-on. The CRM keeps whole
 * seconds and Kanjo milliseconds: a deal made in the very second the rules
 * were turned on reads as `…:05.000` against `…:05.731`, so the switch-on is
 * compared at the CRM's precision. Both are ISO instants in UTC.
 */
const after = (time: string | null, since: string) =>
  time !== null && time >= `${since.slice(0, 19)}.000Z`;

/** The triggers this deal change fires: a new deal, or a move to won or lost. */
export function firedTriggers(input: DecideInput): AutomationTrigger[] {
  const { deal, before, enabledAt } = input;
  const fired: AutomationTrigger[] = [];
  if (!before && after(deal.crmCreatedTime, enabledAt)) fired.push('created');
  const outcome = dealOutcome(deal.probability);
  if (outcome !== 'open') {
    const moved = before
      ? dealOutcome(before.probability) !== outcome
      : after(deal.crmModifiedTime, enabledAt);
    if (moved) fired.push(outcome);
  }
  return fired;
}

/**
 * What each fired trigger calls for. Pure: the same deal, settings and
 * documents always give the same steps.
 *
 * @example decideAutomation({ deal: { probability: 100, … }, before: { probability: 90 }, … })
 * // [{ trigger: 'won', steps: [{ do: 'createDocument', kind: 'invoice', issue: false }] }]
 */
export function decideAutomation(input: DecideInput): AutomationDecision[] {
  if (!input.settings.enabled) return [];
  return firedTriggers(input).map((trigger) => ({ trigger, steps: stepsFor(trigger, input) }));
}

function stepsFor(trigger: AutomationTrigger, input: DecideInput): AutomationStep[] {
  if (input.deal.customerId === null) return [{ do: 'skip', code: 'NOT_LINKED' }];
  if (input.done.has(trigger)) return [{ do: 'skip', code: 'ALREADY_DONE' }];
  const { settings } = input;
  const quote = input.documents.find(
    (d) => d.kind === 'quote' && d.automation.trigger === 'created',
  );
  const made = input.documents.find((d) => d.kind !== 'quote' && d.automation.trigger === 'won');
  switch (trigger) {
    case 'created':
      return settings.onCreated.createQuote
        ? [{ do: 'createQuote' }]
        : [{ do: 'skip', code: 'RULE_OFF' }];
    case 'won': {
      const steps: AutomationStep[] = [];
      if (settings.onWon.acceptQuote && quote) steps.push(quoteStep('acceptQuote', quote));
      if (settings.onWon.create !== 'none') {
        steps.push({
          do: 'createDocument',
          kind: settings.onWon.create,
          issue: settings.onWon.issue,
        });
      }
      return steps.length > 0 ? steps : [{ do: 'skip', code: 'RULE_OFF' }];
    }
    case 'lost': {
      const steps: AutomationStep[] = [];
      if (settings.onLost.declineQuote && quote) steps.push(quoteStep('declineQuote', quote));
      if (settings.onLost.voidDocument) {
        steps.push(made ? voidStep(made) : { do: 'skip', code: 'NO_DOCUMENT' });
      }
      return steps.length > 0 ? steps : [{ do: 'skip', code: 'RULE_OFF' }];
    }
  }
}

const OPEN_QUOTE = new Set(['draft', 'sent']);

function quoteStep(to: 'acceptQuote' | 'declineQuote', quote: AutomatedDocument): AutomationStep {
  if (quote.automation.releasedAt) {
    return { do: 'skip', code: quote.status === 'sent' ? 'SENT' : 'RELEASED', document: quote };
  }
  if (!OPEN_QUOTE.has(quote.status)) return { do: 'skip', code: 'ALREADY_FINAL', document: quote };
  return { do: to, document: quote };
}

function voidStep(document: AutomatedDocument): AutomationStep {
  if (document.automation.releasedAt) {
    return { do: 'skip', code: document.sentAt ? 'SENT' : 'RELEASED', document };
  }
  if (document.status === 'void' || document.status === 'closed')
    return { do: 'skip', code: 'ALREADY_FINAL', document };
  if ((document.amountPaid ?? 0) > 0) return { do: 'skip', code: 'PAID', document };
  return { do: 'voidDocument', document };
}
