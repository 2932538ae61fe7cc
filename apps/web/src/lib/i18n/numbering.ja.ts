import type { NumberingMessageKey } from './numbering.en';

/** Japanese for `numbering.en.ts`; typed so a missing key is a compile error. */
export const numberingJa: Record<NumberingMessageKey, string> = {
  'numbering.title': '採番',
  'numbering.link': '書類の採番',
  'numbering.linkHint': '見積書・受注書・請求書の接頭辞、次の番号、桁数。',
  'numbering.back': '設定',
  'numbering.intro':
    '書類の番号は送付・発行のときにサーバーで付けるため、複数の端末が同じ番号を使うことはありません。各系列の続け方を設定します。',
  'numbering.kind.quote': '見積書',
  'numbering.kind.salesOrder': '受注書',
  'numbering.kind.invoice': '請求書',
  'numbering.prefix': '接頭辞',
  'numbering.prefixHint': '20文字まで（例: INV- や 2026-）。空でもかまいません。',
  'numbering.next': '次の番号',
  'numbering.digits': '最小桁数',
  'numbering.digitsHint': '桁が足りない番号は 0 で埋めます。1〜12。',
  'numbering.preview': '次の書類: {number}',
  'numbering.lastUsed': '使用済みの最大番号: {number}',
  'numbering.neverUsed': 'この系列の書類はまだありません。',
  'numbering.save': '採番を保存',
  'numbering.saving': '保存中…',
  'numbering.saved': '採番を保存しました。',
  'numbering.readOnly': '採番を変更できるのはオーナーと管理者です。',
  'numbering.loading': '採番を読み込んでいます…',
  'numbering.offline': '採番はサーバーで管理しています。表示・変更するには接続してください。',
  'numbering.failed': '採番を読み込めませんでした。',
  'numbering.retry': '再試行',
  'numbering.used': '{number} は使用済みです。次の番号は {next} 以上にしてください。',
  'numbering.usedAlert': '選んだ番号はすでに書類で使われています。大きい番号を選んでください。',
  'numbering.invalidNext': '1 以上の整数を入力してください。',
  'numbering.invalidDigits': '1〜12 の整数を入力してください。',
};
