import { currencyExponent, type PanelContext } from '@kanjo/core';
import { parseAmount, parsePercent, parseQuantity } from '$lib/documents/line-draft';
import { formatMajorUnits } from '$lib/forms/money-input';
import type { PanelDocumentInput, PanelLineInput } from './panel-api';
import type { Problem } from '$lib/documents/line-draft';

export type PanelItem = PanelContext['items'][number];

/** One line as typed in the panel's small form: numbers stay text until sent. */
export interface PanelLineDraft {
  itemId: string;
  name: string;
  quantity: string;
  /** Major units of the organization's base currency. */
  rate: string;
  taxRate: string;
  /** Read from an edited document and sent back as they were: the panel does not edit them. */
  kept?: Pick<PanelLineInput, 'id' | 'description' | 'discountPercent'>;
}

export interface PanelDocumentDraft {
  lines: PanelLineDraft[];
  notes: string;
}

export function emptyPanelLine(): PanelLineDraft {
  return { itemId: '', name: '', quantity: '1', rate: '', taxRate: '' };
}

/** Picking an item fills its name, rate and tax rate; the quantity stays. */
export function lineWithItem({
  line,
  item,
  currency,
}: {
  line: PanelLineDraft;
  item: PanelItem | undefined;
  currency: string;
}): PanelLineDraft {
  if (!item) return { ...line, itemId: '' };
  // Another item: the line keeps its id, not the old item's description or discount.
  const { kept, ...typed } = line;
  return {
    ...typed,
    ...(kept?.id ? { kept: { id: kept.id } } : {}),
    itemId: item.id,
    name: item.name,
    rate: formatMajorUnits({ minor: item.rate, exponent: currencyExponent(currency) }),
    taxRate: item.taxRate ?? line.taxRate,
  };
}

/** Per line, the problems by field ('name', 'quantity', 'rate', 'taxRate'). */
export type LineProblems = Partial<Record<'name' | 'quantity' | 'rate' | 'taxRate', Problem>>[];

/**
 * The typed lines as the API takes them, or every problem (none when all parse).
 * @example parsePanelLines({ lines: [emptyPanelLine()], currency: 'JPY' }).ok // false: no name, no rate
 */
export function parsePanelLines({
  lines: drafts,
  currency,
}: {
  lines: PanelLineDraft[];
  currency: string;
}): { ok: true; lines: PanelLineInput[] } | { ok: false; problems: LineProblems } {
  const exponent = currencyExponent(currency);
  const lines: PanelLineInput[] = [];
  const problems: LineProblems = drafts.map((line) => {
    const found: LineProblems[number] = {};
    const name = line.name.trim();
    if (!name) found.name = { key: 'validation.required' };
    const quantity = parseQuantity(line.quantity);
    if (!quantity.ok) found.quantity = quantity.problem;
    const rate = parseAmount({ text: line.rate, currency, exponent });
    if (!rate.ok) found.rate = rate.problem;
    const tax = parsePercent(line.taxRate);
    if (!tax.ok) found.taxRate = tax.problem;
    if (name && quantity.ok && rate.ok && tax.ok) {
      lines.push({
        ...line.kept,
        ...(line.itemId ? { itemId: line.itemId } : {}),
        name,
        quantity: quantity.value,
        rate: rate.value,
        ...(tax.value !== undefined ? { taxRate: tax.value } : {}),
      });
    }
    return found;
  });
  if (problems.some((p) => Object.keys(p).length > 0)) return { ok: false, problems };
  return { ok: true, lines };
}

/**
 * The typed form as the body of `POST /api/panel/documents/:kind`, or its
 * problems. On a deal's page the deal is linked without asking.
 * @example parsePanelDocument({ draft, currency: 'JPY', dealId: null })
 */
export function parsePanelDocument({
  draft,
  currency,
  dealId,
}: {
  draft: PanelDocumentDraft;
  currency: string;
  dealId: string | null;
}): { ok: true; value: PanelDocumentInput } | { ok: false; problems: LineProblems } {
  const parsed = parsePanelLines({ lines: draft.lines, currency });
  if (!parsed.ok) return parsed;
  const lines = parsed.lines;
  const notes = draft.notes.trim();
  return {
    ok: true,
    value: { lines, ...(dealId ? { dealId } : {}), ...(notes ? { notes } : {}) },
  };
}
