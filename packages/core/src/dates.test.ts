import { describe, expect, it } from 'vitest';
import {
  MAX_DATE,
  MIN_DATE,
  addDays,
  isCalendarDate,
  isDateInRange,
  isTimeZone,
  todayIn,
} from './dates';

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

describe('isDateInRange', () => {
  it.each([
    [MIN_DATE, true],
    [MAX_DATE, true],
    ['2026-12-07', true],
    ['1899-12-31', false],
    ['3000-01-01', false],
    ['0000-01-01', false],
    ['0001-01-01', false],
    ['2026-02-30', false],
    ['2026-2-3', false],
  ])('%s → %s', (text, expected) => {
    expect(isDateInRange(text)).toBe(expected);
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

describe('todayIn', () => {
  // 15:30 UTC on 30 November: already 1 December in Tokyo, still 30 November in Los Angeles.
  const now = new Date('2026-11-30T15:30:00.000Z');
  it.each([
    ['Asia/Tokyo', '2026-12-01'],
    ['America/Los_Angeles', '2026-11-30'],
    ['UTC', '2026-11-30'],
    ['Pacific/Kiritimati', '2026-12-01'],
    ['Asia/Tokyo', '2026-12-01'],
    ['Not/AZone', '2026-11-30'],
    ['America/Los_Angeles', '2026-11-30'],
  ])('%s → %s (each zone its own day, asked in any order)', (zone, expected) => {
    expect(todayIn(zone, now)).toBe(expected);
  });

  it.each([
    // The last and the first second of a day, in a zone ahead of and behind UTC.
    ['Asia/Tokyo', '2026-06-30T14:59:59.000Z', '2026-06-30'],
    ['Asia/Tokyo', '2026-06-30T15:00:00.000Z', '2026-07-01'],
    ['America/Los_Angeles', '2026-01-01T07:59:59.000Z', '2025-12-31'],
    ['America/Los_Angeles', '2026-01-01T08:00:00.000Z', '2026-01-01'],
    // A zone 5 h 45 min ahead: the day turns at a quarter past the UTC hour.
    ['Asia/Kathmandu', '2026-06-30T18:14:59.000Z', '2026-06-30'],
    ['Asia/Kathmandu', '2026-06-30T18:15:00.000Z', '2026-07-01'],
    // New York springs forward on 8 March 2026: midnight is 05:00 UTC before, 04:00 UTC after.
    ['America/New_York', '2026-03-08T04:59:59.000Z', '2026-03-07'],
    ['America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T03:59:59.000Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-09'],
    // ... and falls back on 1 November 2026: 04:00 UTC is still 1 November (23:00 EST).
    ['America/New_York', '2026-11-01T03:59:59.000Z', '2026-10-31'],
    ['America/New_York', '2026-11-02T04:00:00.000Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T05:00:00.000Z', '2026-11-02'],
    // London's summer time starts on 29 March 2026: midnight is then 23:00 UTC the day before.
    ['Europe/London', '2026-03-29T23:00:00.000Z', '2026-03-30'],
    ['Europe/London', '2026-03-28T23:00:00.000Z', '2026-03-28'],
    // No zone, an empty one or one the runtime does not know: UTC's day, not the device's.
    [undefined, '2026-11-30T23:59:59.000Z', '2026-11-30'],
    [undefined, '2026-12-01T00:00:00.000Z', '2026-12-01'],
    ['', '2026-11-30T23:59:59.000Z', '2026-11-30'],
    ['Mars/Olympus_Mons', '2026-12-01T00:00:00.000Z', '2026-12-01'],
  ])('%s at %s → %s', (zone, instant, expected) => {
    expect(todayIn(zone, new Date(instant))).toBe(expected);
  });

  it('follows the given instant, not the first one a zone was asked with', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-12-31T14:59:59.000Z'))).toBe('2026-12-31');
    expect(todayIn('Asia/Tokyo', new Date('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
  });
});

describe('isTimeZone', () => {
  it.each([
    ['Asia/Tokyo', true],
    ['UTC', true],
    ['Not/AZone', false],
    ['', false],
    ['Not/AZone', false],
    ['Asia/Tokyo', true],
  ])('%s → %s', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });
});
