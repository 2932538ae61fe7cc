import type { DocumentKind } from './states';

/** The words printed on a document, in the organization's language. */
export interface PrintLabels {
  kind: Record<DocumentKind, string>;
  draft: string;
  void: string;
  /** "Invoice (draft)", "請求書（下書き）". */
  withNote: (title: string, note: string) => string;
  number: string;
  issueDate: Record<DocumentKind, string>;
  dueDate: string;
  expiryDate: string;
  reference: string;
  headline: Record<DocumentKind, string>;
  item: string;
  quantity: string;
  rate: string;
  taxRate: string;
  amount: string;
  lineDiscount: (percent: string) => string;
  taxable: (rate: string) => string;
  rateTax: string;
  subtotal: string;
  discount: string;
  tax: string;
  taxIncluded: string;
  total: string;
  paid: string;
  balance: string;
  notes: string;
  terms: string;
  registrationNumber: string;
  reducedRateNote: string;
  /** After the customer's name: 御中 for a company, 様 for a person. */
  addressee: Record<'business' | 'individual', string>;
}

const en: PrintLabels = {
  kind: { invoice: 'Invoice', quote: 'Quote', salesOrder: 'Sales order' },
  draft: 'draft',
  void: 'void',
  withNote: (title, note) => `${title} (${note})`,
  number: 'Number',
  issueDate: { invoice: 'Invoice date', quote: 'Quote date', salesOrder: 'Order date' },
  dueDate: 'Due date',
  expiryDate: 'Valid until',
  reference: 'Reference',
  headline: { invoice: 'Amount due', quote: 'Quote total', salesOrder: 'Order total' },
  item: 'Item',
  quantity: 'Qty',
  rate: 'Rate',
  taxRate: 'Tax',
  amount: 'Amount',
  lineDiscount: (percent) => `Discount ${percent}%`,
  taxable: (rate) => `Taxable at ${rate}%`,
  rateTax: 'Tax',
  subtotal: 'Subtotal',
  discount: 'Discount',
  tax: 'Tax',
  taxIncluded: 'Tax included',
  total: 'Total',
  paid: 'Paid',
  balance: 'Balance due',
  notes: 'Notes',
  terms: 'Terms',
  registrationNumber: 'Registration No.',
  reducedRateNote: '※ Reduced tax rate (8%) item',
  addressee: { business: '', individual: '' },
};

const ja: PrintLabels = {
  kind: { invoice: '請求書', quote: '見積書', salesOrder: '受注書' },
  draft: '下書き',
  void: '無効',
  withNote: (title, note) => `${title}（${note}）`,
  number: '番号',
  issueDate: { invoice: '請求日', quote: '見積日', salesOrder: '受注日' },
  dueDate: 'お支払期限',
  expiryDate: '有効期限',
  reference: '参照番号',
  headline: { invoice: 'ご請求金額', quote: 'お見積金額', salesOrder: '受注金額' },
  item: '品目',
  quantity: '数量',
  rate: '単価',
  taxRate: '税率',
  amount: '金額',
  lineDiscount: (percent) => `値引 ${percent}%`,
  taxable: (rate) => `${rate}%対象`,
  rateTax: '消費税',
  subtotal: '小計',
  discount: '値引',
  tax: '消費税',
  taxIncluded: '内消費税',
  total: '合計',
  paid: '入金済',
  balance: 'ご請求残高',
  notes: '備考',
  terms: '取引条件',
  registrationNumber: '登録番号',
  reducedRateNote: '※は軽減税率（8%）対象',
  addressee: { business: '御中', individual: '様' },
};

export const PRINT_LABELS: Record<'en' | 'ja', PrintLabels> = { en, ja };
