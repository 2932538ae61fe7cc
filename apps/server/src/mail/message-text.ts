import { formatMoney, type DocumentKind } from '@kanjo/core';

/** What the default subject and body say about a document. */
export interface DocumentMailFacts {
  kind: DocumentKind;
  number: string;
  organizationName: string;
  customerName: string;
  currency: string;
  /** Minor units: the balance due for an invoice, the total otherwise. */
  amount: number;
  /** 'YYYY-MM-DD': the invoice's due date, or the quote's expiry date. */
  date?: string;
}

type Locale = 'en' | 'ja';

const TITLES: Record<Locale, Record<DocumentKind, string>> = {
  en: { quote: 'Quote', salesOrder: 'Sales order', invoice: 'Invoice' },
  ja: { quote: '見積書', salesOrder: '注文請書', invoice: '請求書' },
};

const AMOUNT_LABELS: Record<Locale, Record<DocumentKind, string>> = {
  en: { quote: 'Total', salesOrder: 'Total', invoice: 'Amount due' },
  ja: { quote: 'お見積金額', salesOrder: 'ご注文金額', invoice: 'ご請求金額' },
};

const DATE_LABELS: Record<Locale, Record<DocumentKind, string>> = {
  en: { quote: 'Valid until', salesOrder: 'Date', invoice: 'Due date' },
  ja: { quote: '有効期限', salesOrder: '日付', invoice: 'お支払期限' },
};

function localeOf(locale: string): Locale {
  return locale === 'ja' ? 'ja' : 'en';
}

/**
 * The default subject in the organization's locale.
 * @example defaultSubject(facts, 'en') // "Invoice INV-000042 from Acme"
 * @example defaultSubject(facts, 'ja') // "請求書 INV-000042（Acme）"
 */
export function defaultSubject(facts: DocumentMailFacts, locale: string): string {
  const lang = localeOf(locale);
  const title = `${TITLES[lang][facts.kind]} ${facts.number}`;
  return lang === 'ja'
    ? `${title}（${facts.organizationName}）`
    : `${title} from ${facts.organizationName}`;
}

/** The default plain-text body: a greeting, the amount and date, and a signature. */
export function defaultBody(facts: DocumentMailFacts, locale: string): string {
  const lang = localeOf(locale);
  const title = `${TITLES[lang][facts.kind]} ${facts.number}`;
  const summary = [
    `${AMOUNT_LABELS[lang][facts.kind]}: ${formatMoney(facts.amount, facts.currency, lang)}`,
    ...(facts.date ? [`${DATE_LABELS[lang][facts.kind]}: ${formatDate(facts.date, lang)}`] : []),
  ].join('\n');
  if (lang === 'ja') {
    return [
      `${facts.customerName} 様`,
      `いつもお世話になっております。${facts.organizationName}です。\n${title}をお送りします。添付の PDF をご確認ください。`,
      summary,
      `よろしくお願いいたします。\n${facts.organizationName}`,
    ].join('\n\n');
  }
  const article = facts.kind === 'invoice' ? 'an' : 'a';
  return [
    `Dear ${facts.customerName},`,
    `Please find attached ${article} ${title.charAt(0).toLowerCase()}${title.slice(1)}.`,
    summary,
    `Kind regards,\n${facts.organizationName}`,
  ].join('\n\n');
}

/** A calendar date as words: "December 20, 2026" / "2026年12月20日". */
function formatDate(date: string, lang: Locale): string {
  const format = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${date}T00:00:00Z`));
}
