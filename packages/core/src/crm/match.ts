/**
 * Duplicate matching: normalised keys, an index of Kanjo
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

/** An extension written after the number: `ext. 12`, `x12`, `内線 12`, `#12`. */
const EXTENSION = /\s*(?:ext\.?|extension|x|内線|#)\s*\d*\s*$/i;

/** Japan's country code, and the international prefixes written before it (`+`, `00`, `010`). */
const JAPAN = '81';
const INTERNATIONAL_PREFIXES = ['00', '010'];

/**
 * A phone number as matching compares it: digits only (full-width too), the
 * extension dropped. A Japanese number is kept in its national form, so
 * `03-1234-5678`, `+81 3 1234 5678` and `+81 (0)3-1234-5678` are one number;
 * another country's keeps its country code.
 * @example normalizePhone('+81 (3) 1234-5678') // '0312345678'
 * @example normalizePhone('+1 555 0100') // '15550100'
 */
export function normalizePhone(phone: string): string {
  const text = phone.normalize('NFKC').trim().replace(EXTENSION, '');
  const digits = text.replace(/\D/g, '');
  const prefix = INTERNATIONAL_PREFIXES.find((p) => digits.startsWith(p + JAPAN));
  const international = text.startsWith('+') ? digits : prefix ? digits.slice(prefix.length) : null;
  if (international === null || !international.startsWith(JAPAN)) return international ?? digits;
  // The trunk 0 comes back; `+81 (0)3 …` already wrote it.
  const national = international.slice(JAPAN.length);
  return national.startsWith('0') ? national : `0${national}`;
}

/** SKUs compare trimmed and case-insensitively, width-folded. */
export function normalizeSku(sku: string): string {
  return sku.normalize('NFKC').trim().toLowerCase();
}

export type MatchReason = 'sku' | 'email' | 'name' | 'phone';

/** What a record offers for matching; absent keys are not used. */
export interface MatchKeys {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
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
  phone: normalizePhone,
};

/**
 * Strongest evidence first: a SKU or an email names one record; a name may
 * not; a phone is shared by a household or a switchboard, so it is last and
 * any stronger key that differs refuses it.
 */
const PRIORITY: readonly MatchReason[] = ['sku', 'email', 'name', 'phone'];

/** Fewer digits than this (`110`, `0`) name no one: not a key. */
const MIN_PHONE_DIGITS = 6;

function keyOf(keys: MatchKeys, reason: MatchReason): string | null {
  const raw = keys[reason];
  if (raw === null || raw === undefined) return null;
  const key = NORMALIZERS[reason](raw);
  if (reason === 'phone' && key.length < MIN_PHONE_DIGITS) return null;
  return key === '' ? null : key;
}

/**
 * An index of Kanjo records by normalised SKU, email, name and phone. Pass
 * what the module matches on: customers as `{ id, name: displayName, email,
 * phone }` (for Accounts leave email out: Accounts match by name), items as
 * `{ id, name, sku }`, contact persons as `{ id, name, email, phone }`.
 */
export function buildMatchIndex(entries: readonly MatchEntry[]): MatchIndex {
  const byKey = {
    sku: new Map(),
    email: new Map(),
    name: new Map(),
    phone: new Map(),
  } satisfies Record<MatchReason, Map<string, string[]>>;
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
 * > name > phone. A lower-priority match is refused when both records carry
 * the stronger key and it differs (two "Taro Yamada" with different emails are
 * two people). Two Kanjo records on one key → `ambiguous`, for the caller to
 * hold for a person rather than guess. A business is never linked by its
 * phone alone (`business`): such a record is a candidate to show a person
 * (see `rankCandidates`), not a match.
 * @example findMatch({ email: 'A@b.c' }, index) // { id: 'c1', reason: 'email', detail: 'same email a@b.c' }
 */
export function findMatch(
  candidate: MatchKeys,
  index: MatchIndex,
  /** Entries no longer free (already matched by an earlier record): left out. */
  taken: (id: string) => boolean = () => false,
  { business = false }: { business?: boolean } = {},
): MatchResult {
  for (const [rank, reason] of PRIORITY.entries()) {
    if (business && reason === 'phone') return null;
    const key = keyOf(candidate, reason);
    if (key === null) continue;
    const stronger = PRIORITY.slice(0, rank);
    const ids = (index.byKey[reason].get(key) ?? []).filter(
      (id) =>
        !taken(id) &&
        !stronger.some((other) => contradicts(candidate, index.entries.get(id), other)),
    );
    const detail = sameDetail(reason, key);
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

const sameDetail = (reason: MatchReason, key: string) =>
  `same ${reason === 'name' ? 'normalised name' : reason} ${key}`;

/** Why a record is offered as a candidate: a shared key, or one name inside the other. */
export type CandidateReason = MatchReason | 'similarName';

export interface RankedCandidate {
  id: string;
  /** Strongest first, each with what was shared. */
  reasons: { reason: CandidateReason; detail: string }[];
}

/** How much each kind of evidence counts when ranking candidates for a person. */
const WEIGHT: Record<CandidateReason, number> = {
  sku: 8,
  email: 8,
  name: 4,
  phone: 2,
  similarName: 1,
};

/**
 * The records a person may link `target` to, best first: each shares at least
 * a key (SKU, email, normalised name, phone in its national form) or has a
 * name holding the other's, and says which. Unlike `findMatch` nothing is
 * refused: a person decides, so a phone alone or a differing key still shows.
 * @example rankCandidates({ name: 'サクラ商事' }, [{ id: 'x1', name: '株式会社サクラ商事' }]) // [{ id: 'x1', reasons: [{ reason: 'name', detail: 'same normalised name サクラ商事' }] }]
 */
export function rankCandidates(
  target: MatchKeys,
  entries: readonly MatchEntry[],
): RankedCandidate[] {
  const scored = entries.flatMap((entry) => {
    const reasons = reasonsBetween(target, entry);
    const score = reasons.reduce((sum, r) => sum + WEIGHT[r.reason], 0);
    return reasons.length > 0 ? [{ id: entry.id, reasons, score }] : [];
  });
  // Stable: equal scores keep the order they came in (the CRM's search order).
  return scored.sort((a, b) => b.score - a.score).map(({ id, reasons }) => ({ id, reasons }));
}

function reasonsBetween(target: MatchKeys, entry: MatchKeys): RankedCandidate['reasons'] {
  const reasons: RankedCandidate['reasons'] = [];
  for (const reason of PRIORITY) {
    const key = keyOf(target, reason);
    if (key !== null && key === keyOf(entry, reason)) {
      reasons.push({ reason, detail: sameDetail(reason, key) });
    }
  }
  const mine = keyOf(target, 'name');
  const theirs = keyOf(entry, 'name');
  if (mine !== null && theirs !== null && mine !== theirs) {
    const [shorter, longer] = mine.length <= theirs.length ? [mine, theirs] : [theirs, mine];
    if (shorter.length >= 2 && longer.includes(shorter)) {
      reasons.push({ reason: 'similarName', detail: `name contains ${shorter}` });
    }
  }
  return reasons;
}
