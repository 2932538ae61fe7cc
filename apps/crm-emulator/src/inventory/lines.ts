import type { Store } from '../store';
import { checkTaxes, presentTax, taxMinor } from './line-taxes';
import { fromMinor, percentOf, times, toMinor } from './money';
import { accept, invalid, missing, refuse, type Checked, type Place } from './refusals';
import type { OrgTax } from './taxes';

/** One line of a write: what the client sent, the stored line it updates, where it sits. */
export interface LineInput {
  raw: Record<string, unknown>;
  previous?: Record<string, unknown>;
  /** e.g. `$.data[0].Quoted_Items[1]`. */
  path: string;
}

export interface LineArgs {
  store: Store;
  /** The subform's api name, e.g. `Quoted_Items`. */
  items: string;
  decimals: number;
  input: LineInput;
  id: string;
  sequence: number;
}

/** A computed line and its Net_Total in minor units, which the record's Sub_Total sums. */
export interface ComputedLine {
  line: Record<string, unknown>;
  netMinor: number;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value a line has after this write: what was sent, else what was stored. */
const valueOf = (input: LineInput, field: string) =>
  field in input.raw ? input.raw[field] : input.previous?.[field];

function product(args: LineArgs, place: Place): Checked<{ id: string; name: unknown }> {
  const { raw, previous } = args.input;
  // A kept line keeps its product, even one deleted since; only a product sent is looked up.
  if (!('Product_Name' in raw) && isObject(previous?.Product_Name)) {
    const stored = previous.Product_Name;
    return accept({ id: String(stored.id), name: stored.name });
  }
  const value = raw.Product_Name;
  if (isBlank(value)) return refuse(missing(place));
  const id = String(isObject(value) ? value.id : value);
  const found = args.store.get('Products', id);
  if (!found) return refuse(invalid(place, { expected_data_type: 'lookup' }));
  return accept({ id: found.id, name: found.data.Product_Name ?? null });
}

function amount(value: unknown, place: Place, mandatory: boolean): Checked<number | undefined> {
  if (isBlank(value)) return mandatory ? refuse(missing(place)) : accept(undefined);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return refuse(invalid(place, { expected_data_type: 'double' }));
  }
  return accept(value);
}

/** A line's discount: an amount (`500`, `'500'`) or a percentage of its total (`'10%'`). */
function discountMinor(value: unknown, totalMinor: number, decimals: number, place: Place) {
  if (isBlank(value)) return accept(0);
  const text = typeof value === 'string' ? value.trim() : undefined;
  const percent = text?.endsWith('%') ? Number(text.slice(0, -1)) : undefined;
  const minor =
    percent !== undefined
      ? percentOf(totalMinor, percent)
      : toMinor(typeof value === 'number' ? value : Number(text ?? NaN), decimals);
  if (!Number.isFinite(minor) || minor < 0 || minor > totalMinor) {
    return refuse<number>(invalid(place, { expected_data_type: 'double' }));
  }
  return accept(minor);
}

/**
 * Checks one line and computes Zoho's line fields: Total = List_Price × Quantity,
 * Total_After_Discount, Tax (each tax of the line rounded on its own), Net_Total.
 */
export function computeLine(args: LineArgs): Checked<ComputedLine> {
  const { input, items, decimals } = args;
  const at = (field: string): Place => ({
    api_name: field,
    json_path: `${input.path}.${field}`,
    parent_api_name: items,
  });
  const found = product(args, at('Product_Name'));
  if (!found.ok) return found;
  const quantity = amount(valueOf(input, 'Quantity'), at('Quantity'), true);
  if (!quantity.ok) return quantity;
  const price = amount(valueOf(input, 'List_Price'), at('List_Price'), false);
  if (!price.ok) return price;
  const productRecord = args.store.get('Products', found.value.id);
  const unitPrice = productRecord?.data.Unit_Price;
  const listPrice = price.value ?? (typeof unitPrice === 'number' ? unitPrice : 0);
  const totalMinor = times(toMinor(listPrice, decimals), quantity.value ?? 0);
  const discount = discountMinor(valueOf(input, 'Discount'), totalMinor, decimals, at('Discount'));
  if (!discount.ok) return discount;
  const taxes = checkTaxes(valueOf(input, 'Line_Tax'), at('Line_Tax'));
  if (!taxes.ok) return taxes;
  const amounts = { totalMinor, discountMinor: discount.value, listPrice, unitPrice };
  return accept(presentLine(args, found.value, quantity.value ?? 0, amounts, taxes.value));
}

/** A checked line with Zoho's computed fields, in the currency's minor units and decimals. */
function presentLine(
  args: LineArgs,
  product: { id: string; name: unknown },
  quantity: number,
  amounts: { totalMinor: number; discountMinor: number; listPrice: number; unitPrice: unknown },
  taxes: readonly OrgTax[],
): ComputedLine {
  const { decimals } = args;
  const afterMinor = amounts.totalMinor - amounts.discountMinor;
  const lineTaxMinor = taxMinor(taxes, afterMinor);
  const money = (minor: number) => fromMinor(minor, decimals);
  const description = valueOf(args.input, 'Description');
  const { listPrice, unitPrice } = amounts;
  return {
    netMinor: afterMinor + lineTaxMinor,
    line: {
      id: args.id,
      Product_Name: { id: product.id, name: product.name },
      Description: typeof description === 'string' ? description : null,
      Quantity: quantity,
      List_Price: listPrice,
      Unit_Price: typeof unitPrice === 'number' ? unitPrice : listPrice,
      Discount: money(amounts.discountMinor),
      Total: money(amounts.totalMinor),
      Total_After_Discount: money(afterMinor),
      Tax: money(lineTaxMinor),
      Net_Total: money(afterMinor + lineTaxMinor),
      Line_Tax: taxes.map((tax) => presentTax(tax, afterMinor, decimals)),
      Sequence_Number: args.sequence,
    },
  };
}
