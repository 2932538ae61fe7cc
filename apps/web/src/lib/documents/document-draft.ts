import type { DocumentDiscount, DocumentLine, MutationArgs, TotalsInput } from '@kanjo/core';
import { currencyExponent, isCurrencyCode } from '@kanjo/core';
import { formatMajorUnits } from '$lib/forms/money-input';
import type { AnyDocument, DocumentKind } from './kinds';
import type { LineDraft, Problem } from './line-draft';
import { lineToDraft, parseAmount, parseLine, parsePercent } from './line-draft';

/** The editor's state: what the user typed, before it becomes a mutation body. */
export interface DocumentDraft {
  customerId: string;
  currency: string;
  issueDate: string;
  /** Invoice due date or quote expiry date; '' when none. */
  endDate: string;
  referenceNumber: string;
  lines: LineDraft[];
  discountType: 'none' | 'percent' | 'amount';
  discountValue: string;
  taxInclusive: boolean;
  notes: string;
  terms: string;
  /** The CRM deal's id; '' for no deal. */
  dealId: string;
}

/** The create args of any kind: the sales order's, with the invoice's due date and the quote's expiry. */
type AnyCreateArgs = MutationArgs<'salesOrder.create'> &
  Pick<MutationArgs<'invoice.create'>, 'dueDate'> &
  Pick<MutationArgs<'quote.create'>, 'expiryDate'>;

/**
 * The fields shared by the create and patch bodies of the three kinds, as the
 * editor always fills them: lines with their ids, the deal `null` for none (a
 * patch sends it to dissociate).
 */
export type DocumentBody = Required<
  Pick<AnyCreateArgs, 'customerId' | 'currency' | 'issueDate' | 'taxInclusive' | 'dealId'>
> &
  Pick<
    AnyCreateArgs,
    'dueDate' | 'expiryDate' | 'referenceNumber' | 'discount' | 'notes' | 'terms'
  > & { lines: DocumentLine[] };

/** Field path (as core reports it: 'lines.0.quantity') → problem. */
export type DraftProblems = Record<string, Problem>;

export function exponentOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 0;
}

/** Which date field a kind has after the issue date. */
export function endDateField(kind: DocumentKind): 'dueDate' | 'expiryDate' | undefined {
  if (kind === 'invoice') return 'dueDate';
  if (kind === 'quote') return 'expiryDate';
  return undefined;
}

export function draftFromDocument(doc: AnyDocument): DocumentDraft {
  const exponent = exponentOf(doc.currency);
  const end = 'dueDate' in doc ? doc.dueDate : 'expiryDate' in doc ? doc.expiryDate : undefined;
  return {
    customerId: doc.customerId,
    currency: doc.currency,
    issueDate: doc.issueDate,
    endDate: end ?? '',
    referenceNumber: doc.referenceNumber ?? '',
    lines: doc.lines.map((line) => lineToDraft(line, exponent)),
    discountType: doc.discount?.type ?? 'none',
    discountValue:
      doc.discount === undefined
        ? ''
        : doc.discount.type === 'percent'
          ? doc.discount.value
          : formatMajorUnits({ minor: doc.discount.value, exponent }),
    taxInclusive: doc.taxInclusive ?? false,
    notes: doc.notes ?? '',
    terms: doc.terms ?? '',
    dealId: doc.dealId ?? '',
  };
}

function parseDiscount(
  draft: DocumentDraft,
  exponent: number,
): { ok: true; value: DocumentDiscount | undefined } | { ok: false; problem: Problem } {
  if (draft.discountType === 'none' || draft.discountValue.trim() === '') {
    return { ok: true, value: undefined };
  }
  if (draft.discountType === 'percent') {
    const percent = parsePercent(draft.discountValue);
    if (!percent.ok) return percent;
    return {
      ok: true,
      value: percent.value === undefined ? undefined : { type: 'percent', value: percent.value },
    };
  }
  const amount = parseAmount({ text: draft.discountValue, currency: draft.currency, exponent });
  if (!amount.ok) return amount;
  return { ok: true, value: { type: 'amount', value: amount.value } };
}

/**
 * The mutation body of a draft, or every problem by field path. Dates are
 * checked here only for presence and order; core checks them again.
 */
export function parseDraft(
  kind: DocumentKind,
  draft: DocumentDraft,
): { ok: true; body: DocumentBody } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {};
  if (!draft.customerId) problems.customerId = { key: 'doc.invalid.customer' };
  if (!draft.issueDate) problems.issueDate = { key: 'validation.required' };
  const endField = endDateField(kind);
  if (endField && draft.endDate && draft.issueDate && draft.endDate < draft.issueDate) {
    problems[endField] = { key: 'doc.invalid.dateOrder' };
  }
  const exponent = exponentOf(draft.currency);
  const lines: DocumentLine[] = [];
  draft.lines.forEach((line, index) => {
    const parsed = parseLine({ line, currency: draft.currency, exponent });
    if (parsed.ok) lines.push(parsed.value);
    else {
      for (const [field, problem] of Object.entries(parsed.problems)) {
        problems[`lines.${index}.${field}`] = problem;
      }
    }
  });
  const discount = parseDiscount(draft, exponent);
  if (!discount.ok) problems.discount = discount.problem;
  if (!discount.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  const text = (value: string) => value.trim() || undefined;
  return {
    ok: true,
    body: {
      customerId: draft.customerId,
      currency: draft.currency,
      issueDate: draft.issueDate,
      ...(endField ? { [endField]: draft.endDate || undefined } : {}),
      referenceNumber: text(draft.referenceNumber),
      lines,
      discount: discount.value,
      taxInclusive: draft.taxInclusive,
      notes: text(draft.notes),
      terms: text(draft.terms),
      dealId: draft.dealId || null,
    },
  };
}

/**
 * What the totals can be computed from while typing: the lines that parse so
 * far (a half-typed line counts as nothing yet) and the discount if it parses.
 */
export function liveTotalsInput(draft: DocumentDraft): TotalsInput {
  const exponent = exponentOf(draft.currency);
  const lines = draft.lines.flatMap((line) => {
    const parsed = parseLine({
      line: { ...line, name: line.name || '-' },
      currency: draft.currency,
      exponent,
    });
    return parsed.ok ? [parsed.value] : [];
  });
  const discount = parseDiscount(draft, exponent);
  return {
    lines,
    discount: discount.ok ? discount.value : undefined,
    taxInclusive: draft.taxInclusive,
  };
}
