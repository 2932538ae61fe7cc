/**
 * Messages of CRM automation. Spread into `en`; `crm-automation.ja.ts` must have every key.
 */
export const crmAutomationEn = {
  'crmAutomation.title': 'CrmAutomation',
} satisfies Record<string, string>;

export type CrmAutomationMessageKey = keyof typeof crmAutomationEn;
