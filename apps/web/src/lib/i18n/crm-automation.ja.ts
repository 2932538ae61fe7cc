import type { CrmAutomationMessageKey } from './crm-automation.en';

/** Japanese for `crm-automation.en.ts`; typed so a missing key is a compile error. */
export const crmAutomationJa: Record<CrmAutomationMessageKey, string> = {
  'crmAutomation.title': 'CrmAutomation',
};
