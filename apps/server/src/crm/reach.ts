import { CrmError, type CrmProvider } from '@kanjo/core';
import * as v from 'valibot';

/**
 * What the connected CRM user may do in each module the integration uses,
 * read from their profile at connect and at each test. A module out of reach
 * is named on Settings → CRM and left out of runs (with one line in the
 * history) instead of failing every run on the CRM's refusals.
 */

export const REACH_MODULES = [
  'Accounts',
  'Contacts',
  'Products',
  'Deals',
  'Quotes',
  'Sales_Orders',
  'Invoices',
] as const;
export type ReachModule = (typeof REACH_MODULES)[number];

export const REACH_ACTIONS = ['view', 'create', 'edit'] as const;
export type ReachAction = (typeof REACH_ACTIONS)[number];

const grantsSchema = v.object({ view: v.boolean(), create: v.boolean(), edit: v.boolean() });

/** As stored in `crm_connections.crm_reach`. */
export const storedReachSchema = v.object({
  checkedAt: v.string(),
  profile: v.nullable(v.object({ id: v.string(), name: v.string() })),
  /** Per module; null when the profile's permissions could not be read. */
  modules: v.nullable(v.record(v.picklist(REACH_MODULES), grantsSchema)),
  /** Why they could not be read (the CRM's words); null when they were. */
  unreadable: v.nullable(v.string()),
});
export type StoredReach = v.InferOutput<typeof storedReachSchema>;

/** A module the CRM user cannot use as needed, and what they lack. */
export interface ModuleOutOfReach {
  module: ReachModule;
  missing: ReachAction[];
}

/** The connection's reach as the API shows it. */
export interface ConnectionReach {
  checkedAt: string;
  profile: { id: string; name: string } | null;
  outOfReach: ModuleOutOfReach[];
  unreadable: string | null;
  /** In words, naming the modules; null when every module is within reach. */
  warning: string | null;
}

export type ReachNeeds = Partial<Record<ReachModule, readonly ReachAction[]>>;

const ALL: readonly ReachAction[] = REACH_ACTIONS;

/**
 * Everything the integration may do in each module: customers and items both
 * ways, deals read, documents written (Zoho makes View the parent of Create
 * and Edit, so writing needs it too).
 */
export const INTEGRATION_NEEDS: ReachNeeds = {
  Accounts: ALL,
  Contacts: ALL,
  Products: ALL,
  Deals: ['view'],
  Quotes: ALL,
  Sales_Orders: ALL,
  Invoices: ALL,
};

/**
 * Reads what the CRM user's profile (as the CRM named it) may do per module.
 * Never throws: a CRM that will not say (a missing scope, a profile the user
 * may not read) gives a reach with `unreadable` set, and nothing is left out
 * for it.
 */
export async function readReach({
  crm,
  profile,
  checkedAt,
}: {
  crm: CrmProvider;
  profile: StoredReach['profile'];
  checkedAt: string;
}): Promise<StoredReach> {
  if (!profile)
    return { checkedAt, profile, modules: null, unreadable: 'the CRM named no profile' };
  try {
    const grants = await crm.moduleGrants(profile.id, REACH_MODULES);
    const none = { view: false, create: false, edit: false };
    const modules = Object.fromEntries(
      REACH_MODULES.map((module) => [module, grants[module] ?? none]),
    ) as NonNullable<StoredReach['modules']>;
    return { checkedAt, profile, modules, unreadable: null };
  } catch (error) {
    if (error instanceof CrmError) {
      return { checkedAt, profile, modules: null, unreadable: error.message };
    }
    throw error;
  }
}

/** A stored reach, or null when there is none or it cannot be read back. */
export function parseReach(json: string | null): StoredReach | null {
  if (json === null) return null;
  try {
    const parsed = v.safeParse(storedReachSchema, JSON.parse(json));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** The modules among `needs` the CRM user lacks something of; none when unknown. */
export function outOfReach(
  reach: StoredReach | null,
  needs: ReachNeeds = INTEGRATION_NEEDS,
): ModuleOutOfReach[] {
  const modules = reach?.modules;
  if (!modules) return [];
  return REACH_MODULES.flatMap((module) => {
    const missing = (needs[module] ?? []).filter((action) => modules[module]?.[action] !== true);
    return missing.length > 0 ? [{ module, missing }] : [];
  });
}

const MODULE_WORDS: Record<ReachModule, string> = {
  Accounts: 'Accounts',
  Contacts: 'Contacts',
  Products: 'Products',
  Deals: 'Deals',
  Quotes: 'Quotes',
  Sales_Orders: 'Sales Orders',
  Invoices: 'Invoices',
};

/** "view Deals; create or edit Quotes", for a sentence. */
export function describeMissing(modules: readonly ModuleOutOfReach[]): string {
  return modules
    .map(({ module, missing }) => `${missing.join(' or ')} ${MODULE_WORDS[module]}`)
    .join('; ');
}

/** The reach as the connection's API view shows it. */
export function reachView(reach: StoredReach | null): ConnectionReach | null {
  if (!reach) return null;
  const out = outOfReach(reach);
  const who = reach.profile ? `The CRM user’s profile (${reach.profile.name})` : 'The CRM user';
  const warning =
    out.length === 0
      ? null
      : `${who} may not ${describeMissing(out)}. Kanjo leaves a module out of its syncs while the user lacks what that sync needs: give the profile these permissions in Zoho CRM, then test the connection.`;
  return {
    checkedAt: reach.checkedAt,
    profile: reach.profile,
    outOfReach: out,
    unreadable: reach.unreadable,
    warning,
  };
}
