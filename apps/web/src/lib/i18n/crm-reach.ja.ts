import type { CrmReachMessageKey } from './crm-reach.en';

/** Japanese for `crm-reach.en.ts`; typed so a missing key is a compile error. */
export const crmReachJa: Record<CrmReachMessageKey, string> = {
  'crmReach.heading': 'CRM ユーザーが Kanjo の使うモジュールの一部を利用できません',
  'crmReach.body':
    'CRM ユーザーに同期に必要な権限がないモジュールは、Kanjo の同期から外され、その旨が同期履歴に記録されます。',
  'crmReach.fix':
    'Zoho CRM でプロファイル「{profile}」にこれらの権限を付与してから、ここで接続をテストしてください。',
  'crmReach.fixNoProfile':
    'Zoho CRM で CRM ユーザーのプロファイルにこれらの権限を付与してから、ここで接続をテストしてください。',
  'crmReach.line': '{module}：{actions}できません',
  'crmReach.checked': '{when} に確認しました。',
  'crmReach.unreadableHeading': 'CRM ユーザーの権限を読み取れませんでした',
  'crmReach.unreadable':
    'CRM の応答：「{reason}」。同期はすべてのモジュールで続きます。確認するには接続をもう一度テストしてください。',
  'crmReach.and': '・',
  'crmReach.or': '・',
  'crmReach.action.view': '参照',
  'crmReach.action.create': '作成',
  'crmReach.action.edit': '編集',
  'crmReach.module.Accounts': '取引先',
  'crmReach.module.Contacts': '連絡先',
  'crmReach.module.Products': '商品',
  'crmReach.module.Deals': '商談',
  'crmReach.module.Quotes': '見積書',
  'crmReach.module.Sales_Orders': '受注書',
  'crmReach.module.Invoices': '請求書',
};
