import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './account-api';

describe('the token of an invitation or reset link', () => {
  it.each([
    ['#abcdefgh234567.qrstuvwxyz2345', 'abcdefgh234567.qrstuvwxyz2345'],
    ['abc.def', 'abc.def'],
    ['#abc.def%20', 'abc.def'],
    ['', undefined],
    ['#', undefined],
    ['#abc', undefined],
    ['#abc.def.ghi', undefined],
    ['#ABC.DEF', undefined],
    ['#abc.def<script>', undefined],
    ['#%E0%A4%A', undefined],
  ])('%j → %j', (hash, token) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});
