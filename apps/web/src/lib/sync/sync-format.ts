import { i18n, t } from '$lib/i18n/locale.svelte';

/** A moment (ms, ISO string or Date) as "14:05" today, else "3 Jan 14:05". */
export function formatMoment(value: unknown): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number' || typeof value === 'string'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(i18n.locale, {
    ...(today ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A sync error (string, Error or `{ message }`) as a sentence. */
export function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null || error === false) return undefined;
  // The engine reports codes; an unreachable server is the common one.
  if (error === 'NETWORK') return t('error.OFFLINE');
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return t('error.UNKNOWN');
}

/** "1 change waiting" / "3 changes waiting". */
export function pendingText(count: number): string {
  return count === 1 ? t('sync.pendingOne') : t('sync.pendingMany', { count });
}
