import type { CrmAutomationMessageKey } from './crm-automation.en';

/** Japanese for `crm-automation.en.ts`; typed so a missing key is a compile error. */
export const crmAutomationJa: Record<CrmAutomationMessageKey, string> = {
  'crmSearch.tabs': '顧客の探し方',
  'crmSearch.tab.kanjo': 'Kanjo の顧客',
  'crmSearch.tab.crm': 'CRM で検索',
  'crmSearch.label': 'CRM を検索',
  'crmSearch.placeholder': '取引先名または連絡先名',
  'crmSearch.hint':
    '取引先名、または連絡先の姓・名で検索します。選んだデータは Kanjo に取り込まれます。',
  'crmSearch.short': '2 文字以上入力すると検索します。',
  'crmSearch.searching': 'CRM を検索しています…',
  'crmSearch.results.Accounts': '「{query}」に一致する CRM の取引先',
  'crmSearch.results.Contacts': '「{query}」に一致する CRM の連絡先',
  'crmSearch.empty.Accounts': '「{query}」に一致する CRM の取引先はありません。',
  'crmSearch.empty.Contacts': '「{query}」に一致する CRM の連絡先はありません。',
  'crmSearch.inKanjo': 'Kanjo に登録済み',
  'crmSearch.import': '取り込む',
  'crmSearch.importing': '取り込み中…',
  'crmSearch.select': '選択',
  'crmSearch.blocked': '取り込めません',
  'crmSearch.imported': '{name} を CRM から取り込み、顧客に設定しました。',
  'crmSearch.selected': '{name} を顧客に設定しました。',
  'crmSearch.offline':
    'CRM の検索にはネットワーク接続が必要です。Kanjo の顧客から選ぶか、オンラインになってから再度お試しください。',
  'crmSearch.retry': '再試行',
  'crmSearch.error.notConnected':
    'CRM が接続されていません。オーナーまたは管理者が「設定 → CRM」で接続できます。',
  'crmSearch.error.disabled': 'CRM との同期がオフのため、CRM のデータを検索・取り込みできません。',
  'crmSearch.error.paused':
    'CRM との同期が一時停止中です。オーナーまたは管理者が「設定 → CRM → 同期ルール」で再開できます。',
  'crmSearch.error.authExpired':
    'CRM 接続の有効期限が切れました。オーナーまたは管理者が「設定 → CRM」で更新できます。',
  'crmSearch.error.rateLimited':
    'CRM へのリクエストが制限されています。1 分ほどしてから再度お試しください。',
  'crmSearch.error.crmUnavailable':
    'CRM に接続できませんでした。しばらくしてから再度お試しください。',
  'crmSearch.error.forbidden': 'あなたの役割では CRM から顧客を取り込めません。',
  'crmSearch.error.notFound': 'このデータはすでに CRM にありません。',
  'crmSearch.error.outsideView':
    'このデータは同期ルールで選んだ CRM のビューの対象外で、必要に応じた取り込みがオフになっています。',
  'crmSearch.error.notAllowed': '同期ルールでは、このデータの取り込みは許可されていません。',
  'crmSearch.error.notArrived':
    '顧客は取り込まれましたが、まだこの端末に届いていません。次回の同期後に「Kanjo の顧客」に表示されます。',
  'crmSearch.error.skipped':
    '取り込みませんでした。重複ルール「スキップ」により Kanjo の顧客と区別されています。{message}',
  'crmSearch.error.syncRunning': 'CRM 同期の実行中です。しばらくしてからもう一度お試しください。',
  'crmSearch.error.other': 'CRM の検索に失敗しました: {message}',
  'crmSearch.error.unknown': '問題が発生しました。もう一度お試しください。',

  'crmAutomation.title': '商談の自動化',
  'crmAutomation.back': 'CRM',
  'crmAutomation.intro':
    'CRM の商談が作成・受注・失注されたときに、Kanjo が見積書・請求書・受注書を作成または更新します。',
  'crmAutomation.link': '商談の自動化',
  'crmAutomation.linkHint':
    '商談のステージの変化に合わせて見積書や請求書を作成し、その実行内容を確認できます。',
  'crmAutomation.loading': '自動化ルールを読み込んでいます…',
  'crmAutomation.loadFailed': '自動化ルールを読み込めませんでした。',
  'crmAutomation.retry': '再試行',
  'crmAutomation.offline':
    '商談の自動化にはネットワーク接続が必要です。オンラインになるとルールとログが表示されます。',
  'crmAutomation.readOnly':
    'ルールを変更できるのはオーナーと管理者だけです。ルールの確認、テスト実行、ログの閲覧はできます。',

  'crmAutomation.how.heading': 'しくみ',
  'crmAutomation.how.probability':
    '受注・失注は CRM のステージの確度で判断します。100% が受注（例: Closed Won）、0% が失注（例: Closed Lost）です。ステージ名は関係ありません。',
  'crmAutomation.how.once':
    '各ルールは 1 つの商談につき最大 1 回だけ実行されます。商談が何度変わっても、変更が重ねて通知されても同じです。',
  'crmAutomation.how.people':
    '自動作成された書類を人が送付または編集すると、その後の商談の変化ではその書類を変更しません。',
  'crmAutomation.how.linked':
    'CRM と同期している顧客に関連付けられた商談だけが対象です。それ以外の商談はスキップとして記録されます。',
  'crmAutomation.how.content':
    '作成される書類には商談から 1 行が入ります。商談名・金額・説明を使い、担当者は商談の所有者、通貨は商談の通貨、税率は下で設定した率になります。',

  'crmAutomation.rules.heading': 'ルール',
  'crmAutomation.enabled': '商談の自動化をオンにする',
  'crmAutomation.enabledHint':
    'オフのときは商談が変わっても何も行いません。下のルールは保持されます。',
  'crmAutomation.enabledSince': '{time} からオンです。それより前の商談の変化は対象になりません。',
  'crmAutomation.created.legend': '商談が作成されたとき',
  'crmAutomation.created.createQuote': '商談の見積書を下書きで作成する',
  'crmAutomation.line.legend': '商談から作る書類の明細',
  'crmAutomation.line.taxRate': '税率',
  'crmAutomation.line.taxRateHint':
    '商談の金額を明細の税抜き単価とします。税をかけない場合は空欄にします。',
  'crmAutomation.line.taxRateInvalid': '0〜100 の割合を入力してください（例: 10、8）。',
  'crmAutomation.won.legend': '商談を受注したとき（確度 100%）',
  'crmAutomation.won.acceptQuote': '商談の自動作成された見積書を承諾済みにする',
  'crmAutomation.won.create': '続けて作成するもの',
  'crmAutomation.won.none': '作成しない',
  'crmAutomation.won.noneBody': '請求書も受注書も作成しません。',
  'crmAutomation.won.invoice': '請求書',
  'crmAutomation.won.invoiceBody': '商談の金額を顧客に請求します。',
  'crmAutomation.won.salesOrder': '受注書',
  'crmAutomation.won.salesOrderBody': 'まず受注を確定し、請求は後で行います。',
  'crmAutomation.won.issue': '作成時の状態',
  'crmAutomation.won.draft': '下書き',
  'crmAutomation.won.draftBody': '担当者が確認してから手動で発行します。',
  'crmAutomation.won.issued': '発行済み',
  'crmAutomation.won.issuedBody': '請求書はすぐに番号付きで発行されます（受注書は確定されます）。',
  'crmAutomation.lost.legend': '商談を失注したとき（確度 0%）',
  'crmAutomation.lost.declineQuote': '商談の自動作成された見積書を辞退済みにする',
  'crmAutomation.lost.voidDocument':
    '商談の自動作成された請求書または受注書を無効にする（入金が記録されている場合は除く）',
  'crmAutomation.save': 'ルールを保存',
  'crmAutomation.saving': '保存中…',
  'crmAutomation.saved': '自動化ルールを保存しました。',
  'crmAutomation.unsaved': '保存されていない変更があります。',
  'crmAutomation.discard': '変更を破棄',

  'crmAutomation.dry.heading': 'テスト実行',
  'crmAutomation.dry.intro':
    '保存済みのルールが現在の商談に対して何を行うかを確認します。作成や変更は一切行いません。',
  'crmAutomation.dry.run': 'テスト実行',
  'crmAutomation.dry.running': '実行中…',
  'crmAutomation.dry.unsaved':
    'テスト実行は保存済みのルールを使います。変更を試すには先に保存してください。',
  'crmAutomation.dry.empty': '現在の商談に対して、ルールが行うことはありません。',
  'crmAutomation.dry.summary': '商談ごとの実行予定:',

  'crmAutomation.log.heading': 'ログ',
  'crmAutomation.log.intro':
    'すべての判定を新しい順に表示します。実行した内容、または実行しなかった理由がわかります。',
  'crmAutomation.log.loading': 'ログを読み込んでいます…',
  'crmAutomation.log.empty': 'まだ記録はありません。',
  'crmAutomation.log.more': 'さらに古いログを表示',
  'crmAutomation.log.loadingMore': '読み込み中…',
  'crmAutomation.log.open': '{document}を開く',
  'crmAutomation.log.stage': 'ステージ: {stage}',

  'crmAutomation.trigger.created': '商談作成',
  'crmAutomation.trigger.won': '受注',
  'crmAutomation.trigger.lost': '失注',

  'crmAutomation.kind.quote': '見積書',
  'crmAutomation.kind.invoice': '請求書',
  'crmAutomation.kind.salesOrder': '受注書',
  'crmAutomation.kindNew.quote': '見積書',
  'crmAutomation.kindNew.invoice': '請求書',
  'crmAutomation.kindNew.salesOrder': '受注書',
  'crmAutomation.document.numbered': '{kind} {number}',
  'crmAutomation.document.unnumbered': '下書きの{kind}',
  'crmAutomation.document.unknown': '書類',

  'crmAutomation.acted.create': '{document}を作成しました',
  'crmAutomation.acted.acceptQuote': '{document}を承諾済みにしました',
  'crmAutomation.acted.declineQuote': '{document}を辞退済みにしました',
  'crmAutomation.acted.voidDocument': '{document}を無効にしました',
  'crmAutomation.planned.create': '{document}を作成します',
  'crmAutomation.planned.acceptQuote': '{document}を承諾済みにします',
  'crmAutomation.planned.declineQuote': '{document}を辞退済みにします',
  'crmAutomation.planned.voidDocument': '{document}を無効にします',
  'crmAutomation.skip.NOT_LINKED': 'スキップ: 商談が同期済みの顧客に関連付けられていません',
  'crmAutomation.skip.RULE_OFF': 'スキップ: 該当するルールがオフです',
  'crmAutomation.skip.ALREADY_DONE': 'スキップ: この商談ではすでに実行済みです',
  'crmAutomation.skip.NO_DOCUMENT':
    'スキップ: この商談のために自動作成した請求書・受注書がありません',
  'crmAutomation.skip.RELEASED': 'スキップ: {document}は人が変更しています',
  'crmAutomation.skip.SENT': 'スキップ: {document}は送付済みです',
  'crmAutomation.skip.PAID': 'スキップ: {document}には入金があります',
  'crmAutomation.skip.ALREADY_FINAL': 'スキップ: {document}はすでに確定しています',
  'crmAutomation.decision.failed': '失敗: {reason}',
  'crmAutomation.decision.raw': '{message}',

  'crmAutomation.error.notConnected':
    'CRM が接続されていません。商談の自動化を使うには「設定 → CRM」で接続してください。',
  'crmAutomation.error.forbidden': '自動化ルールを変更できるのはオーナーと管理者だけです。',
  'crmAutomation.error.invalid':
    'サーバーがこのルールを受け付けませんでした。ページを再読み込みしてもう一度お試しください。',
  'crmAutomation.error.disabled': 'CRM との同期がオフになっています。',
  'crmAutomation.error.paused':
    'CRM との同期が一時停止中です。ルールを実行するには再開してください。',
  'crmAutomation.error.other': 'サーバーが拒否しました: {message}',
  'crmAutomation.error.unknown': '問題が発生しました。もう一度お試しください。',
  'crmAutomation.toConnection': 'CRM 接続へ',
};
