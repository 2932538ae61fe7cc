/**
 * The fixed name rule for individual customers (Contacts without an Account):
 * Kanjo keeps one display name, Zoho keeps First_Name and Last_Name and shows
 * Full_Name (read-only) in the order of the name's script.
 */

const CJK =
  /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]/u;

/** True when the text holds Chinese, Japanese or Korean characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Zoho's Full_Name convention: family name first for CJK names, given name
 * first otherwise. Null when both parts are empty.
 * @example composeIndividualName({ firstName: '太郎', lastName: '山田' }) // '山田 太郎'
 */
export function composeIndividualName(parts: {
  firstName: string | null | undefined;
  lastName: string | null | undefined;
}): string | null {
  const first = (parts.firstName ?? '').trim();
  const last = (parts.lastName ?? '').trim();
  const ordered = hasCjk(`${first}${last}`) ? [last, first] : [first, last];
  const name = ordered.filter((part) => part !== '').join(' ');
  return name === '' ? null : name;
}

/**
 * The inverse of `composeIndividualName` for names whose parts are separated
 * by single spaces: CJK names split at the first space (family name first),
 * others at the last space (family name last). A name without a space is all
 * Last_Name, because Zoho requires Last_Name and not First_Name.
 * @example splitIndividualName('Ada King Lovelace') // { firstName: 'Ada King', lastName: 'Lovelace' }
 */
export function splitIndividualName(displayName: string): {
  firstName: string | null;
  lastName: string;
} {
  const name = displayName.trim().replace(/\s+/g, ' ');
  const cut = hasCjk(name) ? name.indexOf(' ') : name.lastIndexOf(' ');
  if (cut < 0) return { firstName: null, lastName: name };
  const before = name.slice(0, cut);
  const after = name.slice(cut + 1);
  return hasCjk(name)
    ? { firstName: after, lastName: before }
    : { firstName: before, lastName: after };
}
