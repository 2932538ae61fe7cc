/**
 * A calendar date for people: "Mar 5, 2026" / "2026/03/05". The date has no
 * time of day, so it is formatted in UTC to never shift by a day.
 */
export function formatDate(date: string, locale: string): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}
