/**
 * Duplicate matching (F5, F13, B3): normalised keys, an index of Kanjo
 * records, and a match that says why — or says "ambiguous" instead of guessing.
 */

/** Legal-form words of Japanese companies, stripped at the start or the end (after NFKC). */
const JAPANESE_DESIGNATORS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '一般財団法人',
  '(株)', // also ㈱ and （株）, which NFKC turns into this
  '(有)',
  '(同)',
];

/**
 * Western legal forms (after dots are dropped: L.L.C. → llc), stripped only
 * at the end: at the start they are usually part of the name ("AG Barr").
 */
const WESTERN_DESIGNATORS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'kk',
  'pvt',
  'pte',
  'sa',
  'sas',
  'bv',
]);

const CJK_CHAR =
  '[\\p{Script_Extensions=Han}\\p{Script_Extensions=Hiragana}\\p{Script_Extensions=Katakana}]';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_CHAR}) (?=${CJK_CHAR})`, 'gu');

/**
 * A company or person name as matching compares it: NFKC (full-width Latin →
 * half-width, half-width katakana → full-width), lower case, punctuation
 * `.,()・、。` dropped, whitespace collapsed (and dropped between Japanese
 * characters), legal forms removed — unless nothing would be left.
 * @example normalizeName('ｻｸﾗ商事 株式会社') // 'サクラ商事'
 * @example normalizeName('Acme, Inc.') // 'acme'
 */
export function normalizeName(name: string): string {
  let text = collapse(name.normalize('NFKC').toLowerCase());
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = stripJapanese(text);
    text = stripWestern(collapse(text.replace(/\./g, '').replace(/[,()・、。]/g, ' ')));
  }
  return text.replace(SPACE_BETWEEN_CJK, '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stripJapanese(text: string): string {
  for (const designator of JAPANESE_DESIGNATORS) {
    const rest = text.startsWith(designator)
      ? text.slice(designator.length)
      : text.endsWith(designator)
        ? text.slice(0, -designator.length)
        : text;
    if (rest !== text && rest.trim() !== '') return collapse(rest);
  }
  return text;
}

function stripWestern(text: string): string {
  const words = text.split(' ');
  while (words.length > 1 && WESTERN_DESIGNATORS.has(words.at(-1) ?? '')) words.pop();
  return words.join(' ');
}

/** @example normalizeEmail(' Taro@Example.JP ') // 'taro@example.jp' */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** Digits only, a leading + kept; full-width digits count. @example normalizePhone('+81 (3) 1234-5678') // '+81312345678' */
export function normalizePhone(phone: string): string {
  const text = phone.normalize('NFKC').trim();
  return `${text.startsWith('+') ? '+' : ''}${text.replace(/\D/g, '')}`;
}

/** SKUs compare trimmed and case-insensitively, width-folded. */
export function normalizeSku(sku: string): string {
  return sku.normalize('NFKC').trim().toLowerCase();
}

export type MatchReason = 'sku' | 'email' | 'name';

/** What a record offers for matching; absent keys are not used. */
export interface MatchKeys {
  name?: string | null;
  email?: string | null;
  sku?: string | null;
}

export interface MatchEntry extends MatchKeys {
  id: string;
}

export interface MatchIndex {
  readonly entries: ReadonlyMap<string, MatchEntry>;
  readonly byKey: Record<MatchReason, ReadonlyMap<string, readonly string[]>>;
}

export type MatchResult =
  | { id: string; reason: MatchReason; detail: string }
  | { ambiguous: string[]; reason: MatchReason; detail: string }
  | null;

const NORMALIZERS: Record<MatchReason, (text: string) => string> = {
  sku: normalizeSku,
  email: normalizeEmail,
  name: normalizeName,
};

/** Strongest evidence first: a SKU or an email names one record; a name may not. */
const PRIORITY: readonly MatchReason[] = ['sku', 'email', 'name'];

function keyOf(keys: MatchKeys, reason: MatchReason): string | null {
  const raw = keys[reason];
  if (raw === null || raw === undefined) return null;
  const key = NORMALIZERS[reason](raw);
  return key === '' ? null : key;
}

/**
 * An index of Kanjo records by normalised SKU, email and name. Pass what the
 * module matches on: customers as `{ id, name: displayName, email }` (for
 * Accounts leave email out: F5 matches Accounts by name), items as
 * `{ id, name, sku }`, contact persons as `{ id, name, email }`.
 */
export function buildMatchIndex(entries: readonly MatchEntry[]): MatchIndex {
  const byKey = { sku: new Map(), email: new Map(), name: new Map() } satisfies Record<
    MatchReason,
    Map<string, string[]>
  >;
  for (const entry of entries) {
    for (const reason of PRIORITY) {
      const key = keyOf(entry, reason);
      if (key !== null) byKey[reason].set(key, [...(byKey[reason].get(key) ?? []), entry.id]);
    }
  }
  return { entries: new Map(entries.map((entry) => [entry.id, entry])), byKey };
}

/**
 * The Kanjo record an incoming CRM record duplicates, by priority sku > email
 * > name. A lower-priority match is refused when both records carry the
 * stronger key and it differs (two "Taro Yamada" with different emails are
 * two people). Two Kanjo records on one key → `ambiguous`, for the caller to
 * report rather than guess.
 * @example findMatch({ email: 'A@b.c' }, index) // { id: 'c1', reason: 'email', detail: 'same email a@b.c' }
 */
export function findMatch(
  candidate: MatchKeys,
  index: MatchIndex,
  /** Entries no longer free (already matched by an earlier record): left out. */
  taken: (id: string) => boolean = () => false,
): MatchResult {
  for (const [rank, reason] of PRIORITY.entries()) {
    const key = keyOf(candidate, reason);
    if (key === null) continue;
    const stronger = PRIORITY.slice(0, rank);
    const ids = (index.byKey[reason].get(key) ?? []).filter(
      (id) =>
        !taken(id) &&
        !stronger.some((other) => contradicts(candidate, index.entries.get(id), other)),
    );
    const detail = `same ${reason === 'name' ? 'normalised name' : reason} ${key}`;
    const [first, ...rest] = ids;
    if (first !== undefined && rest.length === 0) return { id: first, reason, detail };
    if (first !== undefined) return { ambiguous: ids, reason, detail };
  }
  return null;
}

function contradicts(candidate: MatchKeys, entry: MatchEntry | undefined, reason: MatchReason) {
  const mine = keyOf(candidate, reason);
  const theirs = entry ? keyOf(entry, reason) : null;
  return mine !== null && theirs !== null && mine !== theirs;
}
