import { formatUuidV7 } from '@kanjo/core';

/**
 * Ids made in the browser: UUIDv7 (RFC 9562), 48 bits of Unix milliseconds
 * then random bits, so ids sort by creation time; core formats them, as on the server.
 *
 * @example const id = uuidv7(); // '0193a1f2-7c4e-7d21-9a0b-…'
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return formatUuidV7(now, bytes);
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
  return formatUuidV7(now, bytes);
}
