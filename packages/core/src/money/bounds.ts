/**
 * The one bound on money, in minor units: 10^15 (ten trillion dollars in
 * cents, a thousand trillion yen). Every amount a write accepts — an item or
 * line rate, a line amount (quantity × rate), a document's subtotal, discount,
 * tax and total, a payment, and a total converted into the base currency at
 * the document's exchange rate — is at most this.
 *
 * Why 10^15: it is below Number.MAX_SAFE_INTEGER (≈ 9.007 × 10^15) with room
 * to spare, so every figure of ONE document, and every amount derived from it
 * (its balance, amountPaid + a payment, tax at up to 100 %), is an exact
 * JavaScript number on the device and the server. Sums over MANY documents
 * (a customer's receivables) can still pass 2^53: those are summed in BigInt
 * and reported as decimal strings (see `receivablesSummary`).
 */
export const MAX_MONEY = 1_000_000_000_000_000;

export const MAX_MONEY_BIGINT = BigInt(MAX_MONEY);

/** The bound as people read it in an error message. */
export const MAX_MONEY_TEXT = '10^15';

/** True when `amount` (minor units) is within ±MAX_MONEY. */
export function withinMoneyBound(amount: bigint): boolean {
  return amount <= MAX_MONEY_BIGINT && amount >= -MAX_MONEY_BIGINT;
}
