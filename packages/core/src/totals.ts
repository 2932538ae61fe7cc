import { allocate } from './money/allocate';
import type { RoundingMode } from './money/decimal';
import { divRound, normalizeDecimal, parseDecimal, pow10, toSafeNumber } from './money/decimal';
import type { DocumentDiscount } from './schemas/documents';
import type { InvoiceStatus } from './states';

/** What totals need from a quote, sales order or invoice. */
export interface TotalsInput {
  lines: readonly {
    id: string;
    quantity: string;
    rate: number;
    discountPercent?: string | undefined;
    taxRate?: string | undefined;
  }[];
  discount?: DocumentDiscount | undefined;
  taxInclusive?: boolean | undefined;
}

export interface TaxBreakdownEntry {
  /** Normalized percentage: "10", "8", "0" (untaxed lines). */
  rate: string;
  /** Net of tax for this rate, after the document discount. */
  taxable: number;
  tax: number;
}

export interface Totals {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  taxInclusive: boolean;
  lines: { id: string; amount: number }[];
  taxBreakdown: TaxBreakdownEntry[];
}

export interface TotalsOptions {
  /** The organization's rounding mode for tax (halfUp unless configured). */
  roundingMode: RoundingMode;
}

/**
 * One line's amount in minor units: quantity × rate × (1 − discount/100),
 * computed exactly and rounded ONCE, half-up, to the minor unit. Lines are
 * rounded before summing (Invoice Ninja's rule) so the printed line amounts
 * always add up to the subtotal.
 */
export function lineAmount(line: TotalsInput['lines'][number]): bigint {
  const quantity = parseDecimal(line.quantity);
  const discount = parseDecimal(line.discountPercent ?? '0');
  const hundred = 100n * pow10(discount.scale);
  const numerator = quantity.units * BigInt(line.rate) * (hundred - discount.units);
  const denominator = pow10(quantity.scale) * hundred;
  return divRound(numerator, denominator, 'halfUp');
}

/**
 * Document totals, following Japan's qualified-invoice rule (適格請求書):
 *
 * 1. Each line amount is rounded once, half-up (see `lineAmount`); subtotal = their sum.
 * 2. The document discount — a percentage of the subtotal (rounded once, half-up)
 *    or a fixed amount (capped at the subtotal so totals never go negative) — is
 *    split across tax rates in proportion to each rate's line sum, largest
 *    remainder, so the parts add up to the discount exactly.
 * 3. Tax is computed PER DOCUMENT, PER TAX RATE on that rate's discounted sum and
 *    rounded ONCE per rate with the organization's rounding mode (税率ごとに1回の
 *    端数処理). Never per line: per-line rounding drifts by up to half a minor
 *    unit per line.
 *    - exclusive: tax = round(net × r / 100); total = subtotal − discount + tax.
 *    - inclusive: line amounts include tax; tax = round(gross × r / (100 + r));
 *      total = subtotal − discount, and tax is reported as included.
 * Lines without a tax rate are grouped as rate "0".
 *
 * @example computeTotals({ lines: [{ id: 'a', quantity: '3', rate: 1000, taxRate: '10' }] },
 *   { roundingMode: 'halfUp' }) // total 3300, tax 300
 */
export function computeTotals(doc: TotalsInput, options: TotalsOptions): Totals {
  const exact = computeExactTotals(doc, options);
  return {
    subtotal: toSafeNumber(exact.subtotal),
    discount: toSafeNumber(exact.discount),
    tax: toSafeNumber(exact.tax),
    total: toSafeNumber(exact.total),
    taxInclusive: exact.taxInclusive,
    lines: exact.lines.map((line) => ({ id: line.id, amount: toSafeNumber(line.amount) })),
    taxBreakdown: exact.taxBreakdown.map((entry) => ({
      rate: entry.rate,
      taxable: toSafeNumber(entry.taxable),
      tax: toSafeNumber(entry.tax),
    })),
  };
}

/** `Totals` in BigInt: exact at any size (the bound checks and sums over many documents). */
export interface ExactTotals {
  subtotal: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
  taxInclusive: boolean;
  lines: { id: string; amount: bigint }[];
  taxBreakdown: { rate: string; taxable: bigint; tax: bigint }[];
}

/** The same rules as `computeTotals`, without converting to numbers (never throws on size). */
export function computeExactTotals(doc: TotalsInput, options: TotalsOptions): ExactTotals {
  const lines = doc.lines.map((line) => ({ id: line.id, amount: lineAmount(line) }));
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0n);
  const groups = groupByRate(doc.lines, lines);
  const discount = documentDiscount(doc.discount, subtotal);
  const shares = allocate(
    discount,
    groups.map((group) => group.sum),
  );
  const taxInclusive = doc.taxInclusive ?? false;
  const taxBreakdown = groups.map((group, index) => {
    const base = group.sum - (shares[index] ?? 0n);
    const tax = rateTax(base, group.rate, taxInclusive, options.roundingMode);
    return { rate: group.rate, taxable: taxInclusive ? base - tax : base, tax };
  });
  const tax = taxBreakdown.reduce((sum, entry) => sum + entry.tax, 0n);
  const total = taxInclusive ? subtotal - discount : subtotal - discount + tax;
  return { subtotal, discount, tax, total, taxInclusive, lines, taxBreakdown };
}

/** Rate groups ordered by rate, highest first (10% before 8%, as Japanese invoices print). */
function groupByRate(
  lines: TotalsInput['lines'],
  amounts: { amount: bigint }[],
): { rate: string; sum: bigint }[] {
  const sums = new Map<string, bigint>();
  lines.forEach((line, index) => {
    const rate = normalizeDecimal(line.taxRate ?? '0');
    sums.set(rate, (sums.get(rate) ?? 0n) + (amounts[index]?.amount ?? 0n));
  });
  return [...sums.entries()]
    .map(([rate, sum]) => ({ rate, sum }))
    .sort((a, b) => compareRates(b.rate, a.rate));
}

function compareRates(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const left = x.units * pow10(4 - x.scale);
  const right = y.units * pow10(4 - y.scale);
  return left === right ? 0 : left < right ? -1 : 1;
}

function documentDiscount(discount: DocumentDiscount | undefined, subtotal: bigint): bigint {
  if (discount === undefined) return 0n;
  if (discount.type === 'amount') {
    const amount = BigInt(discount.value);
    return amount > subtotal ? subtotal : amount;
  }
  const percent = parseDecimal(discount.value);
  return divRound(subtotal * percent.units, 100n * pow10(percent.scale), 'halfUp');
}

function rateTax(base: bigint, rate: string, inclusive: boolean, mode: RoundingMode): bigint {
  const r = parseDecimal(rate);
  const hundred = 100n * pow10(r.scale);
  const denominator = inclusive ? hundred + r.units : hundred;
  return divRound(base * r.units, denominator, mode);
}

export interface InvoiceTotals extends Totals {
  paid: number;
  balance: number;
}

/** Totals plus what has been paid (`amountPaid`, kept by the payment mutations) and the balance. */
export function invoiceTotals(
  invoice: TotalsInput & { amountPaid: number },
  options: TotalsOptions,
): InvoiceTotals {
  const totals = computeTotals(invoice, options);
  return { ...totals, paid: invoice.amountPaid, balance: totals.total - invoice.amountPaid };
}

/**
 * Derived, never stored: an invoice is overdue when it is still open
 * (issued or partially paid), its due date is before `today` (YYYY-MM-DD in
 * the organization's time zone) and something is left to pay.
 */
export function isOverdue(
  invoice: { status: InvoiceStatus; dueDate?: string | undefined },
  today: string,
  totals: { balance: number },
): boolean {
  const open = invoice.status === 'issued' || invoice.status === 'partially_paid';
  return open && invoice.dueDate !== undefined && invoice.dueDate < today && totals.balance > 0;
}
