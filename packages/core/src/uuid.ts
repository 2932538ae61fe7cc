/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids
 * sort by creation time. The server and the PWA both make them (the PWA
 * offline), so both format them here; where the random bits and the time come
 * from (crypto, a seed, the clock) stays with the caller.
 */

const UUID_BYTES = 16;

/**
 * The UUIDv7 of `unixMs` with the random bits of `bytes` (16 bytes; the first
 * six are replaced by the time, the version and variant bits are set). Does
 * not change `bytes`.
 *
 * @example formatUuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(16)))
 */
export function formatUuidV7(unixMs: number, bytes: Uint8Array): string {
  if (bytes.length !== UUID_BYTES) {
    throw new RangeError(`A UUID takes ${UUID_BYTES} bytes, not ${bytes.length}`);
  }
  const out = Uint8Array.from(bytes);
  let ms = unixMs;
  for (let i = 5; i >= 0; i--) {
    out[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  out[6] = ((out[6] ?? 0) & 0x0f) | 0x70;
  out[8] = ((out[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(out, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
