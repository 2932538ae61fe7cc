import type { CrmRunEntity, CrmSyncSettings } from '@kanjo/core';
import type { CrmConnectionRow } from '../connection-store';
import {
  describeMissing,
  outOfReach,
  parseReach,
  REACH_ACTIONS,
  type ModuleOutOfReach,
  type ReachModule,
  type ReachNeeds,
} from '../reach';
import type { SyncAdapter } from './adapters';
import type { SyncContext } from './context';
import type { RunTrigger } from './run-store';

/**
 * The modules a run leaves out because the CRM user cannot do there what the
 * run would: read a module it fetches, also create and edit one it sends to,
 * read Deals, write the documents. Known from the profile read at the last
 * connect or test; with nothing known, nothing is left out.
 */
export interface RunReach {
  leftOut: ModuleOutOfReach[];
  /** The modules left out, those tied to them included (Contacts read with Accounts). */
  modules: ReadonlySet<ReachModule>;
  profileName: string | null;
}

/** What this run does in each module: its adapters' extents, then deals and documents. */
function runNeeds(settings: CrmSyncSettings, adapters: readonly SyncAdapter[]): ReachNeeds {
  const needs: ReachNeeds = { Deals: ['view'] };
  for (const adapter of adapters) {
    needs[adapter.module] = adapter.extent === 'fetch' ? ['view'] : REACH_ACTIONS;
  }
  // Contact persons go to Contacts whenever customers go to Accounts.
  const accounts = adapters.find((a) => a.module === 'Accounts');
  if (settings.customers.module === 'accountsAndContacts' && accounts?.extent !== 'fetch') {
    needs.Contacts = REACH_ACTIONS;
  }
  for (const module of ['Quotes', 'Sales_Orders', 'Invoices'] as const)
    needs[module] = REACH_ACTIONS;
  return needs;
}

/** @example const reach = runReach({ connection, settings, adapters }); */
export function runReach(args: {
  connection: CrmConnectionRow;
  settings: CrmSyncSettings;
  adapters: readonly SyncAdapter[];
}): RunReach {
  const stored = parseReach(args.connection.crm_reach);
  const leftOut = outOfReach(stored, runNeeds(args.settings, args.adapters));
  const modules = new Set<ReachModule>(leftOut.map((m) => m.module));
  if (modules.has('Accounts') && args.settings.customers.module === 'accountsAndContacts') {
    modules.add('Contacts');
  }
  return { leftOut, modules, profileName: stored?.profile?.name ?? null };
}

/** Runs that read and send whole modules: the ones whose history says what was left out. */
const WHOLE_RUNS: readonly RunTrigger[] = ['manual', 'interval', 'push'];

const ENTITY_OF: Record<ReachModule, CrmRunEntity> = {
  Accounts: 'customer',
  Contacts: 'customer',
  Products: 'item',
  Deals: 'deal',
  Quotes: 'quote',
  Sales_Orders: 'salesOrder',
  Invoices: 'invoice',
};

/**
 * The adapters a run works with: a module out of reach is left out, and a
 * whole run says so in one line of its history (not one failure per record),
 * naming each module and what the CRM user lacks.
 *
 * @example const adapters = leaveOutOfReach(ctx, all, reach, 'interval');
 */
export function leaveOutOfReach(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  reach: RunReach,
  trigger: RunTrigger,
): SyncAdapter[] {
  const first = reach.leftOut[0];
  if (first && WHOLE_RUNS.includes(trigger)) {
    const who = reach.profileName
      ? `the CRM user’s profile (${reach.profileName})`
      : 'the CRM user';
    const tied =
      reach.modules.has('Contacts') && !reach.leftOut.some((m) => m.module === 'Contacts');
    ctx.recorder.add({
      entity: ENTITY_OF[first.module],
      localId: null,
      crmModule: reach.leftOut.map((m) => m.module).join(', '),
      crmId: null,
      action: 'skipped',
      direction: 'outbound',
      reason: `left out of this run: ${who} may not ${describeMissing(reach.leftOut)}${
        tied ? ' (Contacts wait with Accounts)' : ''
      }. Give the profile these permissions in Zoho CRM, then test the connection in Settings → CRM.`,
    });
  }
  return adapters.filter((adapter) => !reach.modules.has(adapter.module));
}
