import { checkEmail } from '$lib/form-errors';
import { t } from '$lib/i18n/locale.svelte';

/** Structural equality of JSON-like values (what record fields hold). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * A patch body: each field whose value differs, with `null` for one that was
 * set and is now empty. Unchanged fields stay out, so concurrent edits of
 * other fields are not overwritten (the server merges per field).
 *
 * @example changedFields({ before: { a: 1, b: 'x' }, after: { a: 2 } }) // { a: 2, b: null }
 */
export function changedFields({
  before,
  after,
}: {
  before: object;
  after: object;
}): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (!sameValue(old[key], now[key])) patch[key] = now[key] ?? null;
  }
  return patch;
}

export function checkEmailIfAny(value: string): string | undefined {
  return value.trim() ? checkEmail(value) : undefined;
}

/** An optional whole number in [min, max]; full-width digits are accepted. */
export function checkWholeNumber({
  text,
  min,
  max,
}: {
  text: string;
  min: number;
  max: number;
}): string | undefined {
  const value = text.normalize('NFKC').trim();
  if (!value) return undefined;
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max
    ? undefined
    : t('records.validation.wholeNumber', { min, max });
}
