/**
 * Folds text for matching: NFKC turns full-width letters and digits into their
 * half-width forms (ＡＢＣ１ → ABC1) and half-width katakana into full-width,
 * so what the user types matches however the record was entered.
 *
 * @example foldForSearch('Ｓａｋｕｒａ') // "sakura"
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * True when every space-separated word of `query` occurs in one of `fields`.
 * Empty and missing fields are ignored; an empty query matches everything.
 */
export function matchesQuery({
  query,
  fields,
}: {
  query: string;
  fields: readonly (string | undefined)[];
}): boolean {
  return queryMatcher(query)?.(fields) ?? true;
}

/**
 * `matchesQuery` with the query folded once, for filtering many records;
 * `undefined` for an empty query, which every record matches (a list of
 * thousands then skips building each record's fields).
 */
export function queryMatcher(
  query: string,
): ((fields: readonly (string | undefined)[]) => boolean) | undefined {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return (fields) => {
    const haystack = fields
      .filter((field): field is string => Boolean(field))
      .map(foldForSearch)
      .join('\n');
    return words.every((word) => haystack.includes(word));
  };
}

const collators = new Map<string, Intl.Collator>();

/** The one collator of `locale` every sort by name shares (making one is slow). */
export function textCollator(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale)));
  return collator;
}

/**
 * Sorts `rows` in place by `text` as `a.localeCompare(b, locale)` would, with
 * one collator for the whole sort: the same order, many times faster on a
 * list of thousands.
 */
export function sortByText<T>(rows: T[], text: (row: T) => string, locale: string): T[] {
  const { compare } = textCollator(locale);
  return rows.sort((a, b) => compare(text(a), text(b)));
}
