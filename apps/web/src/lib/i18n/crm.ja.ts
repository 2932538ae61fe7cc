import type { CrmMessageKey } from './crm.en';

/** Japanese for `crm.en.ts`; typed so a missing key is a compile error. */
export const crmJa: Record<CrmMessageKey, string> = {
  'crm.title': 'CRM連携',
  'crm.intro': 'Kanjo を Zoho CRM に接続すると、顧客・品目・書類が両方で同じ状態に保たれます。',
  'crm.settingsLink': 'CRM連携',
  'crm.settingsLinkHint': 'Zoho CRM への接続、認証情報の更新、同期の一時停止を行います。',
  'crm.loading': 'CRM連携の状態を読み込み中…',
  'crm.loadOffline': 'オフラインです。CRM連携の状態を確認するにはネットワーク接続が必要です。',
  'crm.loadFailed': 'CRM連携の状態を読み込めませんでした。',
  'crm.retry': '再試行',
  'crm.readOnly': 'CRM連携を変更できるのはオーナーと管理者だけです。',

  'crm.status.heading': '接続状態',
  'crm.status.none': '未接続',
  'crm.status.connected': '接続済み',
  'crm.status.disabled': '無効',
  'crm.status.noneBody': 'CRM に接続されていません。顧客・品目・書類は Kanjo の中だけにあります。',
  'crm.status.disabledBody':
    'CRM との処理はすべて停止しています。データと関連付けは保持されます。有効にすると停止した所から再開します。',
  'crm.status.provider': 'CRM',
  'crm.status.zoho': 'Zoho CRM',
  'crm.status.organization': 'CRM の組織',
  'crm.status.currency': '基準通貨',
  'crm.status.multiCurrency': '複数通貨',
  'crm.status.on': 'オン',
  'crm.status.off': 'オフ',
  'crm.status.crmUser': 'CRM ユーザー',
  'crm.status.connectedBy': '接続したユーザー',
  'crm.status.connectedByAt': '{email}（{when}）',
  'crm.status.lastVerified': '最終確認',
  'crm.status.neverVerified': '未確認',
  'crm.status.disabledAt': '無効にした日時',

  'crm.action.label': '接続の操作',
  'crm.action.test': '接続をテスト',
  'crm.action.testing': 'テスト中…',
  'crm.action.disable': '無効にする',
  'crm.action.disabling': '無効にしています…',
  'crm.action.disableHint':
    'CRM との処理をすべて直ちに停止します。データと関連付けは保持されます。',
  'crm.action.enable': '有効にする',
  'crm.action.enabling': '有効にしています…',
  'crm.action.enableHint': 'CRM との処理を停止した所から再開します。',
  'crm.action.update': '認証情報を更新',
  'crm.action.disconnect': '接続を解除',

  'crm.notice.tested': '接続は正常です。CRM が認証情報を受け付けました。',
  'crm.notice.connected': '{organization} に接続しました。',
  'crm.notice.updated': '認証情報を保存し、{organization} で確認しました。',
  'crm.notice.disabled': 'CRM連携を無効にしました。CRM との送受信は行われません。',
  'crm.notice.enabled': 'CRM連携を再び有効にしました。',
  'crm.notice.disconnected': 'CRM との接続を解除しました。',

  'crm.disconnect.title': 'CRM との接続を解除しますか？',
  'crm.disconnect.body':
    '保存された認証情報を削除し、CRM との処理をすべて停止します。CRM 側のデータは削除されず、顧客・品目・書類は Kanjo に残ります。再び同期するには、このページでもう一度接続してください。',
  'crm.disconnect.confirm': '接続を解除',
  'crm.disconnect.busy': '解除しています…',
  'crm.disconnect.cancel': 'キャンセル',

  'crm.form.connectTitle': 'Zoho CRM に接続',
  'crm.form.updateTitle': '認証情報を更新',
  'crm.form.email': 'CRM ユーザーのメールアドレス',
  'crm.form.emailHint':
    'Kanjo が CRM に作成するデータの所有者になるユーザーです。認証情報を発行したユーザーと同じである必要があります。',
  'crm.form.accountsUrl': 'Zoho のデータセンター（アカウント URL）',
  'crm.form.accountsUrlHint':
    'Zoho アカウントのある場所です。Zoho にサインインするときのアドレスです。',
  'crm.form.accountsOther': 'その他（エミュレーターなど）',
  'crm.form.accountsUrlOther': 'アカウント URL',
  'crm.form.accountsUrlOtherHint': '完全なアドレス。例: http://localhost:8790',
  'crm.form.apiDomain': 'API ドメイン',
  'crm.form.apiDomainHint': 'トークン応答の api_domain の値。例: https://www.zohoapis.com',
  'crm.form.clientId': 'クライアント ID',
  'crm.form.clientIdHint': 'Zoho API コンソールのセルフクライアントに表示されます。',
  'crm.form.clientSecret': 'クライアントシークレット',
  'crm.form.clientSecretHint': 'セルフクライアントのクライアント ID の横に表示されます。',
  'crm.form.keepCurrent': '空欄のままにすると現在の値を使い続けます。',
  'crm.form.show': '表示',
  'crm.form.hide': '隠す',
  'crm.form.showSecret': 'クライアントシークレットを表示',
  'crm.form.tokenKind': 'どちらをお持ちですか？',
  'crm.form.haveRefreshToken': 'リフレッシュトークンがある',
  'crm.form.haveGrantCode': 'グラントコードがある（数分で失効）',
  'crm.form.refreshToken': 'リフレッシュトークン',
  'crm.form.refreshTokenHint': 'グラントコードをご自身で交換して得た、長期間有効なトークンです。',
  'crm.form.grantCode': 'グラントコード',
  'crm.form.grantCodeHint':
    'Kanjo がすぐにリフレッシュトークンへ交換します。数分で失効するため、送信の直前に生成してください。',
  'crm.form.submitConnect': '接続',
  'crm.form.submitUpdate': '認証情報を保存',
  'crm.form.submitting': 'CRM に確認しています…',
  'crm.form.cancel': 'キャンセル',
  'crm.form.hostChangeNote':
    '保存済みのクライアントシークレットとリフレッシュトークンは、保存したときのアカウント URL と API ドメインにだけ送られます。どちらかを変更するときは、もう一度入力してください。',
  'crm.form.secretsForNewHost':
    'アドレスが変わりました。もう一度入力してください。保存済みの値が新しいアドレスへ送られることはありません。',
  'crm.form.newHostsAlert':
    'アカウント URL または API ドメインを変更しました。クライアントシークレットと、リフレッシュトークンまたはグラントコードをもう一度入力してください。',

  'crm.help.title': 'これらの値の入手方法',
  'crm.help.step1':
    'Zoho API コンソール（api-console.zoho.com。データセンターに合わせて api-console.zoho.jp など）を開き、セルフクライアントを追加します。',
  'crm.help.step2': 'そのクライアント ID とクライアントシークレットをこのフォームに入力します。',
  'crm.help.step3': '「コードの生成」タブで次のスコープを入力します:',
  'crm.help.scopesLabel': '入力するスコープ（すべて、カンマ区切り）',
  'crm.help.scopesWhy': '各スコープの用途',
  'crm.help.scope.modules':
    '取引先・連絡先・商品の読み書き、商談の読み取り、見積書・受注書・請求書の書き込み',
  'crm.help.scope.settings':
    'CRM の項目と選択リスト、レイアウト、カスタムビュー、権限プロファイル、通貨の読み取り',
  'crm.help.scope.users': '接続する CRM ユーザーと、レコードの所有者となる有効なユーザーの読み取り',
  'crm.help.scope.org': 'CRM の組織情報（名前、基本通貨、タイムゾーン、税）の読み取り',
  'crm.help.scope.notifications': 'CRM の変更通知の登録と更新',
  'crm.help.scope.coql': '商品を作成する前に、名前やコードで既存の商品を検索',
  'crm.help.step4':
    '有効期間を選んでコードを生成し、すぐにグラントコードとしてここに貼り付けます。',
  'crm.help.step5':
    'セルフクライアントを作成した CRM ユーザーのメールアドレスを入力してください。管理者でない CRM ユーザーも、CRM 管理者から渡された認証情報で接続できます。',

  'crm.dc.us': '米国（accounts.zoho.com）',
  'crm.dc.eu': 'ヨーロッパ（accounts.zoho.eu）',
  'crm.dc.in': 'インド（accounts.zoho.in）',
  'crm.dc.au': 'オーストラリア（accounts.zoho.com.au）',
  'crm.dc.jp': '日本（accounts.zoho.jp）',
  'crm.dc.ca': 'カナダ（accounts.zohocloud.ca）',
  'crm.dc.sa': 'サウジアラビア（accounts.zoho.sa）',
  'crm.dc.cn': '中国（accounts.zoho.com.cn）',

  'crm.validation.url':
    'https:// で始まる完全なアドレスを入力してください（ローカルのエミュレーターは http:// も可）。',
  'crm.validation.secretForNewHost':
    'アカウント URL または API ドメインを変更するときは必須です。保存済みの値は元のアドレスにだけ使われます。',

  'crm.error.authFailed': 'CRM がこの認証情報を拒否しました: {message}',
  'crm.error.scopeMissing':
    'Zoho のグラントに Kanjo が必要とする OAuth スコープがありません: {scopes}。「これらの値の入手方法」に挙げたすべてのスコープで新しいグラントコード（またはリフレッシュトークン）を生成し、もう一度接続してください。何も保存されていません。',
  'crm.error.userMismatch':
    'この認証情報は {email} とは別の CRM ユーザーのものです。そのユーザーのメールアドレスを入力するか、{email} に発行された認証情報を使ってください。',
  'crm.error.unavailable':
    '{hosts} の CRM に接続できませんでした。アカウント URL と API ドメインを確認するか、数分後にもう一度お試しください。',
  'crm.error.offline': 'オフラインです。接続するにはネットワークが必要です。',
  'crm.error.offlineAction': 'オフラインです。この操作にはネットワークが必要です。',
  'crm.error.notConnected':
    'CRM との接続はすでに解除されています。他のユーザーが解除した可能性があります。',
  'crm.error.secretsRequired':
    'アカウント URL または API ドメインを変更するには、クライアントシークレットと、リフレッシュトークンまたはグラントコードをもう一度入力してください。保存済みの値は保存したときのアドレスにだけ送られます。',
  'crm.error.secretsHostMismatch':
    '保存済みのシークレットは、接続に表示されているものとは別のアドレス用のため使用しません。クライアントシークレットとリフレッシュトークンで認証情報を更新してください。',

  'crm.audit.title': '変更履歴',
  'crm.audit.intro':
    '接続へのすべての変更（誰が、いつ、どの項目を）。シークレットの値は記録しません。管理者が変更するとオーナーにメールが届きます。',
  'crm.audit.loading': '変更履歴を読み込んでいます…',
  'crm.audit.loadFailed': '変更履歴を読み込めませんでした。',
  'crm.audit.retry': '再試行',
  'crm.audit.empty': '記録された変更はまだありません。',
  'crm.audit.fields': '項目: {fields}',
  'crm.audit.by': '{who} が実行',
  'crm.audit.byServer': 'Kanjo が自動で実行',
  'crm.audit.from': '接続元 {address}',
  'crm.audit.action.connect': '接続',
  'crm.audit.action.change': '変更',
  'crm.audit.action.secrets_replaced': 'シークレットを置き換え',
  'crm.audit.action.disable': '無効化',
  'crm.audit.action.enable': '再有効化',
  'crm.audit.action.verify': 'テスト',
  'crm.audit.action.remove': '接続解除',
  'crm.audit.action.host_change_refused': '拒否: シークレットなしで新しいアドレスへ',
};
