import type { EmulatorOrg } from './org-routes';

/** The id of the org's one currency, its base currency. */
export const BASE_CURRENCY_ID = '900000100';

/**
 * The org's base currency as `GET /org/currencies` answers it, with every field of
 * Zoho's currency, made and last changed by the admin: its `format` follows the ISO code (no decimals for JPY, KRW, ...).
 */
export function presentCurrency(org: EmulatorOrg, admin: { name: string; id: string }) {
  const by = { name: admin.name, id: admin.id };
  const noDecimals = ['JPY', 'KRW', 'VND', 'CLP', 'ISK'].includes(org.isoCode);
  return {
    id: BASE_CURRENCY_ID,
    name: org.isoCode,
    iso_code: org.isoCode,
    symbol: org.currencySymbol,
    prefix_symbol: true,
    exchange_rate: '1.000000000',
    is_base: true,
    is_active: true,
    format: {
      decimal_separator: 'Period',
      thousand_separator: 'Comma',
      decimal_places: noDecimals ? '0' : '2',
    },
    created_time: '2025-01-01T09:00:00+09:00',
    created_by: by,
    modified_time: '2025-01-01T09:00:00+09:00',
    modified_by: by,
  };
}
