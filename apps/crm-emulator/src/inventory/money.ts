/** The decimals a currency's amounts carry (JPY 0, USD 2, …); Zoho rounds to them. */
export function decimalsOf(currency: string): number {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Rounds half up, after shedding binary noise (10.499999999 from 10.5 stays 11). */
const roundHalfUp = (x: number) => Math.round(Number(x.toFixed(9)));

/** A wire amount (a float, as Zoho's JSON has it) in integer minor units of `decimals`. */
export function toMinor(amount: number, decimals: number): number {
  // Scaling through the decimal text keeps 1.005 at 100.5 cents (1.005 * 100 is 100.4999…).
  const scaled = Number(`${amount}e${decimals}`);
  return roundHalfUp(Number.isFinite(scaled) ? scaled : amount * 10 ** decimals);
}

/** Integer minor units back to the wire's float. */
export const fromMinor = (minor: number, decimals: number) => minor / 10 ** decimals;

/** `rate` percent of `baseMinor`, rounded to a whole minor unit. */
export const percentOf = (baseMinor: number, rate: number) => roundHalfUp((baseMinor * rate) / 100);

/** `quantity` times a unit price, rounded to a whole minor unit. */
export const times = (unitMinor: number, quantity: number) => roundHalfUp(unitMinor * quantity);
