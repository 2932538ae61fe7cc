import type { CrmLinkRepairMessageKey } from './crm-link-repair.en';

/** Japanese for `crm-link-repair.en.ts`; typed so a missing key is a compile error. */
export const crmLinkRepairJa: Record<CrmLinkRepairMessageKey, string> = {
  'crmHistory.action.held': '選択待ち',
  'crmHistory.action.released': '同期対象に戻す',
  'crmHistory.trigger.link': 'リンクの変更',
};
