/**
 * How a form's draft differs from where it started, with no UI in it (so
 * plain unit tests can import it).
 */

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
 * A form's draft moved onto a newer copy of its record: each field the person
 * changed since the form started keeps their value; every other field takes
 * the newer copy's. What they typed is never lost, and what arrived meanwhile
 * shows.
 *
 * @example rebaseDraft({ start: { a: '1', b: 'x' }, current: { a: '2', b: 'x' }, fresh: { a: '1', b: 'y' } }) // { a: '2', b: 'y' }
 */
export function rebaseDraft<T extends object>({
  start,
  current,
  fresh,
}: {
  start: T;
  current: T;
  fresh: T;
}): T {
  const rebased = { ...fresh } as Record<string, unknown>;
  const before = start as Record<string, unknown>;
  const now = current as Record<string, unknown>;
  for (const key of Object.keys(now)) {
    if (!sameValue(before[key], now[key])) rebased[key] = now[key];
  }
  return rebased as T;
}

/** Drops keys whose value is undefined: a create body carries only what was given. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
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
