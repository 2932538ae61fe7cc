import type { CrmSyncSettings, CrmViewWait } from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmViewWaitTable } from '../../db/schema';
import { CrmMetadata } from '../settings-metadata';
import type { SyncAdapter } from './adapters';
import type { SyncContext } from './context';
import type { RunTrigger } from './run-store';

/**
 * A chosen CRM view that the CRM no longer has. Without this, every run would
 * fail on it until an admin noticed; instead the run that finds it out says
 * so once in the history, and later runs leave the module out until an admin
 * saves another view (or none) for it.
 */

export type ViewModule = CrmViewWaitTable['crm_module'];

export type ViewWait = CrmViewWait;

/** The view a module is read through under these rules, or null for all records. */
export function chosenView(settings: CrmSyncSettings, module: ViewModule): string | null {
  if (module === 'Accounts') return settings.customers.views.accounts;
  if (module === 'Contacts') return settings.customers.views.contacts;
  return settings.items.view;
}

/** @example const waits = await loadViewWaits(db, organizationId); */
export async function loadViewWaits(db: Db, organizationId: string): Promise<ViewWait[]> {
  const rows = await db
    .selectFrom('crm_view_waits')
    .select(['crm_module', 'view_id', 'since', 'run_id'])
    .where('organization_id', '=', organizationId)
    .orderBy('crm_module')
    .execute();
  return rows.map((row) => ({
    module: row.crm_module,
    viewId: row.view_id,
    since: row.since,
    runId: row.run_id,
  }));
}

/** The waits that still hold under these rules: the module is still set to the gone view. */
export async function currentViewWaits(
  db: Db,
  organizationId: string,
  settings: CrmSyncSettings,
): Promise<ViewWait[]> {
  const waits = await loadViewWaits(db, organizationId);
  return waits.filter((wait) => chosenView(settings, wait.module) === wait.viewId);
}

/**
 * Forgets the waits that newly saved rules settle: the module now has another
 * view (checked at save) or none. A module still set to the gone view keeps waiting.
 */
export async function settleViewWaits(
  db: Db,
  organizationId: string,
  settings: CrmSyncSettings,
): Promise<void> {
  const waits = await loadViewWaits(db, organizationId);
  const settled = waits.filter((wait) => chosenView(settings, wait.module) !== wait.viewId);
  if (settled.length === 0) return;
  await db
    .deleteFrom('crm_view_waits')
    .where('organization_id', '=', organizationId)
    .where(
      'crm_module',
      'in',
      settled.map((wait) => wait.module),
    )
    .execute();
}

/**
 * The modules a run leaves out for these waits. Contacts read as contact
 * persons need the Accounts read, so they wait with it.
 */
export function leftOut(
  waiting: ReadonlySet<ViewModule>,
  settings: CrmSyncSettings,
): Set<ViewModule> {
  const out = new Set(waiting);
  if (out.has('Accounts') && settings.customers.module === 'accountsAndContacts') {
    out.add('Contacts');
  }
  return out;
}

/** Runs that read whole modules through their views: only they ask the CRM whether a view is still there. */
const WHOLE_READS: readonly RunTrigger[] = ['manual', 'interval', 'push'];

/**
 * The adapters a run works with: a module whose view is known to be gone is
 * left out without a word (it was said once); a whole read first asks the
 * CRM for the views of each module read through one, and a view found gone
 * is said in the history, stored (unless a dry run) and its module left out.
 *
 * @example const adapters = await leaveOutWaitingViews(ctx, all, 'interval');
 */
export async function leaveOutWaitingViews(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  trigger: RunTrigger,
): Promise<SyncAdapter[]> {
  const waits = await loadViewWaits(ctx.deps.db, ctx.organizationId);
  const waiting = new Set<ViewModule>();
  for (const adapter of adapters) {
    const { view, module } = adapter;
    if (view === undefined) continue;
    if (waits.some((wait) => wait.module === module && wait.viewId === view)) {
      waiting.add(module);
    } else if (WHOLE_READS.includes(trigger) && !(await viewExists(ctx, module, view))) {
      waiting.add(module);
      await noteViewGone(ctx, adapter, view);
    }
  }
  const out = leftOut(waiting, ctx.settings);
  return adapters.filter((adapter) => !out.has(adapter.module));
}

/** A fresh read of the module's views; when the CRM cannot be asked, the run tries the view as before. */
async function viewExists(ctx: SyncContext, module: ViewModule, view: string): Promise<boolean> {
  try {
    const views = await new CrmMetadata(ctx.deps.clock).views({
      organizationId: ctx.organizationId,
      module,
      crm: () => Promise.resolve(ctx.provider),
      refresh: true,
    });
    return views.some((candidate) => candidate.id === view);
  } catch (error) {
    ctx.deps.log.info('CRM views not read before the run', {
      organizationId: ctx.organizationId,
      module,
      error: String(error),
    });
    return true;
  }
}

async function noteViewGone(ctx: SyncContext, adapter: SyncAdapter, view: string): Promise<void> {
  const { module } = adapter;
  const withContacts =
    module === 'Accounts' && ctx.settings.customers.module === 'accountsAndContacts'
      ? ' (their Contacts wait with them)'
      : '';
  ctx.recorder.add({
    entity: adapter.entity,
    localId: null,
    crmModule: module,
    crmId: null,
    action: 'failed',
    direction: 'inbound',
    errorCode: 'CRM_VIEW_NOT_FOUND',
    errorMessage: `The CRM view ${view} of module ${module} no longer exists: ${module}${withContacts} wait until an owner or admin chooses a view in the sync rules.`,
  });
  ctx.deps.log.info('CRM view gone: module left out until a view is chosen', {
    organizationId: ctx.organizationId,
    module,
    view,
  });
  if (ctx.dryRun) return;
  const values = {
    view_id: view,
    since: ctx.deps.clock().toISOString(),
    run_id: ctx.recorder.runId,
  };
  await ctx.deps.db
    .insertInto('crm_view_waits')
    .values({ organization_id: ctx.organizationId, crm_module: module, ...values })
    .onConflict((oc) => oc.columns(['organization_id', 'crm_module']).doUpdateSet(values))
    .execute();
}
