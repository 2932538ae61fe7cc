/**
 * Calendar dates as 'YYYY-MM-DD' strings. Pure: arithmetic works on the
 * given date, never the current clock.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date ('2024-02-29' yes, '2023-02-29' no). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The dates the domain accepts: a document dated 0000-01-01 or 9999-12-31 is a
 * typo, and a far-off year breaks date arithmetic and printing. Wide enough
 * for any real invoice, due date or customer's founding year.
 */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2999-12-31';

/** True for a real calendar date from MIN_DATE to MAX_DATE. */
export function isDateInRange(text: string): boolean {
  return isCalendarDate(text) && text >= MIN_DATE && text <= MAX_DATE;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Milliseconds since the epoch at UTC midnight; setUTCFullYear keeps years < 100 literal. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * @example addDays('2024-01-25', 10) // '2024-02-04'
 */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const shifted = new Date(utcMidnight(year, month, day) + days * DAY_MS);
  return shifted.toISOString().slice(0, 10);
}

/**
 * One formatter per time zone, made once: building an Intl.DateTimeFormat
 * costs far more than using one, and a list of invoices asks for "today"
 * once per row. A pure cache (the same zone always formats the same way);
 * zones are IANA names, a few hundred at most, and a bad name is not kept.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 1_000;

/**
 * The calendar date at `now` in `timezone` ('YYYY-MM-DD'): "today" for due
 * dates and overdue, the one rule the server and the PWA both apply, so a
 * document is overdue on the same day on either side. An organization without
 * a zone (an account read before it had one) and a zone this runtime does not
 * know both mean UTC, the organization's default zone: never the device's own
 * zone, and never an error while a list or a mutation is being built.
 * @example todayIn('Asia/Tokyo', new Date('2026-11-30T15:30:00Z')) // '2026-12-01'
 */
export function todayIn(timezone: string | undefined, now: Date): string {
  const format = timezone === undefined ? undefined : dayFormat(timezone);
  return format ? format.format(now) : now.toISOString().slice(0, 10);
}

/**
 * True for a time zone this runtime's Intl knows ('Asia/Tokyo', 'UTC').
 * Every organization read checks its zone, so the answer comes from the
 * same per-zone cache.
 */
export function isTimeZone(name: string): boolean {
  return dayFormat(name) !== undefined;
}

function dayFormat(timezone: string): Intl.DateTimeFormat | undefined {
  const cached = dayFormats.get(timezone);
  if (cached) return cached;
  let format: Intl.DateTimeFormat;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone });
  } catch {
    return undefined;
  }
  if (dayFormats.size >= MAX_CACHED_ZONES) dayFormats.clear();
  dayFormats.set(timezone, format);
  return format;
}
