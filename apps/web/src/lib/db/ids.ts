/**
 * Ids made in the browser: UUIDv7 (RFC 9562), 48 bits of Unix milliseconds
 * then random bits, so ids sort by creation time (the server makes the same).
 *
 * @example const id = uuidv7(); // '0193a1f2-7c4e-7d21-9a0b-…'
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return format(now, bytes);
}

/**
 * A UUIDv7 fixed by `seed`: the same mutation re-run locally (rebase) makes
 * the same line and contact ids, so rows do not churn under the UI.
 */
export function seededUuidv7(now: number, seed: string): string {
  const bytes = new Uint8Array(16);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    const code = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ code, 2246822519) >>> 0;
  }
  for (let i = 6; i < 16; i++) {
    const mixed = i % 2 === 0 ? (h1 = Math.imul(h1 ^ (h1 >>> 15), 2654435761) >>> 0) : h2;
    h2 = Math.imul(h2 ^ (h2 >>> 13), 3266489917) >>> 0;
    bytes[i] = (mixed >>> ((i % 4) * 8)) & 0xff;
  }
  return format(now, bytes);
}

function format(now: number, bytes: Uint8Array): string {
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
