import * as v from 'valibot';

/**
 * Text as it enters the domain (REST bodies, sync pushes, the PWA's forms):
 * normalised to NFC so the same name typed on two devices is the same string,
 * and refused when it holds characters that corrupt storage, search, CSV/PDF
 * output or what a reader sees.
 *
 * - Single-line fields (names, emails, numbers, codes, subjects): no control
 *   characters at all (so no line breaks), no bidirectional embedding,
 *   override or isolate characters (U+202A–U+202E, U+2066–U+2069: they make
 *   a name display as something else).
 * - Multi-line fields (notes, terms, descriptions, street): CRLF becomes LF;
 *   TAB and LF are allowed, any other control character (a CR on its own
 *   included) is refused.
 * - Both: an unpaired surrogate (half of a UTF-16 pair) is refused — it is not
 *   text and cannot round-trip through UTF-8.
 */

// Matching control characters is the point of these two patterns.
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same without TAB and LF. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** With the u flag a well-formed pair is one code point, so this finds only unpaired halves. */
const LONE_SURROGATE = /\p{Cs}/u;

export const TEXT_MESSAGES = {
  surrogate: 'Must not contain an unpaired surrogate (invalid Unicode)',
  lineBreak: 'Must be a single line (no line breaks)',
  control: 'Must not contain control characters',
  bidi: 'Must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)',
} as const;

/** Why `text` (already NFC) is not acceptable single-line text, or undefined. */
export function singleLineIssue(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return TEXT_MESSAGES.surrogate;
  if (LINE_BREAK.test(text)) return TEXT_MESSAGES.lineBreak;
  if (CONTROL.test(text)) return TEXT_MESSAGES.control;
  if (BIDI_CONTROL.test(text)) return TEXT_MESSAGES.bidi;
  return undefined;
}

/** Why `text` (already NFC, CRLF already LF) is not acceptable multi-line text, or undefined. */
export function multiLineIssue(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return TEXT_MESSAGES.surrogate;
  if (CONTROL_EXCEPT_TAB_LF.test(text)) return TEXT_MESSAGES.control;
  return undefined;
}

/** NFC; an unpaired surrogate is left for the check to report (normalize keeps it as is). */
function nfc(text: string): string {
  return text.normalize('NFC');
}

function checked(issue: (text: string) => string | undefined) {
  return v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const message = issue(dataset.value);
    if (message) addIssue({ message });
  });
}

export interface TextOptions {
  /** Refuse the empty string (after trimming). */
  required?: boolean;
}

/**
 * A trimmed, NFC-normalised single line of at most `max` characters.
 * @example v.parse(singleLineText(200, { required: true }), ' Cafe\u0301 ') // 'Café'
 */
export function singleLineText(max: number, { required = false }: TextOptions = {}) {
  return v.pipe(
    v.string(),
    v.transform(nfc),
    v.trim(),
    checked(singleLineIssue),
    v.minLength(required ? 1 : 0, 'Must not be empty'),
    v.maxLength(max, `Must be at most ${max} characters`),
  );
}

/**
 * Trimmed, NFC-normalised text of at most `max` characters that may hold
 * line breaks (stored as LF) and tabs.
 * @example v.parse(multiLineText(5000), 'Net 30\r\nThank you') // 'Net 30\nThank you'
 */
export function multiLineText(max: number, { required = false }: TextOptions = {}) {
  return v.pipe(
    v.string(),
    v.transform((text: string) => nfc(text).replace(/\r\n/g, '\n')),
    v.trim(),
    checked(multiLineIssue),
    v.minLength(required ? 1 : 0, 'Must not be empty'),
    v.maxLength(max, `Must be at most ${max} characters`),
  );
}
