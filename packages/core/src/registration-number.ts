/**
 * Japan's qualified-invoice registration number (適格請求書発行事業者登録番号):
 * `T` followed by the 13-digit corporate number (法人番号). The corporate
 * number's first digit is a check digit over the other twelve (財務省令第七十号
 * 第二条): 9 − (Σ Pn × Qn mod 9), where Pn is the n-th base digit counted from
 * the last one and Qn is 1 for odd n, 2 for even n. So it is always 1–9.
 */

export type RegistrationNumberIssue = 'FORMAT' | 'CHECK_DIGIT';

const FORMAT = /^T[1-9]\d{12}$/;

/**
 * The check digit for a 12-digit base number, or undefined if it is not 12 digits.
 * @example corporateNumberCheckDigit('123456789012') // 7
 */
export function corporateNumberCheckDigit(base: string): number | undefined {
  if (!/^\d{12}$/.test(base)) return undefined;
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * What is wrong with a registration number, or undefined when it is valid:
 * `FORMAT` (not `T` + 13 digits) or `CHECK_DIGIT` (a mistyped digit).
 * @example registrationNumberIssue('T7123456789012') // undefined
 */
export function registrationNumberIssue(text: string): RegistrationNumberIssue | undefined {
  if (!FORMAT.test(text)) return 'FORMAT';
  const check = Number(text[1]);
  return corporateNumberCheckDigit(text.slice(2)) === check ? undefined : 'CHECK_DIGIT';
}

export function isRegistrationNumber(text: string): boolean {
  return registrationNumberIssue(text) === undefined;
}

/**
 * What a person typed, in the stored form: full-width characters made
 * half-width, spaces and hyphens dropped, a lower-case `t` raised
 * ("ｔ７１２３-４５６７-８９０１２" → "T7123456789012"). It does not validate.
 */
export function normalizeRegistrationNumber(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\-‐‑–—―ー]/g, '')
    .replace(/^t/, 'T');
}
