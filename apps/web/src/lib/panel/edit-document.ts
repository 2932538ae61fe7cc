import { currencyExponent, isCurrencyCode, type PanelDocumentKind } from '@kanjo/core';
import type { Problem } from '$lib/documents/line-draft';
import { formatMajorUnits } from '$lib/forms/money-input';
import { parsePanelLines, type LineProblems, type PanelLineDraft } from './new-document';
import type { PanelDetailLine, PanelDocumentDetail, PanelEditInput } from './panel-api';

/** The panel's edit form as typed: dates and numbers stay text until sent. */
export interface PanelEditDraft {
  issueDate: string;
  /** An invoice's due date or a quote's expiry date; '' for none. */
  endDate: string;
  /** '' for no deal. */
  dealId: string;
  notes: string;
  lines: PanelLineDraft[];
}

export interface EditProblems {
  issueDate?: Problem;
  endDate?: Problem;
  lines: LineProblems;
}

/** Which date a kind has after its issue date, as the API names it. */
export function endDateOf(kind: PanelDocumentKind): 'dueDate' | 'expiryDate' | undefined {
  if (kind === 'invoice') return 'dueDate';
  if (kind === 'quote') return 'expiryDate';
  return undefined;
}

function lineDraft(line: PanelDetailLine, exponent: number): PanelLineDraft {
  return {
    itemId: line.itemId ?? '',
    name: line.name,
    quantity: line.quantity,
    rate: line.rate === null ? '' : formatMajorUnits({ minor: line.rate, exponent }),
    taxRate: line.taxRate ?? '',
    kept: {
      ...(line.id ? { id: line.id } : {}),
      ...(line.description ? { description: line.description } : {}),
      ...(line.discountPercent ? { discountPercent: line.discountPercent } : {}),
    },
  };
}

/**
 * The form of a document as read.
 * @example editDraftOf(detail).lines[0]?.rate // '500.00' for 50000 minor units of USD
 */
export function editDraftOf(detail: PanelDocumentDetail): PanelEditDraft {
  const exponent = isCurrencyCode(detail.currency) ? currencyExponent(detail.currency) : 0;
  return {
    issueDate: detail.issueDate ?? '',
    endDate: detail.dueDate ?? '',
    dealId: detail.dealId ?? '',
    notes: detail.notes ?? '',
    lines: detail.lines.map((line) => lineDraft(line, exponent)),
  };
}

/**
 * The form as the body of `PATCH /api/panel/documents/:kind/:id`, or its
 * problems. On a deal's page the deal is not sent: the document keeps it.
 * @example parsePanelEdit({ kind: 'quote', draft, currency: 'JPY', version: 12, dealPage: false })
 */
export function parsePanelEdit({
  kind,
  draft,
  currency,
  version,
  dealPage,
}: {
  kind: PanelDocumentKind;
  draft: PanelEditDraft;
  currency: string;
  version: number | null;
  dealPage: boolean;
}): { ok: true; value: PanelEditInput } | { ok: false; problems: EditProblems } {
  const problems: EditProblems = { lines: [] };
  if (!draft.issueDate) problems.issueDate = { key: 'validation.required' };
  const endField = endDateOf(kind);
  if (endField && draft.endDate && draft.issueDate && draft.endDate < draft.issueDate) {
    problems.endDate = { key: 'doc.invalid.dateOrder' };
  }
  const lines = parsePanelLines({ lines: draft.lines, currency });
  if (!lines.ok) problems.lines = lines.problems;
  if (!lines.ok || problems.issueDate || problems.endDate) return { ok: false, problems };
  const notes = draft.notes.trim();
  return {
    ok: true,
    value: {
      ...(version !== null ? { baseVersion: version } : {}),
      issueDate: draft.issueDate,
      ...(endField ? { [endField]: draft.endDate || null } : {}),
      lines: lines.lines,
      notes: notes || null,
      ...(dealPage ? {} : { dealId: draft.dealId || null }),
    },
  };
}
