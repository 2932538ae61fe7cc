/**
 * Messages of CRM deals. Spread into `en`; `crm-deals.ja.ts` must have every key.
 */
export const crmDealsEn = {
  'crmDeals.title': 'CrmDeals',
} satisfies Record<string, string>;

export type CrmDealsMessageKey = keyof typeof crmDealsEn;
