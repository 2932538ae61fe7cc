import type { Catalog } from './en';
import { crmJa } from './crm.ja';
import { crmAutomationJa } from './crm-automation.ja';
import { crmDealsJa } from './crm-deals.ja';
import { crmHistoryJa } from './crm-history.ja';
import { crmLinkRepairJa } from './crm-link-repair.ja';
import { crmSyncJa } from './crm-sync.ja';
import { crmSetupJa } from './crm-setup.ja';
import { crmReachJa } from './crm-reach.ja';
import { documentsJa } from './documents.ja';
import { printJa } from './print.ja';
import { mailJa } from './mail.ja';
import { numberingJa } from './numbering.ja';
import { recordsJa } from './records.ja';
import { receivablesJa } from './receivables.ja';
import { panelJa } from './panel.ja';
import { sessionJa } from './session.ja';
import { authJa } from './auth.ja';

/** Japanese. Typed as `Catalog`, so a key missing here is a compile error. */
export const ja: Catalog = {
  'app.name': 'Kanjo',
  'app.tagline': 'オフラインでも使えて、CRM といつも同期する請求書・見積書。',
  'app.skipToContent': 'メインコンテンツへ移動',
  'app.loading': '読み込み中…',

  'language.label': '言語',
  'language.en': 'English',
  'language.ja': '日本語',
  'language.saveFailed':
    '言語はこの端末に保存しました。次にオンラインになったときにアカウントへ反映されます。',

  'nav.label': 'メイン',
  'nav.invoices': '請求書',
  'nav.quotes': '見積書',
  'nav.salesOrders': '受注書',
  'nav.salesOrdersShort': '受注書',
  'nav.customers': '顧客',
  'nav.items': '品目',
  'nav.settings': '設定',

  'userMenu.open': 'のアカウントメニュー',
  'userMenu.signedInAs': 'ログイン中のユーザー',
  'userMenu.logout': 'ログアウト',

  'auth.email': 'メールアドレス',
  'auth.password': 'パスワード',
  'auth.passwordHint': '10 文字以上で入力してください。',
  'auth.showPassword': 'パスワードを表示',

  'login.title': 'ログイン',
  'login.heading': 'おかえりなさい',
  'login.intro': '組織のアカウントにログインします。',
  'login.submit': 'ログイン',
  'login.submitting': 'ログインしています…',
  'login.noAccount': 'はじめてご利用ですか？',
  'login.toSignup': '組織を作成する',

  'signup.title': '組織の作成',
  'signup.heading': '組織を作成',
  'signup.intro': 'あなたが組織のオーナーになります。メンバーは後から招待できます。',
  'signup.organizationName': '組織名',
  'signup.organizationHint': '請求書に表示される名前です。',
  'signup.baseCurrency': '基本通貨',
  'signup.baseCurrencyHint': '合計やレポートはこの通貨で表示されます。',
  'signup.language': '言語',
  'signup.submit': '組織を作成',
  'signup.submitting': '作成しています…',
  'signup.haveAccount': 'すでにアカウントをお持ちですか？',
  'signup.toLogin': 'ログイン',

  'validation.required': '入力してください。',
  'validation.unknownField': 'この項目は使用できません。',
  'validation.email': '有効なメールアドレスを入力してください（例: name@example.com）。',
  'validation.passwordLength': '10 文字以上で入力してください。',
  'validation.tooLong': '{max} 文字以内で入力してください。',
  'validation.text.surrogate':
    '壊れた文字（対になっていないサロゲート）が含まれています。入力し直してください。',
  'validation.text.lineBreak': '改行を含めず 1 行で入力してください。',
  'validation.text.control': '見えない制御文字（NUL や単独の復帰文字など）を削除してください。',
  'validation.text.bidi':
    '文字の向きを変える制御文字（U+202A–U+202E、U+2066–U+2069）を削除してください。',
  'validation.date.range': '{min} から {max} までの日付を入力してください。',
  'validation.money.line': 'この明細の金額（数量 × 単価）が大きすぎます。',
  'validation.money.total': '書類の合計金額が大きすぎます。',
  'validation.money.converted': 'この為替レートでは、基準通貨での合計金額が大きすぎます。',

  'error.heading': '処理できませんでした',
  'error.INVALID_CREDENTIALS': 'メールアドレスまたはパスワードが正しくありません。',
  'error.EMAIL_TAKEN': 'このメールアドレスのアカウントはすでに存在します。ログインしてください。',
  'error.EMAIL_TAKEN.field': 'このメールアドレスはすでに登録されています。',
  'error.TOO_MANY_ATTEMPTS':
    'ログインの失敗が続いたため、一時的に制限しています。{seconds} 秒後にもう一度お試しください。',
  'error.VALIDATION_FAILED': '入力内容を確認してください。',
  'error.OFFLINE':
    'オフラインのようです。または Kanjo のサーバーに接続できません。接続を確認して、もう一度お試しください。',
  'error.UNKNOWN': '問題が発生しました。もう一度お試しください。',
  'error.notFound': 'このアドレスのページは見つかりません。',

  'page.invoices.title': '請求書',
  'page.invoices.empty': 'ここに請求書の一覧が表示されます。',
  'page.quotes.title': '見積書',
  'page.quotes.empty': 'ここに見積書の一覧が表示されます。',
  'page.salesOrders.title': '受注書',
  'page.salesOrders.empty': 'ここに受注書の一覧が表示されます。',
  'page.customers.title': '顧客',
  'page.customers.empty': 'ここに顧客の一覧が表示されます。',
  'page.items.title': '品目',
  'page.items.empty': 'ここに商品・サービスの一覧が表示されます。',
  'page.comingWithSync':
    '一覧はローカルファースト同期とともに提供されます。すぐに開き、オフラインでも使えるようになります。',
  'page.settings.title': '設定',
  'page.settings.organization': '組織',
  'page.settings.name': '名前',
  'page.settings.baseCurrency': '基本通貨',
  'page.settings.yourAccount': 'あなたのアカウント',
  'page.settings.role': '権限',

  'role.owner': 'オーナー',
  'role.admin': '管理者',
  'role.accountant': '経理担当',
  'role.sales': '営業担当',
  ...recordsJa,
  ...receivablesJa,
  ...documentsJa,
  ...printJa,
  ...mailJa,
  ...numberingJa,
  ...crmJa,
  ...crmSyncJa,
  ...crmSetupJa,
  ...crmReachJa,
  ...crmHistoryJa,
  ...crmLinkRepairJa,
  ...crmDealsJa,
  ...crmAutomationJa,
  ...panelJa,
  ...sessionJa,
  ...authJa,
};
