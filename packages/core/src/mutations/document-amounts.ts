import { MAX_MONEY_BIGINT, MAX_MONEY_TEXT } from '../money/bounds';
import { convertMinor } from '../receivables';
import type { TotalsInput } from '../totals';
import { computeExactTotals, lineAmount } from '../totals';
import type { FieldError } from './errors';

const LIMIT = `${MAX_MONEY_TEXT} minor units`;

/** The reasons, constant so a client can say them in its own words. */
export const MONEY_BOUND_MESSAGES = {
  line: `Line amount (quantity × rate) must be at most ${LIMIT}`,
  total: `Document total (lines and tax) must be at most ${LIMIT}`,
  converted: `The total converted into the base currency at this exchange rate must be at most ${LIMIT}`,
} as const;

/**
 * The money bound (MAX_MONEY) applied to what a document derives from its
 * fields: each line amount (quantity × rate), the subtotal and total, and the
 * total converted into the base currency at the document's exchange rate.
 * Each field is within the bound on its own (the schemas see to it); their
 * products and sums are checked here, exactly, in BigInt.
 *
 * Tax is taken rounded up (the largest any organization's rounding mode
 * gives), so the document stays within the bound whatever the setting.
 *
 * @example documentAmountIssues({ lines, currency: 'EUR', exchangeRate: '10000000' }, 'JPY')
 */
export function documentAmountIssues(
  doc: TotalsInput & { currency: string; exchangeRate?: string | undefined },
  baseCurrency: string,
): FieldError[] {
  const issues: FieldError[] = [];
  doc.lines.forEach((line, index) => {
    if (lineAmount(line) > MAX_MONEY_BIGINT) {
      issues.push({
        path: `lines.${index}.rate`,
        code: 'INVALID',
        message: MONEY_BOUND_MESSAGES.line,
      });
    }
  });
  if (issues.length > 0) return issues;
  const totals = computeExactTotals(doc, { roundingMode: 'up' });
  if (totals.subtotal > MAX_MONEY_BIGINT || totals.total > MAX_MONEY_BIGINT) {
    return [{ path: 'lines', code: 'INVALID', message: MONEY_BOUND_MESSAGES.total }];
  }
  const rate = doc.currency === baseCurrency ? undefined : doc.exchangeRate;
  if (rate === undefined) return [];
  const converted = convertMinor({
    amount: totals.total,
    from: doc.currency,
    to: baseCurrency,
    rate,
  });
  if (converted > MAX_MONEY_BIGINT) {
    return [{ path: 'exchangeRate', code: 'INVALID', message: MONEY_BOUND_MESSAGES.converted }];
  }
  return [];
}
