/**
 * The `aria-describedby` of a field: its hint and its error, by the ids the
 * field components give them (`<id>-hint`, `<id>-error`); undefined when it has neither.
 */
export function describedBy(
  id: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
