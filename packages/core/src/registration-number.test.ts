import { describe, expect, it } from 'vitest';
import {
  corporateNumberCheckDigit,
  isRegistrationNumber,
  normalizeRegistrationNumber,
  registrationNumberIssue,
} from './registration-number';

describe('corporateNumberCheckDigit', () => {
  it.each([
    // The worked example of the rule: Σ = 74, 74 mod 9 = 2, 9 − 2 = 7.
    ['123456789012', 7],
    // Published corporate numbers (国税庁法人番号公表サイト).
    ['011001098993', 4],
    ['000012050002', 7], // 国税庁: 7000012050002
    ['000000000000', 9],
    ['999999999999', 9],
  ])('%s → %i', (base, digit) => {
    expect(corporateNumberCheckDigit(base)).toBe(digit);
  });

  it.each(['12345678901', '1234567890123', '12345678901a', ''])('refuses %j', (base) => {
    expect(corporateNumberCheckDigit(base)).toBeUndefined();
  });
});

describe('registrationNumberIssue', () => {
  it.each([
    ['T7123456789012', undefined],
    ['T4011001098993', undefined],
    ['T7000012050002', undefined],
    ['T8123456789012', 'CHECK_DIGIT'],
    ['T7123456789013', 'CHECK_DIGIT'],
    ['T7123456789021', 'CHECK_DIGIT'], // two digits swapped
    ['7123456789012', 'FORMAT'], // no T
    ['t7123456789012', 'FORMAT'], // stored upper-case only
    ['T712345678901', 'FORMAT'], // 12 digits
    ['T71234567890123', 'FORMAT'], // 14 digits
    ['T0123456789012', 'FORMAT'], // a check digit is never 0
    ['T7123-4567-89012', 'FORMAT'],
    ['Ｔ７１２３４５６７８９０１２', 'FORMAT'], // full-width: normalize first
    ['', 'FORMAT'],
  ])('%j → %s', (text, issue) => {
    expect(registrationNumberIssue(text)).toBe(issue);
    expect(isRegistrationNumber(text)).toBe(issue === undefined);
  });
});

describe('normalizeRegistrationNumber', () => {
  it.each([
    ['T7123456789012', 'T7123456789012'],
    ['t7123456789012', 'T7123456789012'],
    ['Ｔ７１２３４５６７８９０１２', 'T7123456789012'],
    [' T7123-4567-89012 ', 'T7123456789012'],
    ['T 7123 4567 89012', 'T7123456789012'],
  ])('%j → %j', (input, output) => {
    expect(normalizeRegistrationNumber(input)).toBe(output);
  });
});
