import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate } from './dates';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['0001-01-01', true],
  ])('%s → %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-25', 10, '2024-02-04'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-12-31', 30, '2024-01-30'],
    ['2024-03-01', 0, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('%s + %i → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
