import { formatUuidV7 } from '@kanjo/core';

/**
 * A UUIDv7 (RFC 9562), so ids sort by creation time: core formats it, the
 * server brings the random bits and the time. The PWA makes the same kind of
 * id offline.
 */
export function uuidv7(now: number = Date.now()): string {
  return formatUuidV7(now, crypto.getRandomValues(new Uint8Array(16)));
}
