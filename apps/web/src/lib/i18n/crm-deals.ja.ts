import type { CrmDealsMessageKey } from './crm-deals.en';

/** Japanese for `crm-deals.en.ts`; typed so a missing key is a compile error. */
export const crmDealsJa: Record<CrmDealsMessageKey, string> = {
  'crmDeals.title': 'CrmDeals',
};
