import type { PrintMessageKey } from './print.en';

/** Japanese for `print.en.ts`; typed so a missing key is a compile error. */
export const printJa: Record<PrintMessageKey, string> = {
  'print.profile.title': '書類への記載事項',
  'print.profile.intro': '見積書・受注書・請求書の PDF に印字される情報です。',
  'print.profile.readOnly': 'この情報を変更できるのはオーナーと管理者のみです。',
  'print.profile.legalName': '正式名称',
  'print.profile.legalNameHint': '設定すると「{name}」の代わりに印字されます。',
  'print.profile.address': '住所',
  'print.profile.phone': '電話番号',
  'print.profile.email': '請求用メールアドレス',
  'print.profile.website': 'ウェブサイト',
  'print.profile.registrationNumber': '適格請求書発行事業者登録番号',
  'print.profile.registrationNumberHint':
    '「T」と法人番号 13 桁です。登録通知書のとおりに入力してください（例: T1234567890123）。',
  'print.profile.registrationNumber.FORMAT':
    '「T」に続けて 13 桁の数字を入力してください（例: T1234567890123）。',
  'print.profile.registrationNumber.CHECK_DIGIT':
    'チェックデジットが一致しません。数字の入力ミスの可能性があります。登録通知書と照合してください。',
  'print.profile.logo': 'ロゴ',
  'print.profile.logoHint': 'PNG または JPEG、256 KB まで。左上に印字されます。',
  'print.profile.logoChoose': 'ロゴを選択',
  'print.profile.logoRemove': 'ロゴを削除',
  'print.profile.logoPreview': '現在のロゴ',
  'print.profile.logoType': 'ロゴは PNG または JPEG の画像にしてください。',
  'print.profile.logoSize': 'ロゴが {size} KB あります。256 KB 以下の画像を使ってください。',
  'print.profile.save': '記載事項を保存',
  'print.profile.saving': '保存中…',
  'print.profile.saved': '保存しました。新しく作る PDF に反映されます。',
  'print.pdf.download': 'PDF をダウンロード',
  'print.pdf.offline':
    'PDF の作成にはネットワーク接続が必要です。接続してからダウンロードしてください。',
};
