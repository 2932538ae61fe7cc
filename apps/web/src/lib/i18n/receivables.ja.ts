import type { ReceivablesMessageKey } from './receivables.en';

/** Japanese for `receivables.en.ts`; typed so a missing key is a compile error. */
export const receivablesJa: Record<ReceivablesMessageKey, string> = {
  'receivables.heading': '売掛金',
  'receivables.loading': '集計中…',
  'receivables.outstanding': '未回収',
  'receivables.overdue': '期日超過',
  'receivables.dueIn30Days': '30 日以内に期日',
  'receivables.paidLast12Months': '入金済み（過去 12 か月）',
  'receivables.invoicesOne': '請求書 1 件',
  'receivables.invoicesMany': '請求書 {count} 件',
  'receivables.paymentsOne': '入金 1 件',
  'receivables.paymentsMany': '入金 {count} 件',
  'receivables.inBase':
    '{currency} 建て。他の通貨の請求書は、それぞれの請求書の為替レートで換算しています。',
  'receivables.empty': '未回収の請求書も、過去 12 か月の入金もありません。',
  'receivables.unconverted':
    '為替レートがないため {currency} の合計に含めていません: {invoices}。含めるには請求書に為替レートを入力してください。',
  'receivables.draftNumber': '番号なしの {currency} 請求書',
  'receivables.byCurrency': '通貨別',
  'receivables.byCurrencyHint': '各請求書の通貨での金額です（換算前）。',
  'receivables.localNote':
    'この端末にある請求書と入金から集計しているため、オフラインでも表示できます。',
};
