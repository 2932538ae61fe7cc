import {
  DEFAULT_CRM_SYNC_SETTINGS,
  crmSyncSettingsSchema,
  type CrmSyncSettings,
} from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from '../db/database';
import { ServiceError } from '../errors';
import { crmDisabled, crmNotConnected } from './connection';
import { loadConnectionRow } from './connection-store';

/** The organization's sync rules as stored, with the defaults filled in when none were saved. */
export interface StoredSyncSettings {
  settings: CrmSyncSettings;
  /** False while the defaults apply (nothing saved yet). */
  saved: boolean;
  /**
   * False until an owner or admin first saves the rules: connected but not
   * set up, so nothing syncs (a dry run excepted).
   */
  setUp: boolean;
  pausedAt: string | null;
  updatedAt: string | null;
}

export async function loadSyncSettings(
  db: Db,
  organizationId: string,
): Promise<StoredSyncSettings> {
  const row = await db
    .selectFrom('crm_settings')
    .select(['settings', 'paused_at', 'updated_at', 'setup_at'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  const saved = row?.settings != null;
  return {
    settings: saved
      ? parseStoredSettings(row.settings ?? '')
      : structuredClone(DEFAULT_CRM_SYNC_SETTINGS),
    saved,
    setUp: (row?.setup_at ?? null) !== null,
    pausedAt: row?.paused_at ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/**
 * The one parse of a stored row. A row that no longer parses is refused, never
 * read as the defaults: they could send the CRM what the admin never allowed.
 * Saving the rules again mends it.
 */
function parseStoredSettings(text: string): CrmSyncSettings {
  const parsed = v.safeParse(crmSyncSettingsSchema, parseJson(text));
  if (!parsed.success) throw crmSettingsUnreadable();
  return parsed.output;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The organization's rules for the write path, or null when the stored row no
 * longer parses (the caller keeps the write and decides what to queue).
 */
export async function readableSyncSettings(
  db: Db,
  organizationId: string,
): Promise<CrmSyncSettings | null> {
  try {
    return (await loadSyncSettings(db, organizationId)).settings;
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'CRM_SETTINGS_UNREADABLE') return null;
    throw error;
  }
}

export const crmSettingsUnreadable = () =>
  new ServiceError(
    'conflict',
    'CRM_SETTINGS_UNREADABLE',
    'The stored CRM sync rules cannot be read: nothing syncs until an owner or admin saves the sync rules again (Settings → CRM → Sync rules, or PUT /api/crm/settings). Changes made in Kanjo meanwhile are kept and wait for the CRM.',
  );

interface Write {
  organizationId: string;
  userId: string;
  now: string;
}

/**
 * Stores the organization's rules; the pause switch is left as it is. The
 * first save sets the organization up: from then on it syncs.
 */
export async function saveSyncSettings(
  db: Db,
  { organizationId, userId, now, settings }: Write & { settings: CrmSyncSettings },
): Promise<void> {
  const values = { settings: JSON.stringify(settings), updated_at: now, updated_by: userId };
  await db
    .insertInto('crm_settings')
    .values({ organization_id: organizationId, paused_at: null, setup_at: now, ...values })
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet((eb) => ({
        ...values,
        setup_at: eb.fn.coalesce('crm_settings.setup_at', eb.val(now)),
      })),
    )
    .execute();
}

/**
 * Pauses (or resumes) automatic and on-reconnect sync. Pausing again keeps the
 * first pause time, so the admin sees since when nothing was synced.
 */
export async function setSyncPaused(
  db: Db,
  { organizationId, userId, now, paused }: Write & { paused: boolean },
): Promise<{ paused: boolean; pausedAt: string | null }> {
  const current = await loadSyncSettings(db, organizationId);
  const pausedAt = paused ? (current.pausedAt ?? now) : null;
  const values = { paused_at: pausedAt, updated_at: now, updated_by: userId };
  await db
    .insertInto('crm_settings')
    .values({ organization_id: organizationId, settings: null, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
  return { paused: pausedAt !== null, pausedAt };
}

export type CrmConnectionStatus = 'none' | 'connected' | 'disabled';

/** What the reconciler needs before a run: the rules, the pause switch and the connection. */
export interface CrmSyncState {
  settings: CrmSyncSettings;
  /** The rules were saved once (see `StoredSyncSettings.setUp`). */
  setUp: boolean;
  paused: boolean;
  pausedAt: string | null;
  connection: CrmConnectionStatus;
}

/**
 * The organization's sync state, read fresh (never cached): a pause or a
 * disable takes effect on the very next run.
 *
 * @example
 * const { settings, paused, connection } = await crmSyncState(db, organizationId);
 */
export async function crmSyncState(db: Db, organizationId: string): Promise<CrmSyncState> {
  const [stored, connection] = await Promise.all([
    loadSyncSettings(db, organizationId),
    loadConnectionRow(db, organizationId),
  ]);
  return {
    settings: stored.settings,
    setUp: stored.setUp,
    paused: stored.pausedAt !== null,
    pausedAt: stored.pausedAt,
    connection: connection?.status ?? 'none',
  };
}

export const crmSyncPaused = (pausedAt: string) =>
  new ServiceError('conflict', 'CRM_SYNC_PAUSED', 'CRM sync is paused: resume it first.', {
    pausedAt,
  });

export const crmNotSetUp = () =>
  new ServiceError(
    'conflict',
    'CRM_NOT_SET_UP',
    'The CRM is connected but not set up: nothing syncs until an owner or admin saves the sync rules (Settings → CRM → Sync rules, or PUT /api/crm/settings). A dry run is allowed before that.',
  );

/**
 * Why no sync may run now, or undefined when one may: the one gate of every
 * run (any trigger), the interval poll, the push trigger and the notification
 * channels. A dry run writes nothing, so it may run before setup.
 *
 * @example if (syncRefusal(await crmSyncState(db, organizationId))) return;
 */
export function syncRefusal(
  state: CrmSyncState,
  { dryRun = false }: { dryRun?: boolean } = {},
): ServiceError | undefined {
  if (state.connection === 'none') return crmNotConnected();
  if (state.connection === 'disabled') return crmDisabled();
  if (state.pausedAt !== null) return crmSyncPaused(state.pausedAt);
  if (!state.setUp && !dryRun) return crmNotSetUp();
  return undefined;
}

/**
 * The sync state when a sync may run now; otherwise 404 `CRM_NOT_CONNECTED`,
 * 409 `CRM_DISABLED`, 409 `CRM_SYNC_PAUSED` or (unless a dry run) 409
 * `CRM_NOT_SET_UP`.
 *
 * @example
 * const { settings } = await assertCrmActive(db, organizationId);
 */
export async function assertCrmActive(
  db: Db,
  organizationId: string,
  options: { dryRun?: boolean } = {},
): Promise<CrmSyncState> {
  const state = await crmSyncState(db, organizationId);
  const refusal = syncRefusal(state, options);
  if (refusal) throw refusal;
  return state;
}
