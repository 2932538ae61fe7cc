import type { CrmSetupMessageKey } from './crm-setup.en';

/** Japanese for `crm-setup.en.ts`; typed so a missing key is a compile error. */
export const crmSetupJa: Record<CrmSetupMessageKey, string> = {
  'crmSetup.badge': '未設定',
  'crmSetup.heading': '接続済み — まだ設定されていません',
  'crmSetup.body':
    'まだ何も同期されません(自動同期、CRM からの通知、「今すぐ同期」のいずれも行われません)。同期ルールを確認して保存してください。自動同期がオンなら、最初の保存から 1 分以内に最初の同期が始まります。',
  'crmSetup.firstSaved':
    '同期ルールを保存しました。CRM の設定が完了し、1 分以内に最初の同期が始まります。',
  'crmSetup.firstSavedManual':
    '同期ルールを保存しました。CRM の設定が完了しました。自動同期はオフなので、同期履歴の「今すぐ同期」で最初の同期を始めてください。',
  'crmSetup.statusBody': '以下のルールを一度保存するまで、何も同期されません。',
  'crmSetup.toRules': '同期ルールを設定する',
  'crmSetup.rulesBody':
    'このルールを初めて保存するまで、何も同期されません。各ステップを確認してから保存してください。自動同期がオンなら、1 分以内に最初の同期が始まります。',
  'crmSetup.dryRunHint':
    '最初の同期の前にドライランを試せます。最後に保存したルール(保存するまでは既定のルール)で同期すると何が起きるかを表示し、何も変更しません。',
  'crmSetup.dryRun': 'ドライラン',
  'crmSetup.dryRunStarting': '開始しています…',
  'crmSetup.dryRunStarted': 'ドライランを開始しました。',
  'crmSetup.dryRunOpen': '結果を見る',
  'crmSetup.dryRunFailed': 'ドライランを開始できませんでした: {message}',
  'crmSetup.notSetUpError':
    '同期ルールを一度保存するまで、何も同期されません。設定 → CRM → 同期ルールを開いて保存してください。',
  'crmSetup.waiting.heading': 'CRM のビュー待ち',
  'crmSetup.waiting.item':
    '{module}: 選択していた CRM のビュー({view})は CRM にもうありません。別のビュー(または「すべてのデータ」)を選んで保存するまで、{module}は同期の対象外になります。',
  'crmSetup.waiting.field':
    'このビューは CRM にもうありません。別のビューを選んで保存するまで、{module}は同期されません。',
  'crmSetup.module.Accounts': '取引先',
  'crmSetup.module.Contacts': '連絡先',
  'crmSetup.module.Products': '商品',
};
