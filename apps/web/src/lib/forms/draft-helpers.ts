import { checkEmail } from './form-errors';
import { t } from '$lib/i18n/locale.svelte';

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
