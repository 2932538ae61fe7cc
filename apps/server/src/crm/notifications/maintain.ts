import type { CrmChannel, CrmProvider, CrmWriteResult } from '@kanjo/core';
import { loadOrganization } from '../../db/organizations';
import { loadConnectionRow } from '../connection-store';
import { crmProviderFor, type CrmClientDeps } from '../crm-clients';
import { crmSyncState, syncRefusal } from '../settings-store';
import { currencyStatus } from '../sync-settings';
import { customerAdapters } from '../sync/adapters';
import { currentViewWaits, leftOut } from '../sync/view-waits';
import {
  channelEvents,
  deleteChannels,
  extendChannel,
  loadChannels,
  newChannelId,
  newChannelToken,
  saveChannel,
  type ChannelRow,
  type WatchedModule,
} from './channel-store';

const HOUR_MS = 3_600_000;
/** Zoho: 1 h by default, a week at most. A day keeps renewals rare and a forgotten channel short-lived. */
export const CHANNEL_LIFETIME_MS = 24 * HOUR_MS;
/** Renewed once less than a quarter of its life is left: hours of ticks to succeed before it lapses. */
export const RENEW_BEFORE_MS = CHANNEL_LIFETIME_MS / 4;

export interface ChannelDeps extends CrmClientDeps {
  /** Where the CRM reaches this server; without it no channel is kept. */
  publicUrl?: string;
}

/** What one maintenance pass did, by module. */
export interface ChannelChanges {
  created: WatchedModule[];
  renewed: WatchedModule[];
  /** Renewal found the channel gone (or expired): subscribed again under the same id. */
  resubscribed: WatchedModule[];
  removed: WatchedModule[];
  failed: WatchedModule[];
}

/** The callback URL of an organization's channels. */
export function notifyUrl(publicUrl: string, organizationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/crm/${encodeURIComponent(organizationId)}`;
}

/** A channel's expiry, a lifetime from now, in whole seconds as the CRM keeps it. */
function expiryFromNow(pass: Pass): string {
  const ms = pass.deps.clock().getTime() + CHANNEL_LIFETIME_MS;
  return new Date(ms - (ms % 1000)).toISOString();
}

/**
 * The modules to watch: none unless a run may start (connected, not paused,
 * set up) and the CRM can reach us (`publicUrl`); else the customers'
 * module(s), Products when items sync (as a run would sync them) and Deals —
 * less a module waiting for a CRM view that is gone (runs leave it out).
 */
export async function wantedModules(
  deps: ChannelDeps,
  organizationId: string,
): Promise<WatchedModule[]> {
  const state = await crmSyncState(deps.db, organizationId);
  if (!deps.publicUrl || syncRefusal(state) !== undefined) return [];
  const modules: WatchedModule[] = customerAdapters(state.settings).map((a) => a.module);
  if (state.settings.items.mode !== 'off' && (await itemsTwoWay(deps, organizationId))) {
    modules.push('Products');
  }
  const waits = await currentViewWaits(deps.db, organizationId, state.settings);
  const out = leftOut(new Set(waits.map((wait) => wait.module)), state.settings);
  const synced = modules.filter((module) => module === 'Deals' || !out.has(module));
  return [...synced, 'Deals'];
}

/** The currency rule, as `run.ts` decides it: with different base currencies items do not sync. */
async function itemsTwoWay(deps: ChannelDeps, organizationId: string): Promise<boolean> {
  const [organization, connection] = await Promise.all([
    loadOrganization(deps.db, organizationId),
    loadConnectionRow(deps.db, organizationId),
  ]);
  return (
    organization !== undefined &&
    currencyStatus(organization.baseCurrency, connection).twoWayAllowed
  );
}

interface Pass {
  deps: ChannelDeps;
  organizationId: string;
  crm: CrmProvider;
  url: string;
  changes: ChannelChanges;
}

interface Subscription {
  module: WatchedModule;
  channelId: string;
  /** The row it replaces when re-subscribing. */
  row?: ChannelRow;
}

/**
 * Keeps one notification channel per watched module: subscribes the
 * missing ones, renews those with less than a quarter of their life left (all
 * of them when `renewAll`, e.g. once per process so a changed `PUBLIC_URL`
 * reaches the CRM), subscribes again those the CRM lost, and unwatches the
 * channels of modules no longer synced. Each subscription gets a fresh token
 * (a renewal keeps it); only its SHA-256 is stored.
 *
 * @example
 * const changes = await maintainChannels({ ...deps, publicUrl }, organizationId);
 */
export async function maintainChannels(
  deps: ChannelDeps,
  organizationId: string,
  { renewAll = false }: { renewAll?: boolean } = {},
): Promise<ChannelChanges> {
  const changes: ChannelChanges = {
    created: [],
    renewed: [],
    resubscribed: [],
    removed: [],
    failed: [],
  };
  const wanted = await wantedModules(deps, organizationId);
  const { kept, dropped } = sortRows(await loadChannels(deps.db, organizationId), wanted);
  if (dropped.length > 0) await removeChannels(deps, organizationId, dropped, changes);
  if (wanted.length === 0 || !deps.publicUrl) return changes;
  const crm = await crmProviderFor(deps, organizationId);
  const pass: Pass = {
    deps,
    organizationId,
    crm,
    url: notifyUrl(deps.publicUrl, organizationId),
    changes,
  };
  const now = deps.clock().getTime();
  const due = [...kept.values()].filter(
    (row) => renewAll || Date.parse(row.expires_at) - now < RENEW_BEFORE_MS,
  );
  const live = due.filter((row) => Date.parse(row.expires_at) > now);
  const expired = due.filter((row) => Date.parse(row.expires_at) <= now);
  const lost = await renew(pass, live);
  const fresh = wanted
    .filter((module) => !kept.has(module))
    .map((module): Subscription => ({ module, channelId: newChannelId() }));
  const again = [...lost, ...expired].map((row): Subscription => ({
    module: row.crm_module as WatchedModule,
    channelId: row.channel_id,
    row,
  }));
  await subscribe(pass, [...fresh, ...again]);
  logChanges(deps, organizationId, changes);
  return changes;
}

/** The newest row of each wanted module is kept; any other row (old module, other events, a duplicate) goes. */
function sortRows(rows: ChannelRow[], wanted: WatchedModule[]) {
  const kept = new Map<WatchedModule, ChannelRow>();
  const dropped: ChannelRow[] = [];
  for (const row of rows) {
    const module = wanted.find((m) => m === row.crm_module);
    const sameEvents = module && row.events === JSON.stringify(channelEvents(module));
    if (module && sameEvents && !kept.has(module)) kept.set(module, row);
    else dropped.push(row);
  }
  return { kept, dropped };
}

/**
 * Unwatches, then forgets the rows whatever the CRM said: a channel the CRM
 * still has only calls back to a 404 until it expires (a day at most).
 */
async function removeChannels(
  deps: ChannelDeps,
  organizationId: string,
  rows: ChannelRow[],
  changes: ChannelChanges,
): Promise<void> {
  const ids = rows.map((row) => row.channel_id);
  try {
    const crm = await crmProviderFor(deps, organizationId);
    await crm.unwatch(ids);
  } catch (error) {
    deps.log.info('CRM channels not unwatched, left to expire', {
      organizationId,
      channelIds: ids,
      error: String(error),
    });
  }
  await deleteChannels(deps.db, organizationId, ids);
  changes.removed.push(...rows.map((row) => row.crm_module as WatchedModule));
}

function watchChannel(
  pass: Pass,
  channelId: string,
  module: WatchedModule,
  token: string,
): CrmChannel {
  const events = channelEvents(module);
  return { id: channelId, events, expiresAt: expiryFromNow(pass), token, notifyUrl: pass.url };
}

/**
 * PATCH with a later expiry (and the current callback URL, which may have
 * changed): the token stays, so a callback crossing the renewal still proves
 * itself. Returns the rows the CRM no longer knows.
 */
async function renew(pass: Pass, rows: ChannelRow[]): Promise<ChannelRow[]> {
  if (rows.length === 0) return [];
  const expiresAt = expiryFromNow(pass);
  const results = await pass.crm.extendWatch(
    rows.map((row) => ({ id: row.channel_id, expiresAt, notifyUrl: pass.url })),
  );
  const lost: ChannelRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (!results[i]?.ok) {
      lost.push(row);
      continue;
    }
    await extendChannel(pass.deps.db, {
      channelId: row.channel_id,
      organizationId: pass.organizationId,
      expiresAt,
      now: pass.deps.clock().toISOString(),
    });
    pass.changes.renewed.push(row.crm_module as WatchedModule);
  }
  return lost;
}

async function subscribe(pass: Pass, subscriptions: Subscription[]): Promise<void> {
  if (subscriptions.length === 0) return;
  const watches = subscriptions.map((s) =>
    watchChannel(pass, s.channelId, s.module, newChannelToken()),
  );
  const results = await pass.crm.watch(watches);
  for (const [i, subscription] of subscriptions.entries()) {
    const result: CrmWriteResult | undefined = results[i];
    const watch = watches[i];
    if (result?.ok && watch) {
      await store(pass, subscription.module, watch);
      (subscription.row ? pass.changes.resubscribed : pass.changes.created).push(
        subscription.module,
      );
      continue;
    }
    // A row the CRM refused is dropped, so the next tick makes a fresh channel.
    if (subscription.row)
      await deleteChannels(pass.deps.db, pass.organizationId, [subscription.channelId]);
    pass.changes.failed.push(subscription.module);
    pass.deps.log.error('CRM notification channel not subscribed', {
      organizationId: pass.organizationId,
      module: subscription.module,
      error: result && !result.ok ? `${result.code}: ${result.message}` : 'no result',
    });
  }
}

function store(pass: Pass, module: WatchedModule, channel: CrmChannel) {
  return saveChannel(pass.deps.db, {
    channelId: channel.id,
    organizationId: pass.organizationId,
    module,
    token: channel.token,
    expiresAt: channel.expiresAt,
    now: pass.deps.clock().toISOString(),
  });
}

function logChanges(deps: ChannelDeps, organizationId: string, changes: ChannelChanges): void {
  const { created, renewed, resubscribed, removed } = changes;
  if (created.length + renewed.length + resubscribed.length + removed.length === 0) return;
  deps.log.info('CRM notification channels', { organizationId, ...changes });
}
