import type { MessageKey } from '$lib/i18n/locale.svelte';
import type { CrmReach } from './types';

/** One module out of reach, as message keys: the module and each missing action. */
export interface ReachLine {
  module: MessageKey;
  actions: MessageKey[];
}

/** What Settings → CRM says about the CRM user's reach; nothing when all is within it. */
export type ReachNotice =
  | { kind: 'outOfReach'; lines: ReachLine[]; profile: string | null }
  | { kind: 'unreadable'; reason: string };

/**
 * @example reachNotice(connection.reach)
 * // { kind: 'outOfReach', lines: [{ module: 'crmReach.module.Deals', actions: ['crmReach.action.view'] }], profile: 'Standard' }
 */
export function reachNotice(reach: CrmReach | null | undefined): ReachNotice | undefined {
  if (!reach) return undefined;
  if (reach.outOfReach.length > 0) {
    return {
      kind: 'outOfReach',
      lines: reach.outOfReach.map(({ module, missing }) => ({
        module: `crmReach.module.${module}`,
        actions: missing.map((action) => `crmReach.action.${action}` as const),
      })),
      profile: reach.profile?.name ?? null,
    };
  }
  if (reach.unreadable) return { kind: 'unreadable', reason: reach.unreadable };
  return undefined;
}

/**
 * "view, create or edit": the last word joined with `or`, the others with `and`.
 * @example joinWords(['view', 'edit'], ', ', ' or ') // 'view or edit'
 */
export function joinWords(words: readonly string[], and: string, or: string): string {
  const last = words.at(-1);
  if (last === undefined) return '';
  return words.length === 1 ? last : `${words.slice(0, -1).join(and)}${or}${last}`;
}
