/**
 * Messages of link repair on a customer's or item's CRM panel: the linked CRM
 * record, unlinking, linking to another record from ranked candidates, and
 * settling an ambiguous match. Spread into `en`; `crm-link-repair.ja.ts` must
 * have every key.
 */
export const crmLinkRepairEn = {
  'crmHistory.action.held': 'Held for a choice',
  'crmHistory.action.released': 'Released',
  'crmHistory.trigger.link': 'Link change',
} satisfies Record<string, string>;

export type CrmLinkRepairMessageKey = keyof typeof crmLinkRepairEn;
