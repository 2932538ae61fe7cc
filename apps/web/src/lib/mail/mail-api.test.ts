import { describe, expect, it } from 'vitest';
import { looksLikeAddress, splitAddresses } from './mail-api';

describe('addresses typed in the email dialog', () => {
  it.each([
    ['a@example.com', ['a@example.com']],
    [
      ' a@example.com, b@example.com;c@example.com ',
      ['a@example.com', 'b@example.com', 'c@example.com'],
    ],
    ['a@example.com\nb@example.com', ['a@example.com', 'b@example.com']],
    [' , ;', []],
  ])('splits %j', (text, addresses) => {
    expect(splitAddresses(text)).toEqual(addresses);
  });

  it.each([
    ['buyer@example.com', true],
    ['山田@例え.jp', true],
    ['buyer@example', false],
    ['buyer example.com', false],
    ['<buyer@example.com>x@', false],
  ])('%s looks like an address: %s', (text, expected) => {
    expect(looksLikeAddress(text)).toBe(expected);
  });
});
