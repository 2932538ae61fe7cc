import { addDays } from './dates';
import { currencyExponent } from './money/currencies';
import type { RoundingMode } from './money/decimal';
import { divRound, parseDecimal, pow10 } from './money/decimal';
import type { Invoice } from './schemas/documents';
import type { Payment } from './schemas/payment';
import { computeExactTotals } from './totals';

/** "Due in the next N days" counts invoices due from today through today + N. */
export const RECEIVABLES_DUE_DAYS = 30;
/** "Paid in the last N months" counts payments dated after today − N months, up to today. */
export const RECEIVABLES_PAID_MONTHS = 12;

/**
 * Minor units as a decimal integer string ("1234", "18014398509481984"). A sum
 * over many invoices can pass Number.MAX_SAFE_INTEGER even though every
 * invoice is within MAX_MONEY, so the sums are BigInt and travel as text —
 * exact in JSON, on the server and on the device (`BigInt(text)` to compute,
 * `formatMoney(BigInt(text), …)` to show).
 */
export type MinorUnitsText = string;

/** The four figures, in minor units of one currency, with how many invoices (or payments) make each. */
export interface ReceivablesFigures {
  /** Balance of open (issued or partially paid) invoices. */
  outstanding: MinorUnitsText;
  /** Open balance past its due date (`isOverdue`'s rule). */
  overdue: MinorUnitsText;
  /** Open balance due from today through today + 30 days. */
  dueIn30Days: MinorUnitsText;
  /** Payments dated in the last 12 months, up to today. */
  paidLast12Months: MinorUnitsText;
  counts: {
    outstanding: number;
    overdue: number;
    dueIn30Days: number;
    /** Payments, not invoices. */
    paidLast12Months: number;
  };
}

/** An invoice that has something to report but no rate to the base currency. */
export interface UnconvertedInvoice {
  invoiceId: string;
  number: string | null;
  currency: string;
}

export interface ReceivablesSummary {
  baseCurrency: string;
  today: string;
  /** Last due date counted in `dueIn30Days`, and first payment date counted in `paidLast12Months`. */
  window: { dueUntil: string; paidFrom: string };
  /** Everything converted to the base currency (invoices in `unconverted` left out). */
  base: ReceivablesFigures;
  /** The same figures per invoice currency, unconverted; base currency first, then A–Z. */
  byCurrency: (ReceivablesFigures & { currency: string })[];
  /**
   * Foreign-currency invoices without an exchange rate. They are in `byCurrency`
   * but NOT in `base`: counting them 1:1 would silently misstate the total.
   */
  unconverted: UnconvertedInvoice[];
}

export interface ReceivablesInput {
  /** The organization's base currency. */
  baseCurrency: string;
  /** 'YYYY-MM-DD' in the organization's time zone. */
  today: string;
  /** The organization's tax rounding mode, so balances match what invoices show. */
  roundingMode: RoundingMode;
  /** One customer's invoices (drafts and voids are passed over here). */
  invoices: readonly Invoice[];
  /** Payments of those invoices; a payment of another invoice is ignored. */
  payments: readonly Payment[];
}

/** What one invoice adds, in its own currency (bigint: sums stay exact). */
interface InvoiceShare {
  invoice: Invoice;
  balance: bigint;
  overdue: boolean;
  dueSoon: boolean;
  paid: bigint;
  payments: number;
}

/**
 * A customer's receivables: outstanding, overdue, due in the next 30
 * days and paid in the last 12 months, in the base currency and per invoice
 * currency.
 *
 * Conversion: an invoice's `exchangeRate` is the value of one unit of its
 * currency in the base currency. Each invoice's balance (and its payments in
 * the window, summed first) is converted exactly with bigint and rounded ONCE
 * per invoice, half-up, to the base currency's minor unit; the base figures
 * are sums of those rounded amounts, so overdue + due in 30 days never exceed
 * outstanding. An invoice already in the base currency is never converted.
 *
 * @example
 * receivablesSummary({ baseCurrency: 'JPY', today: '2026-11-20', roundingMode: 'halfUp',
 *   invoices, payments }).base.outstanding // e.g. 125000 (yen)
 */
export function receivablesSummary(input: ReceivablesInput): ReceivablesSummary {
  const dueUntil = addDays(input.today, RECEIVABLES_DUE_DAYS);
  const paidFrom = addDays(monthsBefore(input.today, RECEIVABLES_PAID_MONTHS), 1);
  const paidByInvoice = paymentsInWindow(input.payments, paidFrom, input.today);
  const shares = input.invoices.map((invoice) =>
    invoiceShare(invoice, input, dueUntil, paidByInvoice.get(invoice.id) ?? []),
  );
  const base = emptyTally();
  const perCurrency = new Map<string, Tally>();
  const unconverted: UnconvertedInvoice[] = [];
  for (const share of shares) {
    if (share.balance === 0n && share.payments === 0) continue;
    const { currency } = share.invoice;
    const own = perCurrency.get(currency) ?? emptyTally();
    perCurrency.set(currency, own);
    addShare(own, share, (amount) => amount);
    const rate = currency === input.baseCurrency ? '1' : share.invoice.exchangeRate;
    if (rate === undefined) {
      unconverted.push({ invoiceId: share.invoice.id, number: share.invoice.number, currency });
      continue;
    }
    addShare(base, share, (amount) =>
      convertMinor({ amount, from: currency, to: input.baseCurrency, rate }),
    );
  }
  return {
    baseCurrency: input.baseCurrency,
    today: input.today,
    window: { dueUntil, paidFrom },
    base: toFigures(base),
    byCurrency: [...perCurrency.entries()]
      .sort(([a], [b]) => currencyOrder(a, b, input.baseCurrency))
      .map(([currency, tally]) => ({ currency, ...toFigures(tally) })),
    unconverted,
  };
}

function paymentsInWindow(
  payments: readonly Payment[],
  from: string,
  to: string,
): Map<string, Payment[]> {
  const byInvoice = new Map<string, Payment[]>();
  for (const payment of payments) {
    if (payment.date < from || payment.date > to) continue;
    const list = byInvoice.get(payment.invoiceId) ?? [];
    list.push(payment);
    byInvoice.set(payment.invoiceId, list);
  }
  return byInvoice;
}

function invoiceShare(
  invoice: Invoice,
  input: ReceivablesInput,
  dueUntil: string,
  paidInWindow: readonly Payment[],
): InvoiceShare {
  const open = invoice.status === 'issued' || invoice.status === 'partially_paid';
  // Exact at any size: a summary must never fail on an invoice a write once let through.
  const { total } = computeExactTotals(invoice, { roundingMode: input.roundingMode });
  const balance = total - BigInt(invoice.amountPaid);
  // A credit (balance below zero) is not a receivable.
  const owed = open && balance > 0n ? balance : 0n;
  const due = invoice.dueDate;
  return {
    invoice,
    balance: owed,
    overdue: owed > 0n && due !== undefined && due < input.today,
    dueSoon: owed > 0n && due !== undefined && due >= input.today && due <= dueUntil,
    paid: paidInWindow.reduce((sum, payment) => sum + BigInt(payment.amount), 0n),
    payments: paidInWindow.length,
  };
}

interface Tally {
  outstanding: bigint;
  overdue: bigint;
  dueIn30Days: bigint;
  paidLast12Months: bigint;
  counts: ReceivablesFigures['counts'];
}

function emptyTally(): Tally {
  return {
    outstanding: 0n,
    overdue: 0n,
    dueIn30Days: 0n,
    paidLast12Months: 0n,
    counts: { outstanding: 0, overdue: 0, dueIn30Days: 0, paidLast12Months: 0 },
  };
}

/** Adds one invoice; `convert` runs once per figure of the invoice (one rounding each). */
function addShare(tally: Tally, share: InvoiceShare, convert: (amount: bigint) => bigint): void {
  if (share.balance > 0n) {
    const balance = convert(share.balance);
    tally.outstanding += balance;
    tally.counts.outstanding += 1;
    if (share.overdue) {
      tally.overdue += balance;
      tally.counts.overdue += 1;
    }
    if (share.dueSoon) {
      tally.dueIn30Days += balance;
      tally.counts.dueIn30Days += 1;
    }
  }
  if (share.payments > 0) {
    tally.paidLast12Months += convert(share.paid);
    tally.counts.paidLast12Months += share.payments;
  }
}

function toFigures(tally: Tally): ReceivablesFigures {
  return {
    outstanding: tally.outstanding.toString(),
    overdue: tally.overdue.toString(),
    dueIn30Days: tally.dueIn30Days.toString(),
    paidLast12Months: tally.paidLast12Months.toString(),
    counts: { ...tally.counts },
  };
}

/**
 * Minor units of `from` to minor units of `to` at `rate` (one `from` unit in
 * `to` units), exact until the single half-up rounding:
 * amount × rate × 10^exp(to) / 10^exp(from).
 * @example convertMinor({ amount: 12345n, from: 'USD', to: 'JPY', rate: '150' }) // 18518n
 */
export function convertMinor({
  amount,
  from,
  to,
  rate,
}: {
  amount: bigint;
  from: string;
  to: string;
  rate: string;
}): bigint {
  const r = parseDecimal(rate);
  const numerator = amount * r.units * pow10(currencyExponent(to));
  const denominator = pow10(r.scale + currencyExponent(from));
  return divRound(numerator, denominator, 'halfUp');
}

/** The same day `months` months earlier; a day the month lacks becomes its last (Feb 29 → Feb 28). */
function monthsBefore(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, last), 2)}`;
}

function currencyOrder(a: string, b: string, baseCurrency: string): number {
  if (a === baseCurrency) return -1;
  if (b === baseCurrency) return 1;
  return a.localeCompare(b);
}
