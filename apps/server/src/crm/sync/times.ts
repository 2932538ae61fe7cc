/** CRM times (ISO 8601 with an offset, whole seconds) as cursors compare them. */

const ms = (time: string) => Date.parse(time);

export function laterTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return ms(b) > ms(a) ? b : a;
}

/** One second before `time`, in Zoho's format. */
export function secondBefore(time: string): string {
  return new Date(ms(time) - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function earlierTime(a: string, b: string | null): string {
  return b === null || ms(a) < ms(b) ? a : b;
}

/**
 * Zoho's times have whole seconds and `If-Modified-Since` means "after": a
 * record changed later in the same second as the cursor would be missed, so
 * each read goes back one second. Re-reading a record already merged writes
 * nothing (its remote values equal the base).
 */
export function overlapped(cursor: string | null): string | undefined {
  return cursor === null ? undefined : secondBefore(cursor);
}
