import type { AutomationSkipCode, AutomationTrigger } from '@kanjo/core';

const KIND_NAMES = { quote: 'quote', salesOrder: 'sales order', invoice: 'invoice' } as const;
type Kind = keyof typeof KIND_NAMES;

const TRIGGER_RULES: Record<AutomationTrigger, string> = {
  created: 'new deals',
  won: 'won deals',
  lost: 'lost deals',
};

/** A document as a log line names it: its number, or "the draft invoice". */
export function documentName(kind: Kind, number: string | null): string {
  return number ?? `the draft ${KIND_NAMES[kind]}`;
}

const SKIPS: Record<
  AutomationSkipCode,
  (args: { trigger: AutomationTrigger; kind?: Kind; number?: string | null }) => string
> = {
  NOT_LINKED: () => 'deal not linked to a synced customer',
  RULE_OFF: ({ trigger }) => `no rule for ${TRIGGER_RULES[trigger]}`,
  ALREADY_DONE: ({ trigger }) => `the rule for ${TRIGGER_RULES[trigger]} already ran for this deal`,
  NO_DOCUMENT: () => 'no invoice or sales order made by automation to void',
  RELEASED: ({ kind = 'invoice', number = null }) =>
    `${documentName(kind, number)} was changed by a person`,
  SENT: ({ kind = 'invoice', number = null }) =>
    `${KIND_NAMES[kind]} ${number ?? ''} already sent`.replace(/ {2,}/g, ' ').trim(),
  PAID: ({ kind = 'invoice', number = null }) => `${documentName(kind, number)} has payments`,
  ALREADY_FINAL: ({ kind = 'invoice', number = null }) =>
    `${documentName(kind, number)} is already closed`,
};

/** The decision in English, e.g. "Closed Won → created INV-000042" (the PWA translates codes). */
export function actedMessage(stage: string, verb: string, kind: Kind, number: string | null) {
  return `${stage} → ${verb} ${documentName(kind, number)}`;
}

export function skippedMessage(
  stage: string,
  code: AutomationSkipCode,
  args: { trigger: AutomationTrigger; kind?: Kind; number?: string | null },
): string {
  return `${stage} → skipped: ${SKIPS[code](args)}`;
}

export function failedMessage(stage: string, what: string, error: string): string {
  return `${stage} → could not ${what}: ${error}`;
}
