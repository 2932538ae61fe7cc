import { fromMinor, percentOf } from './money';
import { accept, invalid, refuse, type Checked, type Place } from './refusals';
import { orgTaxes, type OrgTax } from './taxes';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The org tax an entry `{ name, percentage? }` (or `{ id }`) names, at the org's own rate. */
function orgTaxOf(entry: unknown): OrgTax | undefined {
  if (!isObject(entry)) return undefined;
  const tax = orgTaxes.find((t) =>
    entry.name === undefined ? t.id === String(entry.id) : t.name === entry.name,
  );
  const rate = entry.percentage;
  // The org does not let records change a tax's rate (see taxPreference).
  if (tax && rate !== undefined && rate !== null && rate !== tax.value) return undefined;
  return tax;
}

/**
 * The taxes a line's `Line_Tax` or a record's `$line_tax` names; each must be one of the
 * org's taxes (`GET /org/taxes`), else `INVALID_DATA` at that entry.
 */
export function checkTaxes(value: unknown, place: Place): Checked<OrgTax[]> {
  if (value === undefined || value === null) return accept([]);
  if (!Array.isArray(value)) return refuse(invalid(place, { expected_data_type: 'jsonarray' }));
  const taxes: OrgTax[] = [];
  for (const [j, entry] of value.entries()) {
    const tax = orgTaxOf(entry);
    if (!tax) return refuse(invalid({ ...place, json_path: `${place.json_path}[${j}]` }));
    if (!taxes.includes(tax)) taxes.push(tax);
  }
  return accept(taxes);
}

/** One applied tax as Zoho answers it: its rate and the amount it comes to on `baseMinor`. */
export function presentTax(tax: OrgTax, baseMinor: number, decimals: number) {
  return {
    id: tax.id,
    name: tax.name,
    display_name: `${tax.name} (${tax.value.toFixed(1)} %)`,
    percentage: tax.value,
    value: fromMinor(percentOf(baseMinor, tax.value), decimals),
  };
}

/** The taxes on `baseMinor`, each rounded on its own to a whole minor unit. */
export const taxMinor = (taxes: readonly OrgTax[], baseMinor: number) =>
  taxes.reduce((sum, tax) => sum + percentOf(baseMinor, tax.value), 0);
