import { hasCjk, type CrmCriteria } from '@kanjo/core';
import type { LookupModule } from './rules';

/**
 * Search conditions for "Search in CRM", built from what a person typed (the
 * provider spells them in its CRM's syntax). Pure, so the table of cases
 * lives in `criteria.test.ts`.
 */

/**
 * Trimmed, each run of spaces (the ideographic U+3000 too) made one ASCII space.
 * The text is otherwise kept as typed: the CRM holds what people typed, and
 * folding widths would lose `（東京）` written full-width.
 */
export function normalizeQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ');
}

export const condition = (
  field: string,
  op: 'starts_with' | 'equals',
  value: string,
): CrmCriteria => ({ field, op, value });
const all = (parts: CrmCriteria[]): CrmCriteria => ({ all: parts });
const any = (parts: CrmCriteria[]): CrmCriteria => {
  const [only] = parts;
  return parts.length === 1 && only ? only : { any: parts };
};

/** Family names are 1–3 characters in nearly every Japanese name. */
const MAX_FAMILY_NAME = 3;

/**
 * Ways to cut a name into (family, given) when typed without a space, family
 * first as CJK names are written: `佐藤花子` → 佐/藤花子, 佐藤/花子, 佐藤花/子.
 */
function cjkSplits(text: string): [string, string][] {
  const chars = Array.from(text);
  const cuts = Math.min(MAX_FAMILY_NAME, chars.length - 1);
  const splits: [string, string][] = [];
  for (let at = 1; at <= cuts; at += 1) {
    splits.push([chars.slice(0, at).join(''), chars.slice(at).join('')]);
  }
  return splits;
}

/**
 * Accounts: Account_Name starting with the text, or holding it (`equals` is
 * "contains" on Zoho text fields, so `アクメ` finds `株式会社アクメ`), as
 * typed or width-folded.
 * Contacts: First_Name or Last_Name starting with it; with a space, both
 * orders of "first last" (`Hanako Sato`, `佐藤 花子`); a CJK name typed
 * without a space, each family/given cut. At most 8 conditions (Zoho takes 10).
 *
 * @example searchCriteria('Accounts', 'Acme') // { any: [{ field: 'Account_Name', op: 'starts_with', value: 'Acme' }, { field: 'Account_Name', op: 'equals', value: 'Acme' }] }
 */
export function searchCriteria(module: LookupModule, q: string): CrmCriteria {
  const text = normalizeQuery(q);
  if (module === 'Accounts') {
    const folded = text.normalize('NFKC');
    return any([
      condition('Account_Name', 'starts_with', text),
      condition('Account_Name', 'equals', text),
      // Typed full-width (`Ａｃｍｅ`), stored half-width: found too.
      ...(folded === text ? [] : [condition('Account_Name', 'equals', folded)]),
    ]);
  }
  const parts = [
    condition('First_Name', 'starts_with', text),
    condition('Last_Name', 'starts_with', text),
  ];
  const space = text.indexOf(' ');
  const pairs: [string, string][] =
    space > 0
      ? [[text.slice(0, space), text.slice(space + 1)]]
      : hasCjk(text)
        ? cjkSplits(text)
        : [];
  for (const [a, b] of pairs) {
    if (space > 0) {
      parts.push(
        all([condition('First_Name', 'starts_with', a), condition('Last_Name', 'starts_with', b)]),
      );
    }
    parts.push(
      all([condition('Last_Name', 'starts_with', a), condition('First_Name', 'starts_with', b)]),
    );
  }
  return any(parts);
}
