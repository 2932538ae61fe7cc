import type { CrmLinkRepairMessageKey } from './crm-link-repair.en';

/** Japanese for `crm-link-repair.en.ts`; typed so a missing key is a compile error. */
export const crmLinkRepairJa: Record<CrmLinkRepairMessageKey, string> = {
  'crmHistory.action.held': '選択待ち',
  'crmHistory.action.released': '同期対象に戻す',
  'crmHistory.trigger.link': 'リンクの変更',

  'crmLink.record': 'CRM レコード',
  'crmLink.open': 'CRM で開く',
  'crmLink.openLabel': 'CRM で開く: {record}（新しいタブ）',
  'crmLink.readOnly': 'リンクを変更できるのはオーナーと管理者だけです。',
  'crmLink.offline': 'リンクの変更にはネットワーク接続が必要です。',

  'crmLink.choice.heading': '一致する CRM レコードを選んでください',
  'crmLink.choice.intro':
    'CRM のレコード {crm} が Kanjo の {count} 件のレコードに一致します（{reason}）。選ぶまではどれもリンクも CRM への送信もしないため、重複は作られません。',
  'crmLink.choice.introPerson':
    'CRM の連絡先 {crm} がこの取引先の担当者 {count} 名に一致します（{reason}）。一致が 1 名になるまで、どれもリンクも CRM への送信もしません。ここでほかの担当者の名前を変えるか削除するか、CRM で連絡先を変更すると、次回の同期でリンクされます。',
  'crmLink.choice.candidates': '一致する Kanjo のレコード',
  'crmLink.choice.this': 'このレコード',
  'crmLink.choice.linkedSince': 'リンク済み。残りは次回の同期で整理されます',
  'crmLink.choice.choose': 'これをリンク',
  'crmLink.choice.chooseLabel': 'これをリンク：{name} を {crm} に',
  'crmLink.choice.chosen': 'リンクしました。ほかのレコードはリンクせず、CRM にも送信しません。',

  'crmLink.rivals.intro':
    'CRM の {count} 件のレコードがこのレコードに一致します。1 件を選ぶまでは、どれもリンクも取り込みもせず、このレコードも CRM に送信しないため、重複は作られません。',
  'crmLink.rivals.candidates': '一致する CRM のレコード',
  'crmLink.rivals.chooseLabel': 'これをリンク：{crm}',
  'crmLink.rivals.chosen':
    'リンクしました。ほかの CRM レコードは別のレコードとして取り込まれるか、ほかのレコードに一致します。',

  'crmLink.kept.heading': '同期の対象外',
  'crmLink.kept.text':
    '{by} がこのレコードを CRM のレコード {crm} と切り離しました（{when}）。リンクし直すか同期対象に戻すまで、どちらも照合・リンク・CRM への送信をしません。',
  'crmLink.kept.someone': 'ユーザー',
  'crmLink.kept.release': '同期対象に戻す',
  'crmLink.kept.releaseHint':
    '次回の同期では一度もリンクしていないものとして扱います。再び照合されるか、新しいレコードとして CRM に送信されます。',
  'crmLink.kept.released': '同期対象に戻しました。次回の同期で照合するか CRM に送信します。',

  'crmLink.unlink': 'リンクを解除',
  'crmLink.unlink.title': 'CRM のレコードとのリンクを解除しますか？',
  'crmLink.unlink.body':
    'このレコードと {crm} の同期を止めます。リンクし直すか同期対象に戻すまで、どちらも照合も新規送信もしません。',
  'crmLink.unlink.cancel': 'リンクを残す',
  'crmLink.unlinked': 'リンクを解除しました。リンクし直すか同期対象に戻すまで同期しません。',

  'crmLink.pick.openLinked': '別の CRM レコードにリンク',
  'crmLink.pick.open': 'CRM レコードにリンク',
  'crmLink.pick.heading': 'CRM レコードにリンク',
  'crmLink.pick.intro': '{module} の候補を一致度の高い順に、理由とともに表示します。',
  'crmLink.pick.search': 'CRM を名前で検索',
  'crmLink.pick.searchButton': '検索',
  'crmLink.pick.close': '閉じる',
  'crmLink.pick.loading': 'CRM で候補を探しています…',
  'crmLink.pick.empty': '候補が見つかりません。別の名前で検索してください。',
  'crmLink.pick.candidates': '候補',
  'crmLink.pick.link': 'リンク',
  'crmLink.pick.linkLabel': '{crm} にリンク',
  'crmLink.pick.current': '現在のリンク先',
  'crmLink.pick.linkedTo': 'Kanjo の {name} にリンク済み',
  'crmLink.pick.linkedToOther': 'Kanjo の別のレコードにリンク済み',
  'crmLink.pick.linked': '{crm} にリンクしました。',
  'crmLink.pick.why': '理由',
  'crmLink.details.email': 'メール',
  'crmLink.details.phone': '電話番号',
  'crmLink.details.sku': 'SKU',
  'crmLink.details.city': '市区町村',

  'crmLink.reason.sku': 'SKU が同じ',
  'crmLink.reason.email': 'メールアドレスが同じ',
  'crmLink.reason.phone': '電話番号が同じ',
  'crmLink.reason.name': '名前が同じ',
  'crmLink.reason.similarName': '名前が似ている',
  'crmLink.reason.held': 'この選択を待っています',
  'crmLink.reason.search': '検索で見つかりました',

  'crmLink.error.alreadyLinked':
    'その CRM レコードは Kanjo の別のレコードにリンク済みです。先にそちらのリンクを解除してください。',
  'crmLink.error.notFound': 'そのレコードは CRM にもうありません。',
  'crmLink.error.notSynced': '現在の同期ルールでは、このレコードは CRM と同期しません。',
  'crmLink.error.nothingKept': 'このレコードに切り離されたものはもうありません。',
  'crmLink.error.notLinked': 'このレコードはもうリンクされていません。',
  'crmLink.error.offline':
    'Kanjo のサーバーに接続できませんでした。何も変更していません。オンラインになってからもう一度お試しください。',
};
