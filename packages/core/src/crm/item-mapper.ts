import { currencyExponent } from '../money/currencies';
import { divRound, parseDecimal, pow10, toSafeNumber } from '../money/decimal';
import { minorToDecimalString } from '../money/format';
import type { Item, ItemPatch } from '../schemas/item';
import { ITEM_MAPPING } from './defaults';
import { normalizeSku } from './match';
import type { MergeResult } from './merge';
import type { CrmRecord, FieldValue, FlatFields } from './values';
import { normalizeValue, numberToDecimalString, valuesEqual } from './values';

/**
 * Items ↔ CRM Products by the fixed `ITEM_MAPPING`. Money crosses as text:
 * Kanjo's rate is integer minor units of the org's base currency, Zoho's
 * Unit_Price a decimal; the conversion goes through decimal strings and
 * BigInt, never through float arithmetic.
 */

export interface ItemNote {
  field: 'rate';
  code: 'PRICE_ROUNDED' | 'PRICE_INVALID';
  message: string;
}

export type PriceResult = { minor: number; note?: ItemNote } | { note: ItemNote };

/**
 * A CRM Unit_Price (JSON number or decimal text) as minor units of `currency`.
 * More decimals than the currency has are rounded half-up, with a note.
 * @example unitPriceToMinor(12.34, 'USD') // { minor: 1234 }
 */
export function unitPriceToMinor(value: unknown, currency: string): PriceResult {
  const text =
    typeof value === 'number' ? numberToDecimalString(value) : String(normalizeValue(value));
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) {
    return { note: priceNote('PRICE_INVALID', `Unit_Price ${String(value)} is not a price ≥ 0`) };
  }
  const exponent = currencyExponent(currency);
  const { units, scale } = parseDecimal(text);
  // Rounded once, here: the only place a CRM price loses digits.
  const minor =
    scale <= exponent
      ? units * pow10(exponent - scale)
      : divRound(units, pow10(scale - exponent), 'halfUp');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { note: priceNote('PRICE_INVALID', `Unit_Price ${text} is too large`) };
  }
  const safe = toSafeNumber(minor);
  if (scale <= exponent) return { minor: safe };
  const shown = minorToDecimalString(safe, exponent);
  const message = `Unit_Price ${text} has more than ${exponent} decimals for ${currency}: rounded to ${shown}`;
  return { minor: safe, note: priceNote('PRICE_ROUNDED', message) };
}

/**
 * Minor units as the CRM's decimal Unit_Price (a JSON number made from exact
 * decimal text).
 * @example minorToUnitPrice(1234, 'USD') // 12.34
 */
export function minorToUnitPrice(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currencyExponent(currency)));
}

type ItemLike = Partial<Pick<Item, 'name' | 'sku' | 'rate' | 'description' | 'unit' | 'active'>>;

/** Kanjo's side of an item merge, keyed by item paths (`name`, `rate`…). */
export function itemFields(item: ItemLike): FlatFields {
  const flat: FlatFields = {};
  for (const { kanjo } of ITEM_MAPPING) flat[kanjo] = normalizeValue(item[kanjo]);
  return flat;
}

/** Item-path values (all, or a merge's `toRemote`) as a Products write body. */
export function itemFieldsToCrm(flat: FlatFields, currency: string): Record<string, FieldValue> {
  const record: Record<string, FieldValue> = {};
  for (const { kanjo, crm, kind } of ITEM_MAPPING) {
    if (!Object.hasOwn(flat, kanjo)) continue;
    const value = normalizeValue(flat[kanjo]);
    record[crm] =
      kind === 'money' && typeof value === 'number' ? minorToUnitPrice(value, currency) : value;
  }
  return record;
}

/**
 * An item as a Products write body.
 * @example itemToCrm({ name: 'Pen', rate: 1500, active: true }, 'JPY') // { Product_Name: 'Pen', Unit_Price: 1500, … }
 */
export function itemToCrm(item: ItemLike, currency: string): Record<string, FieldValue> {
  return itemFieldsToCrm(itemFields(item), currency);
}

/**
 * The CRM's side of an item merge: a Product's values under item paths, and
 * notes on a rounded or unreadable Unit_Price (an unreadable one is null).
 */
export function crmToItem(
  record: CrmRecord,
  currency: string,
): { fields: FlatFields; notes: ItemNote[] } {
  const fields: FlatFields = {};
  const notes: ItemNote[] = [];
  for (const { kanjo, crm, kind } of ITEM_MAPPING) {
    const value = normalizeValue(record[crm]);
    if (kind !== 'money' || value === null) {
      fields[kanjo] = kind === 'boolean' && typeof value !== 'boolean' ? null : value;
      continue;
    }
    const price = unitPriceToMinor(value, currency);
    fields[kanjo] = 'minor' in price ? price.minor : null;
    if (price.note) notes.push(price.note);
  }
  return { fields, notes };
}

/**
 * An `itemPatchSchema`-shaped patch from item-path values. name, rate and
 * active are required in Kanjo: a null one is left out rather than cleared.
 */
export function applyItemFields(flat: FlatFields): ItemPatch {
  const patch: ItemPatch = {};
  const text = (key: string) => {
    const value = normalizeValue(flat[key]);
    return value === null ? null : String(value);
  };
  const name = text('name');
  if (name !== null) patch.name = name;
  const rate = normalizeValue(flat.rate);
  if (typeof rate === 'number') patch.rate = rate;
  if (typeof flat.active === 'boolean') patch.active = flat.active;
  for (const key of ['sku', 'description', 'unit'] as const) {
    if (Object.hasOwn(flat, key)) patch[key] = text(key);
  }
  return patch;
}

function priceNote(code: ItemNote['code'], message: string): ItemNote {
  return { field: 'rate', code, message };
}

/** A CRM product a Kanjo item about to be sent may duplicate. */
export interface ProductCandidate {
  id: string;
  name: string | null;
  sku: string | null;
  /** The Kanjo item whose link (linked, or kept apart) holds this product, if any. */
  heldBy: string | null;
}

/** Which CRM product a new Kanjo item duplicates, and why (`detail`, for the history). */
export type ProductDuplicate =
  | { kind: 'none' }
  | { kind: 'one'; id: string; sameName: boolean; detail: string }
  | { kind: 'taken'; id: string; heldBy: string; detail: string }
  | { kind: 'ambiguous'; ids: string[]; detail: string };

/**
 * A product name as the CRM's duplicate check compares it: width-folded,
 * trimmed, any case. @example productNameKey(' ＷＩＤＧＥＴ ') // 'widget'
 */
export function productNameKey(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const key = name.normalize('NFKC').trim().toLowerCase();
  return key === '' ? null : key;
}

/**
 * The CRM product a Kanjo item duplicates when Kanjo's items go to the CRM
 * first (both ways). The CRM keeps one product per name, so a product of the
 * same name always counts — and blocks the item (`taken`) when another Kanjo
 * item holds it; a free product of the same SKU counts too. Two candidates
 * are `ambiguous`: a person chooses, nothing is guessed.
 * @example productDuplicateOf({ name: 'Pen', sku: 'P-1' }, [{ id: '9', name: 'Ballpoint', sku: 'p-1', heldBy: null }])
 * // { kind: 'one', id: '9', sameName: false, detail: 'same SKU p-1' }
 */
export function productDuplicateOf(
  item: { name: string | null; sku: string | null },
  products: readonly ProductCandidate[],
): ProductDuplicate {
  const nameKey = productNameKey(item.name);
  const skuKey = item.sku === null ? '' : normalizeSku(item.sku);
  const sameName = products.filter((p) => nameKey !== null && productNameKey(p.name) === nameKey);
  const nameDetail = `same name ${nameKey ?? ''}`;
  const taken = sameName.find((p) => p.heldBy !== null);
  if (taken?.heldBy)
    return { kind: 'taken', id: taken.id, heldBy: taken.heldBy, detail: nameDetail };
  const sameSku = products.filter(
    (p) => p.heldBy === null && skuKey !== '' && p.sku !== null && normalizeSku(p.sku) === skuKey,
  );
  const ids = [...new Set([...sameSku, ...sameName].map((p) => p.id))];
  const skuDetail = `same SKU ${skuKey}`;
  const [id, ...others] = ids;
  if (id === undefined) return { kind: 'none' };
  if (others.length > 0) {
    const why = [sameSku.length > 0 ? skuDetail : '', sameName.length > 0 ? nameDetail : ''];
    return { kind: 'ambiguous', ids, detail: why.filter(Boolean).join(', ') };
  }
  const byName = sameName.some((p) => p.id === id);
  return { kind: 'one', id, sameName: byName, detail: sameSku.length > 0 ? skuDetail : nameDetail };
}

/**
 * The first merge of a Kanjo item sent onto the CRM product it duplicates
 * (both ways, duplicates rule "overwrite"; Kanjo's items go first): Kanjo's
 * value wins wherever it has one and goes to the CRM; where Kanjo has none,
 * the CRM's value comes into Kanjo. Fields both held differently are the
 * conflicts, resolved for Kanjo, so the history shows what was overwritten.
 */
export function itemOverwriteMerge(local: FlatFields, remote: FlatFields): MergeResult {
  const result: MergeResult = { merged: {}, toLocal: {}, toRemote: {}, conflicts: [] };
  for (const field of [...new Set([...Object.keys(local), ...Object.keys(remote)])].sort()) {
    const values = {
      base: null,
      local: normalizeValue(local[field]),
      remote: normalizeValue(remote[field]),
    };
    const value = values.local ?? values.remote;
    result.merged[field] = value;
    if (valuesEqual(values.local, values.remote)) continue;
    if (values.local === null) {
      result.toLocal[field] = value;
      continue;
    }
    result.toRemote[field] = value;
    if (values.remote !== null) result.conflicts.push({ field, ...values, resolution: 'local' });
  }
  return result;
}
