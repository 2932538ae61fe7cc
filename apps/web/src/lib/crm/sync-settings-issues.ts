import { ApiError, NetworkError } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import {
  MAPPING_LISTS,
  isContactPersonPath,
  visibleLists,
  type MappingList,
  type SyncDraft,
} from './sync-settings';
import type { CurrencyStatus } from './sync-settings-api';

/**
 * What is wrong with a sync-rules draft, before saving (client checks) and
 * after (the server's refusal), as catalog keys or the server's own words.
 * The form translates them on read, so a language switch re-translates them.
 */

export type Message =
  { key: MessageKey; params?: Record<string, string | number> } | { text: string };

export interface DraftIssues {
  /** By settings path, e.g. `automatic.intervalMinutes`. */
  fields: Record<string, Message>;
  /** By mapping row key. */
  rows: Record<number, Message>;
}

/** Settings paths the form shows a control for; other server field errors go to the alert. */
export const SHOWN_PATHS = [
  'customers.module',
  'customers.extent',
  'customers.duplicates',
  'customers.views.accounts',
  'customers.views.contacts',
  'items.mode',
  'items.duplicates',
  'items.view',
  'conflictRule',
  'automatic.intervalMinutes',
] as const;

export const MIN_INTERVAL = 5;
export const MAX_INTERVAL = 1440;
export const MAX_ROWS = 60;

/** Checks before anything is sent; the server checks again (types, CRM fields). */
export function checkDraft({
  draft,
  currency,
}: {
  draft: SyncDraft;
  currency: Pick<CurrencyStatus, 'twoWayAllowed' | 'message'> | undefined;
}): DraftIssues {
  const fields: Record<string, Message> = {};
  const interval = checkInterval(draft.automatic.intervalMinutes);
  if (interval) fields['automatic.intervalMinutes'] = interval;
  if (currency && !currency.twoWayAllowed) {
    const refused: Message = { key: 'crmSync.currency.choiceRefused' };
    if (draft.extent === 'both') fields['customers.extent'] = refused;
    if (draft.items.mode !== 'off') fields['items.mode'] = refused;
  }
  const rows: Record<number, Message> = {};
  for (const list of visibleLists(draft)) Object.assign(rows, checkRows(draft, list));
  return { fields, rows };
}

export function hasIssues(issues: DraftIssues): boolean {
  return Object.keys(issues.fields).length > 0 || Object.keys(issues.rows).length > 0;
}

function checkInterval(value: string): Message | undefined {
  const text = value.trim();
  if (text === '') return { key: 'validation.required' };
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < MIN_INTERVAL || minutes > MAX_INTERVAL) {
    return { key: 'crmSync.auto.intervalRange', params: { min: MIN_INTERVAL, max: MAX_INTERVAL } };
  }
  return undefined;
}

function checkRows(draft: SyncDraft, list: MappingList): Record<number, Message> {
  const rows: Record<number, Message> = {};
  const seenKanjo = new Set<string>();
  const seenCrm = new Set<string>();
  for (const row of draft.mapping[list]) {
    const kanjo = row.kanjo.trim();
    const crm = row.crm.trim();
    if (kanjo === '' && crm === '') continue;
    if (kanjo === '' || crm === '') rows[row.key] = { key: 'crmSync.mapping.incomplete' };
    else if (list === 'linkedContacts' && !isContactPersonPath(kanjo)) {
      rows[row.key] = { key: 'crmSync.mapping.notContactField' };
    } else if (seenKanjo.has(kanjo)) rows[row.key] = { key: 'crmSync.mapping.duplicateKanjo' };
    else if (seenCrm.has(crm)) rows[row.key] = { key: 'crmSync.mapping.duplicateCrm' };
    seenKanjo.add(kanjo);
    seenCrm.add(crm);
  }
  return rows;
}

export interface SaveFailure extends DraftIssues {
  /** `undefined`: the generic form handling fits (see `describeFailure`). */
  alert: Message | undefined;
  /** Field errors for settings the form has no control for, as "path: message". */
  others: Message[];
  /** The server refused a choice for the currency (409): the page shows this notice. */
  currencyRefusal?: string;
}

/**
 * The messages for a refused `PUT /api/crm/settings`.
 *
 * @example describeSaveFailure({ error, sentKeys: result.sentKeys, currency: answer.currency });
 */
export function describeSaveFailure({
  error,
  sentKeys,
  currency,
}: {
  error: unknown;
  sentKeys: Record<MappingList, number[]>;
  currency: Pick<CurrencyStatus, 'twoWayAllowed' | 'message'> | undefined;
}): SaveFailure {
  const failure: SaveFailure = { alert: undefined, fields: {}, rows: {}, others: [] };
  if (error instanceof NetworkError) return { ...failure, alert: { key: 'crmSync.error.offline' } };
  if (!(error instanceof ApiError)) return failure;
  switch (error.code) {
    case 'CRM_CURRENCY_MISMATCH': {
      const message = error.message || currency?.message || '';
      return { ...failure, alert: { text: message }, currencyRefusal: message };
    }
    case 'MAPPING_INVALID':
      return {
        ...failure,
        alert: { key: 'crmSync.error.mappingInvalid' },
        rows: mappingProblems(error.details, sentKeys),
      };
    case 'VALIDATION_FAILED':
      return { ...validationFailure(error, sentKeys), alert: { key: 'crmSync.error.validation' } };
    case 'FORBIDDEN':
      return { ...failure, alert: { key: 'crmSync.readOnly' } };
    case 'CRM_NOT_CONNECTED':
      return { ...failure, alert: { key: 'crm.error.notConnected' } };
    case 'CRM_VIEW_NOT_FOUND': {
      const module = isRecord(error.details) ? String(error.details.module ?? '') : '';
      return { ...failure, alert: { key: 'crmSync.error.viewNotFound', params: { module } } };
    }
    default:
      return failure;
  }
}

interface MappingProblem {
  list: MappingList;
  index: number;
  reason: string;
}

function mappingProblems(
  details: unknown,
  sentKeys: Record<MappingList, number[]>,
): Record<number, Message> {
  const problems = isRecord(details) && Array.isArray(details.problems) ? details.problems : [];
  const rows: Record<number, Message> = {};
  for (const problem of problems.filter(isMappingProblem)) {
    const key = sentKeys[problem.list][problem.index];
    if (key !== undefined) rows[key] = { text: problem.reason };
  }
  return rows;
}

function isMappingProblem(value: unknown): value is MappingProblem {
  return (
    isRecord(value) &&
    typeof value.list === 'string' &&
    (MAPPING_LISTS as readonly string[]).includes(value.list) &&
    typeof value.index === 'number' &&
    typeof value.reason === 'string'
  );
}

const ROW_PATH = /^customers\.mapping\.(accounts|linkedContacts|unlinkedContacts)\.(\d+)(?:\.|$)/;

function validationFailure(
  error: ApiError,
  sentKeys: Record<MappingList, number[]>,
): Omit<SaveFailure, 'alert'> {
  const fields: Record<string, Message> = {};
  const rows: Record<number, Message> = {};
  const others: Message[] = [];
  for (const issue of error.fields) {
    const path = issue.path.replace(/^settings\./, '');
    const message: Message =
      issue.code === 'REQUIRED' ? { key: 'validation.required' } : { text: issue.message };
    const row = ROW_PATH.exec(path);
    const rowKey = row ? sentKeys[row[1] as MappingList][Number(row[2])] : undefined;
    if (rowKey !== undefined) rows[rowKey] = message;
    else if ((SHOWN_PATHS as readonly string[]).includes(path)) fields[path] = message;
    else others.push({ text: `${path}: ${issue.message}` });
  }
  return { fields, rows, others };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
