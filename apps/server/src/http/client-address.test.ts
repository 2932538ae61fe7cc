import { describe, expect, it } from 'vitest';
import { limitKeyOf } from './client-address';

describe('limitKeyOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['unknown', 'unknown'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (address, key) => {
    expect(limitKeyOf(address)).toBe(key);
  });

  it('puts two addresses of one /64 under one key, and another /64 under another', () => {
    expect(limitKeyOf('2001:db8:1:2::a')).toBe(limitKeyOf('2001:db8:1:2:ffff::b'));
    expect(limitKeyOf('2001:db8:1:3::a')).not.toBe(limitKeyOf('2001:db8:1:2::a'));
  });
});
