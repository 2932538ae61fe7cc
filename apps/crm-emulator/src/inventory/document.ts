import { defaultOrg } from '../org-routes';
import type { Store } from '../store';
import { checkTaxes, presentTax, taxMinor } from './line-taxes';
import { computeLine, type LineInput } from './lines';
import { decimalsOf, fromMinor, toMinor } from './money';
import { accept, invalid, missing, refuse, type Checked } from './refusals';

/** Each inventory module's line-item subform. */
const lineItemFields: Readonly<Record<string, string>> = {
  Quotes: 'Quoted_Items',
  Sales_Orders: 'Ordered_Items',
  Invoices: 'Invoiced_Items',
};

/** The line-item subform of an inventory module (`Quoted_Items`, …), else undefined. */
export const lineItemsField = (module: string): string | undefined => lineItemFields[module];

/** Fields Zoho computes from the lines; what a client sends for them is ignored. */
export const computedFields = ['Sub_Total', 'Tax', 'Grand_Total'] as const;

export interface DocumentWrite {
  store: Store;
  module: string;
  /** The fields this write sends (computed ones already dropped). */
  patch: Record<string, unknown>;
  previous?: Record<string, unknown>;
  index: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const storedLines = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isObject) : [];

/**
 * The lines after this write: stored lines are kept unless named; a sent line with the `id`
 * of a stored one updates it (with `_delete` removes it); a line without `id` is added.
 */
function mergeLines(w: DocumentWrite, items: string): Checked<LineInput[]> {
  const stored = storedLines(w.previous?.[items]);
  const path = `$.data[${w.index}].${items}`;
  const lines: LineInput[] = stored.map((line, j) => ({
    raw: {},
    previous: line,
    path: `${path}[${j}]`,
  }));
  const sent = w.patch[items];
  if (!(items in w.patch)) return accept(lines);
  if (!Array.isArray(sent)) return refuse(invalid({ api_name: items, json_path: path }));
  for (const [j, raw] of sent.entries()) {
    const place = { api_name: items, json_path: `${path}[${j}]` };
    if (!isObject(raw)) return refuse(invalid(place, { expected_data_type: 'jsonobject' }));
    if (raw.id === undefined || raw.id === null) {
      lines.push({ raw, path: place.json_path });
      continue;
    }
    const k = lines.findIndex((line) => line.previous?.id === String(raw.id));
    const target = lines[k];
    if (!target) {
      const id = { api_name: 'id', json_path: `${place.json_path}.id`, parent_api_name: items };
      return refuse(invalid(id));
    }
    if ('_delete' in raw) lines.splice(k, 1);
    else lines[k] = { raw, previous: target.previous, path: place.json_path };
  }
  return accept(lines);
}

function recordAmount(value: unknown, decimals: number): number {
  return typeof value === 'number' ? toMinor(value, decimals) : 0;
}

/**
 * An inventory record as Zoho stores it: its lines checked and computed, each with an id,
 * and Sub_Total (the lines' Net_Totals), Tax (the record's `$line_tax` on Sub_Total less the
 * record's Discount) and Grand_Total (Sub_Total − Discount + Tax + Adjustment).
 */
export function completeDocument(w: DocumentWrite): Checked<Record<string, unknown>> {
  const items = lineItemsField(w.module);
  const data = { ...w.previous, ...w.patch };
  if (!items) return accept(data);
  const currency = typeof data.Currency === 'string' ? data.Currency : defaultOrg.isoCode;
  const decimals = decimalsOf(currency);
  const merged = mergeLines(w, items);
  if (!merged.ok) return merged;
  if (merged.value.length === 0) {
    return refuse(missing({ api_name: items, json_path: `$.data[${w.index}].${items}` }));
  }
  const lines: Record<string, unknown>[] = [];
  let subMinor = 0;
  for (const [j, input] of merged.value.entries()) {
    const id = typeof input.previous?.id === 'string' ? input.previous.id : w.store.nextId();
    const args = { store: w.store, items, decimals, input, id, sequence: j + 1 };
    const line = computeLine(args);
    if (!line.ok) return line;
    lines.push(line.value.line);
    subMinor += line.value.netMinor;
  }
  const place = { api_name: '$line_tax', json_path: `$.data[${w.index}].$line_tax` };
  const taxes = checkTaxes(data.$line_tax, place);
  if (!taxes.ok) return taxes;
  const discount = recordAmount(data.Discount, decimals);
  const adjustment = recordAmount(data.Adjustment, decimals);
  const tax = taxMinor(taxes.value, subMinor - discount);
  const money = (minor: number) => fromMinor(minor, decimals);
  return accept({
    ...data,
    [items]: lines,
    $line_tax: taxes.value.map((t) => presentTax(t, subMinor - discount, decimals)),
    Sub_Total: money(subMinor),
    Discount: money(discount),
    Tax: money(tax),
    Adjustment: money(adjustment),
    Grand_Total: money(subMinor - discount + tax + adjustment),
  });
}
