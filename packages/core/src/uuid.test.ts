import { describe, expect, it } from 'vitest';
import { formatUuidV7 } from './uuid';

function bytesOf(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

describe('formatUuidV7', () => {
  it.each([
    // The example UUIDv7 of RFC 9562 (appendix A.6): 2022-02-22 19:22:22 UTC.
    [
      1645557742000,
      '000000000000' + '0cc3' + '18c4dc0c0c07398f',
      '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
    ],
    // The first six bytes given are overwritten by the time.
    [
      1645557742000,
      'ffffffffffff' + '0cc3' + '18c4dc0c0c07398f',
      '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
    ],
    // Version and variant bits replace whatever the random bytes held there.
    [0, '00'.repeat(16), '00000000-0000-7000-8000-000000000000'],
    [0, 'ff'.repeat(16), '00000000-0000-7fff-bfff-ffffffffffff'],
    // The largest 48-bit time (year 10889).
    [2 ** 48 - 1, '00'.repeat(16), 'ffffffff-ffff-7000-8000-000000000000'],
  ])('%d with %s → %s', (ms, hex, expected) => {
    expect(formatUuidV7(ms, bytesOf(hex))).toBe(expected);
  });

  it('sorts by time: a later millisecond gives a later id whatever the random bits', () => {
    const early = formatUuidV7(1_700_000_000_000, bytesOf('ff'.repeat(16)));
    const late = formatUuidV7(1_700_000_000_001, bytesOf('00'.repeat(16)));
    expect(early < late).toBe(true);
  });

  it('leaves the given bytes as they were', () => {
    const bytes = bytesOf('ab'.repeat(16));
    formatUuidV7(1_700_000_000_000, bytes);
    expect(bytes).toEqual(bytesOf('ab'.repeat(16)));
  });

  it.each([0, 15, 17])('refuses %d bytes', (length) => {
    expect(() => formatUuidV7(0, new Uint8Array(length))).toThrow(RangeError);
  });
});
