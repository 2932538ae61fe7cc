import { PRINT_LABELS, type PrintLabels } from './document-print-labels';
import { normalizeDecimal } from './money/decimal';
import { formatMoney } from './money/format';
import type { Address } from './schemas/common';
import type { Customer } from './schemas/customer';
import type { Invoice, Quote, SalesOrder } from './schemas/documents';
import type { Organization } from './schemas/organization';
import type { DocumentKind } from './states';
import { computeTotals } from './totals';

export interface PrintRow {
  label: string;
  value: string;
}

export interface PrintParty {
  name: string;
  /** Address, then contact details, one printed line each. */
  lines: string[];
}

export interface PrintLine {
  name: string;
  description?: string;
  /** "値引 10%" when the line has a discount. */
  discount?: string;
  quantity: string;
  rate: string;
  /** "10%", or "" for an untaxed line. */
  taxRate: string;
  amount: string;
  /** Japan's reduced rate (8 %): printed with ※ and explained under the lines. */
  reducedRate: boolean;
}

/** One tax rate of the qualified-invoice breakdown: "10%対象 ¥20,000 消費税 ¥2,000". */
export interface PrintBreakdownRow {
  label: string;
  taxable: string;
  taxLabel: string;
  tax: string;
}

/** Everything a PDF (or any printout) of a document shows, as display text. */
export interface DocumentPrint {
  locale: 'en' | 'ja';
  title: string;
  number: string | null;
  /** Number, dates, reference. */
  facts: PrintRow[];
  seller: PrintParty & { registrationNumber?: PrintRow; logo?: string };
  buyer: PrintParty;
  headline: PrintRow;
  columns: { item: string; quantity: string; rate: string; taxRate: string; amount: string };
  lines: PrintLine[];
  reducedRateNote?: string;
  breakdown: PrintBreakdownRow[];
  totals: (PrintRow & { strong?: boolean })[];
  notes?: PrintRow;
  terms?: PrintRow;
}

export type PrintableDocument = Quote | SalesOrder | Invoice;

export interface DocumentPrintInput {
  kind: DocumentKind;
  document: PrintableDocument;
  customer: Customer;
  organization: Organization;
}

/** Japan's reduced consumption-tax rate (軽減税率), marked ※ on Japanese invoices. */
const REDUCED_RATE = '8';

/**
 * The print model of a quote, sales order or invoice: pure, in the
 * organization's language, money formatted in the document's currency.
 * Totals come from `computeTotals`, so the paper shows exactly the per-rate
 * rounding the app shows.
 *
 * @example buildDocumentPrint({ kind: 'invoice', document, customer, organization }).breakdown
 *   // [{ label: '10%対象', taxable: '￥20,000', taxLabel: '消費税', tax: '￥2,000' }, …]
 */
export function buildDocumentPrint(input: DocumentPrintInput): DocumentPrint {
  const { kind, document, organization } = input;
  const locale = organization.locale;
  const labels = PRINT_LABELS[locale];
  const money = (minor: number) => formatMoney(minor, document.currency, locale);
  const totals = computeTotals(document, { roundingMode: organization.roundingMode });
  const japan = organization.country === 'JP';
  const amounts = new Map(totals.lines.map((line) => [line.id, line.amount]));
  const lines = document.lines.map((line): PrintLine => {
    const rate = line.taxRate === undefined ? undefined : normalizeDecimal(line.taxRate);
    return {
      name: line.name,
      ...(line.description ? { description: line.description } : {}),
      ...(line.discountPercent && normalizeDecimal(line.discountPercent) !== '0'
        ? { discount: labels.lineDiscount(normalizeDecimal(line.discountPercent)) }
        : {}),
      quantity: line.quantity,
      rate: money(line.rate),
      taxRate: rate === undefined ? '' : `${rate}%`,
      amount: money(amounts.get(line.id) ?? 0),
      reducedRate: japan && rate === REDUCED_RATE,
    };
  });
  const balance = 'amountPaid' in document ? totals.total - document.amountPaid : totals.total;
  return {
    locale,
    title: documentTitle(kind, document.status, labels),
    number: document.number,
    facts: documentFacts(kind, document, labels, locale),
    seller: seller(organization, labels, locale),
    buyer: buyer(input.customer, labels, locale),
    headline: { label: labels.headline[kind], value: money(balance) },
    columns: {
      item: labels.item,
      quantity: labels.quantity,
      rate: labels.rate,
      taxRate: labels.taxRate,
      amount: labels.amount,
    },
    lines,
    ...(lines.some((line) => line.reducedRate) ? { reducedRateNote: labels.reducedRateNote } : {}),
    breakdown: totals.taxBreakdown.map((entry) => ({
      label: labels.taxable(entry.rate),
      taxable: money(entry.taxable),
      taxLabel: labels.rateTax,
      tax: money(entry.tax),
    })),
    totals: totalRows(totals, document, labels, money),
    ...(document.notes ? { notes: { label: labels.notes, value: document.notes } } : {}),
    ...(document.terms ? { terms: { label: labels.terms, value: document.terms } } : {}),
  };
}

function documentTitle(kind: DocumentKind, status: string, labels: PrintLabels): string {
  const name = labels.kind[kind];
  if (status !== 'draft' && status !== 'void') return name;
  return labels.withNote(name, status === 'draft' ? labels.draft : labels.void);
}

function documentFacts(
  kind: DocumentKind,
  document: PrintableDocument,
  labels: PrintLabels,
  locale: 'en' | 'ja',
): PrintRow[] {
  const facts: PrintRow[] = [];
  if (document.number) facts.push({ label: labels.number, value: document.number });
  facts.push({ label: labels.issueDate[kind], value: formatPrintDate(document.issueDate, locale) });
  if ('dueDate' in document && document.dueDate) {
    facts.push({ label: labels.dueDate, value: formatPrintDate(document.dueDate, locale) });
  }
  if ('expiryDate' in document && document.expiryDate) {
    facts.push({ label: labels.expiryDate, value: formatPrintDate(document.expiryDate, locale) });
  }
  if (document.referenceNumber) {
    facts.push({ label: labels.reference, value: document.referenceNumber });
  }
  return facts;
}

/** '2026-11-29' → "2026年11月29日" or "29 November 2026"; a calendar date, so no time zone. */
export function formatPrintDate(date: string, locale: 'en' | 'ja'): string {
  const format = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${date}T00:00:00Z`));
}

function seller(
  organization: Organization,
  labels: PrintLabels,
  locale: 'en' | 'ja',
): DocumentPrint['seller'] {
  const profile = organization.profile ?? {};
  const contact = [profile.phone, profile.email, profile.website].filter((text): text is string =>
    Boolean(text),
  );
  return {
    name: profile.legalName || organization.name,
    lines: [...addressLines(profile.address, locale), ...contact],
    ...(profile.registrationNumber
      ? {
          registrationNumber: {
            label: labels.registrationNumber,
            value: profile.registrationNumber,
          },
        }
      : {}),
    ...(profile.logo ? { logo: profile.logo } : {}),
  };
}

function buyer(customer: Customer, labels: PrintLabels, locale: 'en' | 'ja'): PrintParty {
  const name = customer.companyName || customer.displayName;
  const suffix = labels.addressee[customer.companyName ? 'business' : customer.kind];
  return {
    name: suffix ? `${name} ${suffix}` : name,
    lines: addressLines(customer.billingAddress, locale),
  };
}

/**
 * Japanese order: 〒 postal code, then prefecture, city and street on one
 * line; otherwise street, "city, state postal code", country.
 */
export function addressLines(address: Address | undefined, locale: 'en' | 'ja'): string[] {
  if (!address) return [];
  const { street, city, state, postalCode, country } = address;
  const streetLines = (street ?? '').split('\n').filter((line) => line.trim() !== '');
  if (locale === 'ja') {
    const place = [state, city, streetLines[0]].filter(Boolean).join('');
    return [
      ...(postalCode ? [`〒${postalCode}`] : []),
      ...(place ? [place] : []),
      ...streetLines.slice(1),
      ...(country && !/^(JP|Japan|日本)$/i.test(country) ? [country] : []),
    ];
  }
  const cityLine = [city, [state, postalCode].filter(Boolean).join(' ')].filter(Boolean);
  return [
    ...streetLines,
    ...(cityLine.length > 0 ? [cityLine.join(', ')] : []),
    ...(country ? [country] : []),
  ];
}

function totalRows(
  totals: ReturnType<typeof computeTotals>,
  document: PrintableDocument,
  labels: PrintLabels,
  money: (minor: number) => string,
): DocumentPrint['totals'] {
  const rows: DocumentPrint['totals'] = [{ label: labels.subtotal, value: money(totals.subtotal) }];
  if (totals.discount > 0) {
    rows.push({ label: labels.discount, value: money(-totals.discount) });
  }
  rows.push({
    label: totals.taxInclusive ? labels.taxIncluded : labels.tax,
    value: money(totals.tax),
  });
  rows.push({ label: labels.total, value: money(totals.total), strong: true });
  if ('amountPaid' in document && document.amountPaid > 0) {
    rows.push({ label: labels.paid, value: money(-document.amountPaid) });
    rows.push({
      label: labels.balance,
      value: money(totals.total - document.amountPaid),
      strong: true,
    });
  }
  return rows;
}
