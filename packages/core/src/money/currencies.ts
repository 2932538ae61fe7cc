import * as v from 'valibot';

/**
 * ISO 4217 minor-unit exponents: how many decimal digits the currency's minor
 * unit has (JPY 0 → amounts are whole yen; BHD 3 → amounts are fils).
 * Money is stored as integer minor units, so this table is the only place that
 * knows where the decimal point goes.
 */
export const CURRENCY_EXPONENTS = {
  AED: 2,
  ARS: 2,
  AUD: 2,
  BDT: 2,
  BGN: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KES: 2,
  KRW: 0,
  KWD: 3,
  LKR: 2,
  LYD: 3,
  MAD: 2,
  MXN: 2,
  MYR: 2,
  NGN: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PEN: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  PYG: 0,
  QAR: 2,
  RON: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  UGX: 0,
  USD: 2,
  VND: 0,
  XAF: 0,
  XOF: 0,
  ZAR: 2,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

/** True when `code` is one of the supported ISO 4217 codes (upper case). */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

/**
 * Number of decimal digits of the currency's minor unit.
 * @example currencyExponent('JPY') // 0
 */
export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new RangeError(`Unknown currency: ${code}`);
  return CURRENCY_EXPONENTS[code];
}

export const currencyCodeSchema = v.pipe(
  v.string(),
  v.check(isCurrencyCode, 'Unknown ISO 4217 currency code'),
);
