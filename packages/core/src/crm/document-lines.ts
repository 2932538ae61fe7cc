import { allocate } from '../money/allocate';
import { currencyExponent } from '../money/currencies';
import { type RoundingMode, normalizeDecimal, parseDecimal, pow10 } from '../money/decimal';
import { minorToDecimalString } from '../money/format';
import type { DocumentLine } from '../schemas/documents';
import { computeExactTotals, lineAmount, type TotalsInput } from '../totals';
import type { CrmDocumentModule } from './document-mapper';

/**
 * A document's lines as the line items of Zoho's inventory modules. Zoho
 * prices a line as Quantity × List_Price − Discount (an amount), taxes each
 * line on what is left and sums the lines into Sub_Total, Tax and
 * Grand_Total itself. Kanjo's own totals (line discounts, a document
 * discount split across tax rates, tax once per rate, prices that may
 * include tax) are carried by each line's Discount: the line's net — what
 * Zoho taxes — is Kanjo's taxable amount of its rate, split over the rate's
 * lines in proportion to their amounts. Zoho's Grand_Total then equals
 * Kanjo's total unless Zoho's per-line tax rounding adds up differently.
 */

/** The line-item subform of each inventory module. */
export const DOCUMENT_LINE_FIELDS = {
  Quotes: 'Quoted_Items',
  Sales_Orders: 'Ordered_Items',
  Invoices: 'Invoiced_Items',
} as const satisfies Record<CrmDocumentModule, string>;

/** A tax of the CRM org: its name and its rate as normalized decimal text ("10", "8"). */
export interface CrmTax {
  name: string;
  percentage: string;
}

/** One line item as Kanjo sends it; amounts are exact decimal text in the document's currency. */
export interface CrmDocumentLine {
  product: string;
  quantity: string;
  listPrice: string;
  discount: string;
  description: string;
  tax: CrmTax | null;
}

export type DocumentLinesResult =
  | { ok: true; lines: CrmDocumentLine[] }
  /** Rates (normalized, e.g. "8") no tax of the CRM org has. */
  | { ok: false; missingRates: string[] };

type LineInput = Pick<
  DocumentLine,
  'id' | 'itemId' | 'name' | 'description' | 'quantity' | 'rate' | 'discountPercent' | 'taxRate'
>;

export interface DocumentLinesInput extends TotalsInput {
  currency: string;
  lines: readonly LineInput[];
}

/** Zoho's line Description holds at most this many characters. */
export const CRM_LINE_DESCRIPTION_MAX = 2000;

/**
 * The CRM tax of a rate: the org's tax whose percentage equals it exactly.
 * @example crmTaxFor('8', [{ name: 'Reduced', percentage: '8' }]) // { name: 'Reduced', percentage: '8' }
 */
export function crmTaxFor(rate: string, taxes: readonly CrmTax[]): CrmTax | undefined {
  const wanted = normalizeDecimal(rate);
  return taxes.find((tax) => normalizeDecimal(tax.percentage) === wanted);
}

const isTaxed = (rate: string | undefined): rate is string =>
  rate !== undefined && parseDecimal(rate).units !== 0n;

/**
 * Each line's net in minor units — what Zoho taxes: the taxable amount of its
 * rate (after the document discount, net of included tax) split over the
 * rate's lines in proportion to their amounts.
 */
export function documentLineNets(
  document: TotalsInput,
  roundingMode: RoundingMode,
): Map<string, bigint> {
  const totals = computeExactTotals(document, { roundingMode });
  const nets = new Map<string, bigint>();
  for (const entry of totals.taxBreakdown) {
    const lines = document.lines.filter(
      (line) => normalizeDecimal(line.taxRate ?? '0') === entry.rate,
    );
    const parts = allocate(
      entry.taxable,
      lines.map((line) => lineAmount(line)),
    );
    lines.forEach((line, index) => nets.set(line.id, parts[index] ?? 0n));
  }
  return nets;
}

/**
 * The line items of a document, or the rates the CRM org has no tax for.
 * `productFor` names the Products record of a line (by its Kanjo item).
 *
 * @example
 * documentCrmLines(invoice, { roundingMode: 'halfUp', taxes, productFor: () => '5001' })
 * // { ok: true, lines: [{ product: '5001', quantity: '3', listPrice: '1000', discount: '0', … }] }
 */
export function documentCrmLines(
  document: DocumentLinesInput,
  options: {
    roundingMode: RoundingMode;
    taxes: readonly CrmTax[];
    productFor: (line: LineInput) => string;
  },
): DocumentLinesResult {
  const rates = [
    ...new Set(document.lines.flatMap((l) => (isTaxed(l.taxRate) ? [l.taxRate] : []))),
  ];
  const missingRates = rates
    .filter((rate) => !crmTaxFor(rate, options.taxes))
    .map((rate) => normalizeDecimal(rate));
  if (missingRates.length > 0) return { ok: false, missingRates: [...new Set(missingRates)] };
  const exponent = currencyExponent(document.currency);
  const nets = documentLineNets(document, options.roundingMode);
  const lines = document.lines.map((line): CrmDocumentLine => {
    const quantity = parseDecimal(line.quantity);
    // Quantity × List_Price − Discount = net, exactly, at the quantity's scale.
    const gross = quantity.units * BigInt(line.rate);
    const net = (nets.get(line.id) ?? 0n) * pow10(quantity.scale);
    const discount = gross > net ? gross - net : 0n;
    return {
      product: options.productFor(line),
      quantity: normalizeDecimal(line.quantity),
      listPrice: normalizeDecimal(minorToDecimalString(line.rate, exponent)),
      discount: normalizeDecimal(minorToDecimalString(discount, exponent + quantity.scale)),
      description: lineDescription(line),
      tax: isTaxed(line.taxRate) ? (crmTaxFor(line.taxRate, options.taxes) ?? null) : null,
    };
  });
  return { ok: true, lines };
}

/** The line's own name (and its description below it): the CRM line says what Kanjo's says. */
function lineDescription(line: LineInput): string {
  const text = line.description ? `${line.name}\n${line.description}` : line.name;
  return text.slice(0, CRM_LINE_DESCRIPTION_MAX);
}

/**
 * Line items as Zoho's write body. Zoho keeps the lines an update does not
 * mention, so replacing them names each old line's id with `_delete`.
 * @example crmLineItemsBody(lines, ['900']) // [{ Product_Name: { id: '5001' }, …}, { id: '900', _delete: null }]
 */
export function crmLineItemsBody(
  lines: readonly CrmDocumentLine[],
  deleteIds: readonly string[] = [],
): Record<string, unknown>[] {
  return [
    ...lines.map((line) => ({
      Product_Name: { id: line.product },
      Quantity: Number(line.quantity),
      List_Price: Number(line.listPrice),
      Discount: Number(line.discount),
      Description: line.description,
      Line_Tax: line.tax ? [{ name: line.tax.name, percentage: Number(line.tax.percentage) }] : [],
    })),
    ...deleteIds.map((id) => ({ id, _delete: null })),
  ];
}
