import type { CrmSyncMessageKey } from './crm-sync.en';

/** Japanese for `crm-sync.en.ts`; typed so a missing key is a compile error. */
export const crmSyncJa: Record<CrmSyncMessageKey, string> = {
  'crmSync.title': '同期ルール',
  'crmSync.intro':
    'Kanjo と CRM の間で何をどのように同期するかを選びます。ステップ順に設定して保存してください。保存するまでは何も変わりません。',
  'crmSync.back': 'CRM連携',
  'crmSync.link': '同期ルール',
  'crmSync.linkHint':
    'どの CRM データを顧客・品目にするか、項目の関連付け、同期の間隔を設定します。',
  'crmSync.loading': '同期ルールを読み込み中…',
  'crmSync.loadOffline': 'オフラインです。同期ルールの表示にはネットワーク接続が必要です。',
  'crmSync.loadFailed': '同期ルールを読み込めませんでした。',
  'crmSync.notConnected':
    'Kanjo はまだ CRM に接続されていません。先に接続してから、この画面に戻ってください。',
  'crmSync.toConnection': 'CRM連携の画面へ',
  'crmSync.retry': '再試行',
  'crmSync.readOnly':
    '同期ルールを変更できるのはオーナーと管理者だけです。ここでは内容を確認できます。',
  'crmSync.step': 'ステップ {n}/{total}',
  'crmSync.lastSaved': '最終保存: {when}',

  'crmSync.status.heading': '同期の状態',
  'crmSync.status.running': '同期中',
  'crmSync.status.paused': '一時停止中',
  'crmSync.status.pausedSince': '{when} から一時停止しています。CRM との送受信は行われません。',
  'crmSync.status.runningBody': '以下のルールに従って CRM と同期しています。',
  'crmSync.status.pause': '同期を一時停止',
  'crmSync.status.pausing': '一時停止しています…',
  'crmSync.status.resume': '同期を再開',
  'crmSync.status.resuming': '再開しています…',
  'crmSync.status.pauseHint':
    '保存しなくてもすぐに反映されます。停止中の変更は保留され、再開時に同期されます。',
  'crmSync.budget': '本日の CRM API 使用回数',
  'crmSync.budgetOf': '{used} 回(上限 {limit} 回)',
  'crmSync.budgetNoLimit': '{used} 回(1日の上限は不明)',

  'crmSync.currency.heading': '基本通貨が一致していません',
  'crmSync.currency.fallback':
    'CRM で複数通貨が有効になっており、CRM の基本通貨({crm})が Kanjo の基本通貨({organization})と異なります。CRM からの顧客の取得のみ行えます。',
  'crmSync.currency.consequence':
    '基本通貨が一致するまで、「双方向で同期」と商品の同期は使えません。',
  'crmSync.currency.choiceRefused': '基本通貨が異なるため選べません。別の選択肢を選んでください。',

  'crmSync.customers.heading': '顧客',
  'crmSync.customers.intro': 'どの CRM データを Kanjo の顧客として同期するか、その方法を選びます。',
  'crmSync.module.legend': '同期対象のモジュール(タブ)',
  'crmSync.module.accounts': '取引先',
  'crmSync.module.accountsBody': 'CRM の取引先ごとに法人の顧客を作成します。連絡先は同期しません。',
  'crmSync.module.contacts': '連絡先',
  'crmSync.module.contactsBody':
    'CRM の連絡先ごとに個人の顧客を作成します。名前は姓と名から作られます。',
  'crmSync.module.accountsAndContacts': '取引先と関連する連絡先',
  'crmSync.module.accountsAndContactsBody':
    '取引先を法人の顧客にし、その取引先に関連付けられた連絡先を顧客の担当者にします。',
  'crmSync.includeUnlinked': 'どの取引先にも関連付けられていない連絡先も、個人の顧客として同期する',
  'crmSync.includeUnlinkedHint': 'チェックしない場合、取引先に属する連絡先だけが同期されます。',
  'crmSync.importOnDemand': '必要に応じて 1 件ずつ取り込むことを許可する',
  'crmSync.importOnDemandHint':
    '選んだビューの対象外のデータも、新しい書類の顧客を選ぶときに「CRM で検索」から 1 件ずつ取り込めます。',
  'crmSync.extent.legend': '同期の範囲',
  'crmSync.extent.fetch': 'CRM から取得のみ',
  'crmSync.extent.fetchBody':
    'CRM のデータを Kanjo に取り込みます。Kanjo で作成・変更した顧客は Kanjo の中だけに残ります。',
  'crmSync.extent.both': '双方向で同期',
  'crmSync.extent.bothBody':
    'どちらで変更しても、もう一方に反映されます。先に CRM 側を取得してから、Kanjo の変更を送信します。',
  'crmSync.duplicates.legend': 'CRM のデータが既存の顧客と重複した場合',
  'crmSync.duplicates.hint':
    '取引先名と表示名が同じ場合、または連絡先ではメールアドレスが同じ場合に重複とみなします。',
  'crmSync.duplicates.overwrite': '上書き(統合して関連付け)',
  'crmSync.duplicates.overwriteBody':
    '2つを1件の顧客に統合し、CRM のデータと関連付けます。関連付けた項目には CRM の値が入ります。',
  'crmSync.duplicates.skip': 'スキップ',
  'crmSync.duplicates.skipBody': '既存の顧客はそのままにし、CRM のデータは取り込みません。',
  'crmSync.duplicates.clone': '複製',
  'crmSync.duplicates.cloneBody': 'CRM のデータを、同じ名前の別の顧客として取り込みます。',
  'crmSync.views.heading': 'CRM のビュー',
  'crmSync.views.hint':
    '指定した CRM のビューに含まれるデータだけを同期します。ヒント:CRM で「Kanjo」チェックボックスがオンのデータなどのビューを作成しておくと、同期するデータを絞り込めます。',
  'crmSync.views.accounts': '取引先のビュー',
  'crmSync.views.contacts': '連絡先のビュー',
  'crmSync.views.products': '商品のビュー',
  'crmSync.views.all': 'すべてのデータ',
  'crmSync.views.defaultSuffix': '{name}(CRM の既定)',
  'crmSync.views.unknown': 'ビュー {id}',
  'crmSync.lookupFailed': '{module} の CRM 項目とビューを読み込めませんでした。',
  'crmSync.lookupRetry': '再読み込み',

  'crmSync.mapping.heading': '項目の関連付け',
  'crmSync.mapping.intro':
    'CRM のどの項目を Kanjo のどの項目に入れるかを決めます。初期値が入っています。行の変更・追加・削除ができます。各項目は1回だけ使えます。',
  'crmSync.mapping.accounts': '取引先 ↔ 顧客',
  'crmSync.mapping.linkedContacts': '取引先の連絡先 ↔ 担当者',
  'crmSync.mapping.unlinkedContacts': '連絡先 ↔ 個人の顧客',
  'crmSync.mapping.unlinkedHint':
    '表示名は First_Name と Last_Name から自動で作られるため、一覧にはありません。',
  'crmSync.mapping.kanjo': 'Kanjo の項目',
  'crmSync.mapping.crm': 'CRM の項目',
  'crmSync.mapping.row': '{n} 行目',
  'crmSync.mapping.choose': '選択してください',
  'crmSync.mapping.customMark': '{label}・カスタム',
  'crmSync.mapping.add': '行を追加',
  'crmSync.mapping.remove': '削除',
  'crmSync.mapping.removeLabel': '{n} 行目を削除',
  'crmSync.mapping.reset': '初期値に戻す',
  'crmSync.mapping.resetDone': '{table}:初期値の関連付けに戻しました。保存すると確定します。',
  'crmSync.mapping.empty': '関連付けられた項目はありません。名前だけが同期されます。',
  'crmSync.mapping.full': '行は最大 {max} 行です。',
  'crmSync.mapping.incomplete': '両方の項目を選ぶか、行を削除してください。',
  'crmSync.mapping.notContactField': '担当者の項目を選んでください。',
  'crmSync.mapping.duplicateKanjo': 'この Kanjo の項目は別の行ですでに使われています。',
  'crmSync.mapping.duplicateCrm': 'この CRM の項目は別の行ですでに使われています。',

  'crmSync.custom.heading': 'Kanjo のカスタム項目({count}/{max})',
  'crmSync.custom.intro':
    'Kanjo に対応する項目がない CRM の項目は、ここで顧客のカスタム項目を作成してください。作成すると上の Kanjo の項目の一覧に表示されます。',
  'crmSync.custom.none': 'カスタム項目はまだありません。',
  'crmSync.custom.full': 'カスタム項目は上限の {max} 件まで使われています。',
  'crmSync.custom.label': '項目名',
  'crmSync.custom.key': 'キー',
  'crmSync.custom.keyHint':
    '項目名から作られます。英小文字・数字・_ が使えます(例: sales_region)。後から変更できません。',
  'crmSync.custom.type': '種類',
  'crmSync.custom.options': '選択肢',
  'crmSync.custom.optionsHint': '1行に1つずつ入力します。',
  'crmSync.custom.create': '項目を作成',
  'crmSync.custom.creating': '作成しています…',
  'crmSync.custom.created':
    'カスタム項目「{label}」を作成しました。関連付けの行で選択してください。',
  'crmSync.custom.keyShape': '英小文字で始め、英小文字・数字・_ だけを使ってください。',
  'crmSync.custom.keyTaken': 'このキーは別のカスタム項目で使われています。',
  'crmSync.custom.optionsRequired': '選択肢を1つ以上入力してください。',
  'crmSync.custom.type.text': 'テキスト',
  'crmSync.custom.type.number': '数値',
  'crmSync.custom.type.date': '日付',
  'crmSync.custom.type.boolean': 'はい/いいえ',
  'crmSync.custom.type.select': '選択リスト',

  'crmSync.items.heading': '商品',
  'crmSync.items.intro': 'Kanjo の品目と CRM の商品も同期できます。',
  'crmSync.items.legend': '商品の同期',
  'crmSync.items.off': 'しない',
  'crmSync.items.offBody': '品目と商品は同期しません。',
  'crmSync.items.fetch': 'CRM から取得のみ',
  'crmSync.items.fetchBody':
    'CRM の商品を Kanjo の品目として取り込みます。重複は Kanjo 側に発生します。',
  'crmSync.items.both': '双方向で同期',
  'crmSync.items.bothBody':
    '先に Kanjo の品目を CRM に送信し、その後 CRM の商品を取得します。重複は CRM 側に発生します。',
  'crmSync.items.duplicates': '商品が既存の品目と重複した場合',
  'crmSync.items.duplicatesHint':
    '商品名(Product_Name)が同じ場合、また SKU があれば商品コード(Product_Code)も同じ場合に重複とみなします。',
  'crmSync.items.mappingHeading': '品目の項目の関連付け',
  'crmSync.items.mappingHint': '自動で関連付けられます。変更はできません。',

  'crmSync.conflict.heading': '両方で変更された場合',
  'crmSync.conflict.intro':
    '前回の同期以降に両方で変更された項目だけが競合になります。それ以外の変更はそのまま反映されます。',
  'crmSync.conflict.legend': '残す変更',
  'crmSync.conflict.crmWins': 'CRM を優先(推奨)',
  'crmSync.conflict.crmWinsBody':
    '参照元の製品と同じ動作です。例:電話番号を CRM で 03-1111、Kanjo で 03-2222 に変更した場合、同期後はどちらも 03-1111 になります。',
  'crmSync.conflict.kanjoWins': 'Kanjo を優先',
  'crmSync.conflict.kanjoWinsBody':
    '例:同じ2つの変更の場合、同期後はどちらも 03-2222 になり、CRM が更新されます。',
  'crmSync.conflict.ask': '確認する',
  'crmSync.conflict.askBody':
    '例:電話番号はそれぞれの値のまま残り、両方の値を示す競合が「競合」画面に表示され、誰かが選ぶまで保留されます。',

  'crmSync.auto.heading': '自動同期',
  'crmSync.auto.enabled': '自動で同期する',
  'crmSync.auto.enabledHint': 'オフにすると、再接続時または手動で実行したときだけ同期されます。',
  'crmSync.auto.interval': '間隔(分)',
  'crmSync.auto.intervalHint': '{min}〜{max} 分(1日)の間で指定します。',
  'crmSync.auto.intervalRange': '{min}〜{max} の整数(分)を入力してください。',
  'crmSync.auto.minutes': '分',

  'crmSync.save': '同期ルールを保存',
  'crmSync.saving': '保存しています…',
  'crmSync.discard': '変更を破棄',
  'crmSync.unsaved': '保存されていない変更があります。',
  'crmSync.notice.saved': '同期ルールを保存しました。次回の同期から適用されます。',
  'crmSync.notice.paused': '同期を一時停止しました。',
  'crmSync.notice.resumed': '同期を再開しました。',
  'crmSync.error.offline':
    'オフラインです。変更内容は残っています。オンラインに戻ったら再度保存してください。',
  'crmSync.error.mappingInvalid':
    '関連付けできない項目の組み合わせがあります。理由は該当する行に表示しています。',
  'crmSync.error.validation': '確認が必要な設定があります。下のメッセージをご覧ください。',
  'crmSync.error.viewNotFound':
    '選択した {module} のビューが CRM にありません。ビューを選び直すか、すべてのレコードを選んでください。',

  'crmSync.kanjoField.displayName': '表示名',
  'crmSync.kanjoField.companyName': '会社名',
  'crmSync.kanjoField.email': 'メールアドレス',
  'crmSync.kanjoField.phone': '電話番号',
  'crmSync.kanjoField.mobile': '携帯電話',
  'crmSync.kanjoField.fax': 'FAX',
  'crmSync.kanjoField.website': 'Webサイト',
  'crmSync.kanjoField.notes': 'メモ',
  'crmSync.kanjoField.billingStreet': '請求先の番地',
  'crmSync.kanjoField.billingCity': '請求先の市区町村',
  'crmSync.kanjoField.billingState': '請求先の都道府県',
  'crmSync.kanjoField.billingPostalCode': '請求先の郵便番号',
  'crmSync.kanjoField.billingCountry': '請求先の国',
  'crmSync.kanjoField.shippingStreet': '配送先の番地',
  'crmSync.kanjoField.shippingCity': '配送先の市区町村',
  'crmSync.kanjoField.shippingState': '配送先の都道府県',
  'crmSync.kanjoField.shippingPostalCode': '配送先の郵便番号',
  'crmSync.kanjoField.shippingCountry': '配送先の国',
  'crmSync.kanjoField.contactFirstName': '名',
  'crmSync.kanjoField.contactLastName': '姓',
  'crmSync.kanjoField.contactEmail': 'メールアドレス',
  'crmSync.kanjoField.contactPhone': '電話番号',
  'crmSync.kanjoField.contactMobile': '携帯電話',
  'crmSync.itemField.name': '品目名',
  'crmSync.itemField.sku': 'SKU',
  'crmSync.itemField.rate': '単価',
  'crmSync.itemField.description': '説明',
  'crmSync.itemField.unit': '単位',
  'crmSync.itemField.active': '有効',
};
