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
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields
    .filter((field): field is string => Boolean(field))
    .map(foldForSearch)
    .join('\n');
  return words.every((word) => haystack.includes(word));
}
