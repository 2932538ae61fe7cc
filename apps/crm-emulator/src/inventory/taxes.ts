import { metaId } from '../metadata';

/** One tax of the CRM org, as `GET /org/taxes` lists it; line taxes name it. */
export interface OrgTax {
  id: string;
  name: string;
  /** The rate in percent. */
  value: number;
}

/**
 * The taxes every emulator org has: Japan's consumption tax at the standard and the reduced
 * rate, so the demo's Japanese org can tax its documents as it would in Zoho.
 */
export const orgTaxes: readonly OrgTax[] = [
  { id: metaId(70001), name: 'Consumption Tax', value: 10 },
  { id: metaId(70002), name: 'Reduced Consumption Tax', value: 8 },
];

/**
 * Zoho's tax preference: the emulator's org lets no record change a tax's rate, so a line tax
 * is taken only at the org's own percentage (a wrong rate is refused, never silently applied).
 */
export const taxPreference = { auto_populate_tax: false, modify_tax_rates: false } as const;

export const taxByName = (name: unknown): OrgTax | undefined =>
  orgTaxes.find((tax) => tax.name === name);

/** `GET /crm/v8/org/taxes`: `{ org_taxes: { taxes, preference } }`. */
export function presentOrgTaxes() {
  return {
    org_taxes: {
      taxes: orgTaxes.map((tax, i) => ({
        id: tax.id,
        name: tax.name,
        display_label: `${tax.name} - ${tax.value.toFixed(1)} %`,
        value: tax.value,
        sequence_number: i + 1,
      })),
      preference: taxPreference,
    },
  };
}
