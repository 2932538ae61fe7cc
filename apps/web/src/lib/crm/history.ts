import { CRM_RUN_ACTIONS, CRM_RUN_COUNTED, CRM_RUN_ENTITIES } from '@kanjo/core';
import { ApiError, NetworkError } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import type {
  FieldValue,
  RunAction,
  RunStatus,
  RunEntity,
  RunTrigger,
  SyncDirection,
  SyncRun,
} from './history-api';

/**
 * The sync history's pure logic: what a run's counts add up to, how long it
 * took, how a value and a failure read. Messages are catalog keys; pages
 * translate them.
 */

export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const RUN_ACTIONS: readonly RunAction[] = CRM_RUN_ACTIONS;
export const SYNC_ENTITIES: readonly RunEntity[] = CRM_RUN_ENTITIES;

/** Per action, the run's count over customers and items; only the actions that happened. */
export function runTotals(run: Pick<SyncRun, 'counts'>): { action: RunAction; count: number }[] {
  return RUN_ACTIONS.map((action) => ({
    action,
    count: SYNC_ENTITIES.reduce(
      (sum, entity) => sum + (run.counts[entity]?.[CRM_RUN_COUNTED[action]] ?? 0),
      0,
    ),
  })).filter((total) => total.count > 0);
}

/** Milliseconds from start to finish; `null` while running or if the times are unreadable. */
export function runDurationMs(run: Pick<SyncRun, 'startedAt' | 'finishedAt'>): number | null {
  if (!run.finishedAt) return null;
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** "under a second", "12 s", "3 min 4 s". */
export function describeDuration(ms: number): Message {
  if (ms < 1000) return { key: 'crmHistory.duration.subSecond' };
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return { key: 'crmHistory.duration.seconds', params: { seconds } };
  return {
    key: 'crmHistory.duration.minutes',
    params: { minutes: Math.floor(seconds / 60), seconds: seconds % 60 },
  };
}

/** A field's value as text: `null` and `''` are shown as an empty mark by the page. */
export function formatValue(value: FieldValue): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return String(value);
}

export const actionKey = (action: RunAction): MessageKey => `crmHistory.action.${action}`;
export const triggerKey = (trigger: RunTrigger): MessageKey => `crmHistory.trigger.${trigger}`;
export const statusKey = (status: RunStatus): MessageKey => `crmHistory.status.${status}`;
export const entityKey = (entity: RunEntity): MessageKey => `crmHistory.entity.${entity}`;
export const directionKey = (direction: SyncDirection): MessageKey =>
  `crmHistory.direction.${direction}`;

/** Reads a filter from the page's URL: unknown values are ignored, not errors. */
export function parseItemFilter(search: URLSearchParams): {
  action?: RunAction;
  entity?: RunEntity;
  q?: string;
} {
  const action = RUN_ACTIONS.find((a) => a === search.get('action'));
  const entity = SYNC_ENTITIES.find((e) => e === search.get('entity'));
  const q = search.get('q')?.trim().slice(0, 200) || undefined;
  return { action, entity, q };
}

const FAILURES: Record<string, MessageKey> = {
  CRM_NOT_CONNECTED: 'crmHistory.error.notConnected',
  CRM_DISABLED: 'crmHistory.error.disabled',
  CRM_SYNC_PAUSED: 'crmHistory.error.paused',
  CRM_NOT_SET_UP: 'crmSetup.notSetUpError',
  CRM_SYNC_RUNNING: 'crmHistory.error.running',
  FORBIDDEN: 'crmHistory.error.forbidden',
  NOT_FOUND: 'crmHistory.error.notFound',
};

/** A failed call → what to tell the person; offline is said plainly, never as an error. */
export function describeHistoryFailure(error: unknown): Message {
  if (error instanceof NetworkError) return { key: 'crmHistory.offline' };
  if (error instanceof ApiError) {
    const key = FAILURES[error.code];
    if (key) return { key };
    return { key: 'crmHistory.error.other', params: { message: error.message } };
  }
  return { key: 'crmHistory.error.unknown' };
}
