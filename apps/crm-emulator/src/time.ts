/** Zoho writes times as ISO 8601 with an offset and second precision: `2026-01-15T15:26:49+00:00`. */
export function formatZohoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Epoch seconds of an ISO 8601 time with offset, or undefined when it does not parse. */
export function parseZohoTime(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Every stored time is whole seconds, so a Modified_Time read back compares equal. */
export function toEpochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
