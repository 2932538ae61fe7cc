/** How deep a request body's objects and arrays may nest; Kanjo's own bodies stay under 8. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a Content-Type header names JSON: its media type (before any
 * parameter) is exactly `application/json`. `text/plain; x=application/json`
 * is not, whatever its parameters say.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  const mediaType = (header ?? '').split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * The deepest nesting of `[` and `{` in a JSON text, counted without parsing
 * or recursion (brackets inside strings do not count), so a hostile body
 * cannot overflow any stack before it is refused.
 *
 * @example jsonDepth('{"a":[1,{"b":2}]}') // 3
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}
