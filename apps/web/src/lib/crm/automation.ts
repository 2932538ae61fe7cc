import {
  AUTOMATION_SKIP_CODES,
  crmAutomationSettingsSchema,
  type AutomationDocument,
  type AutomationLogEntry,
  type AutomationTrigger,
  type CrmAutomationSettings,
  percentSchema,
} from '@kanjo/core';
import type { Pathname } from '$app/types';
import * as v from 'valibot';
import { ApiError, NetworkError } from '$lib/http/client';
import { documentPath } from '$lib/documents/kinds';
import type { MessageKey } from '../i18n/en';
import type { Message } from './history';

/**
 * The deal-automation page's pure logic: the rules form's draft ↔
 * the stored settings, the log's decisions in the person's language, paging,
 * and how a failure reads. Translation is passed in (`Translate`), so the
 * words are tested with the real catalogs.
 */

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What the rules form edits: one flat field per control. */
export interface AutomationDraft {
  enabled: boolean;
  createQuote: boolean;
  acceptQuote: boolean;
  create: AutomationDocument;
  issue: boolean;
  declineQuote: boolean;
  voidDocument: boolean;
  /** The deal line's tax rate as typed ("10", "8"); blank: no tax. */
  lineTaxRate: string;
}

/** @example const draft = draftFromSettings(answer.settings); */
export function draftFromSettings(settings: CrmAutomationSettings): AutomationDraft {
  return {
    enabled: settings.enabled,
    createQuote: settings.onCreated.createQuote,
    acceptQuote: settings.onWon.acceptQuote,
    create: settings.onWon.create,
    issue: settings.onWon.issue,
    declineQuote: settings.onLost.declineQuote,
    voidDocument: settings.onLost.voidDocument,
    lineTaxRate: settings.lineTaxRate ?? '',
  };
}

/** Whether the typed tax rate can be saved: blank, or a percentage 0–100 ("10", "12.5"). */
export function lineTaxRateValid(draft: Pick<AutomationDraft, 'lineTaxRate'>): boolean {
  const typed = draft.lineTaxRate.trim();
  return typed === '' || v.is(percentSchema, typed);
}

/** The `PUT` body; checked by core's schema, so the server never sees a wrong shape. */
export function settingsFromDraft(draft: AutomationDraft): CrmAutomationSettings {
  return v.parse(crmAutomationSettingsSchema, {
    enabled: draft.enabled,
    onCreated: { createQuote: draft.createQuote },
    onWon: {
      acceptQuote: draft.acceptQuote,
      create: draft.create,
      // "Issue" means nothing when no document is made; saved off so the rules read plainly.
      issue: draft.create !== 'none' && draft.issue,
    },
    onLost: { declineQuote: draft.declineQuote, voidDocument: draft.voidDocument },
    lineTaxRate: draft.lineTaxRate.trim() === '' ? null : draft.lineTaxRate.trim(),
  });
}

/** Whether saving `draft` would change the stored rules. */
export function sameRules(draft: AutomationDraft, saved: CrmAutomationSettings): boolean {
  // A rate that cannot be saved differs from every saved rule.
  if (!lineTaxRateValid(draft)) return false;
  return (
    JSON.stringify(settingsFromDraft(draft)) ===
    JSON.stringify(settingsFromDraft(draftFromSettings(saved)))
  );
}

export const triggerKey = (trigger: AutomationTrigger): MessageKey =>
  `crmAutomation.trigger.${trigger}`;

type EntryDocument = Pick<AutomationLogEntry, 'documentKind' | 'documentNumber'>;

/** "invoice INV-000042", "draft quote", or "the document" when the entry names none. */
export function documentWords(entry: EntryDocument, translate: Translate): string {
  if (entry.documentKind === null) return translate('crmAutomation.document.unknown');
  const kind = translate(`crmAutomation.kind.${entry.documentKind}`);
  return entry.documentNumber
    ? translate('crmAutomation.document.numbered', { kind, number: entry.documentNumber })
    : translate('crmAutomation.document.unnumbered', { kind });
}

const isSkipCode = (code: string | null): code is (typeof AUTOMATION_SKIP_CODES)[number] =>
  (AUTOMATION_SKIP_CODES as readonly (string | null)[]).includes(code);

/**
 * The decision of one log (or dry-run) entry in the person's language, from its
 * step, outcome and code; the server's English `message` when the entry is one
 * this version of the app does not know.
 * @example describeEntry(entry, t) // "Created invoice INV-000042"
 */
export function describeEntry(entry: AutomationLogEntry, translate: Translate): string {
  const document = documentWords(entry, translate);
  if (entry.outcome === 'failed') {
    return translate('crmAutomation.decision.failed', { reason: entry.message });
  }
  if (entry.outcome === 'skipped' || entry.step === 'skip') {
    return isSkipCode(entry.code)
      ? translate(`crmAutomation.skip.${entry.code}`, { document })
      : translate('crmAutomation.decision.raw', { message: entry.message });
  }
  if (entry.step === 'createQuote' || entry.step === 'createDocument') {
    const kind = entry.step === 'createQuote' ? 'quote' : (entry.documentKind ?? 'invoice');
    const made = translate(`crmAutomation.kindNew.${kind}`);
    const params = { document: entry.documentNumber ? document : made };
    return translate(`crmAutomation.${entry.outcome}.create`, params);
  }
  return translate(`crmAutomation.${entry.outcome}.${entry.step}`, { document });
}

/** Whether the entry did (or would do) something, for the badge beside it. */
export function entryTone(entry: Pick<AutomationLogEntry, 'outcome'>): 'done' | 'skip' | 'fail' {
  if (entry.outcome === 'failed') return 'fail';
  return entry.outcome === 'skipped' ? 'skip' : 'done';
}

/** Where the entry's document opens, when it names one. */
export function entryLink(
  entry: Pick<AutomationLogEntry, 'documentKind' | 'documentId'>,
): Pathname | null {
  if (entry.documentKind === null || entry.documentId === null) return null;
  return documentPath(entry.documentKind, entry.documentId);
}

/** A log page added below the shown entries; an entry already shown is not repeated. */
export function appendOlder(
  shown: readonly AutomationLogEntry[],
  older: readonly AutomationLogEntry[],
): AutomationLogEntry[] {
  const seen = new Set(shown.map((entry) => entry.id));
  return [...shown, ...older.filter((entry) => !seen.has(entry.id))];
}

/** The `before` of the next page: the oldest shown entry's time. */
export const oldestTime = (entries: readonly AutomationLogEntry[]): string | undefined =>
  entries.at(-1)?.createdAt;

export interface DealPlan {
  dealId: string;
  dealName: string;
  stage: string;
  entries: AutomationLogEntry[];
}

/** A dry run's entries per deal, in the order the deals first appear. */
export function plansByDeal(entries: readonly AutomationLogEntry[]): DealPlan[] {
  const plans = new Map<string, DealPlan>();
  for (const entry of entries) {
    const plan = plans.get(entry.dealId);
    if (plan) plan.entries.push(entry);
    else {
      const { dealId, dealName, stage } = entry;
      plans.set(dealId, { dealId, dealName, stage, entries: [entry] });
    }
  }
  return [...plans.values()];
}

const FAILURES: Record<string, MessageKey> = {
  CRM_NOT_CONNECTED: 'crmAutomation.error.notConnected',
  FORBIDDEN: 'crmAutomation.error.forbidden',
  VALIDATION_FAILED: 'crmAutomation.error.invalid',
  CRM_DISABLED: 'crmAutomation.error.disabled',
  CRM_SYNC_PAUSED: 'crmAutomation.error.paused',
  CRM_NOT_SET_UP: 'crmSetup.notSetUpError',
};

/** A failed call → what to tell the person; offline is said plainly, never as an error. */
export function describeAutomationFailure(error: unknown): Message {
  if (error instanceof NetworkError) return { key: 'crmAutomation.offline' };
  if (error instanceof ApiError) {
    const key = FAILURES[error.code];
    if (key) return { key };
    return { key: 'crmAutomation.error.other', params: { message: error.message } };
  }
  return { key: 'crmAutomation.error.unknown' };
}
