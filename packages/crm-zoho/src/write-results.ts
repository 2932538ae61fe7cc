import * as v from 'valibot';
import { CrmError } from './errors.js';

/** One input record's outcome, at the same index as the input. */
export type RecordResult =
  | { ok: true; id: string; action?: 'insert' | 'update' }
  | { ok: false; code: string; message: string; details: Record<string, unknown> };

const writeItemSchema = v.object({
  code: v.string(),
  details: v.optional(v.record(v.string(), v.unknown()), {}),
  message: v.optional(v.string(), ''),
  status: v.string(),
  action: v.optional(v.picklist(['insert', 'update'])),
});

/** A watch item's success names its channel, not a record. */
function successId(details: Record<string, unknown>): unknown {
  if (details.id !== undefined) return details.id;
  const events = details.events;
  if (!Array.isArray(events)) return undefined;
  const first: unknown = events[0];
  return typeof first === 'object' && first !== null
    ? (first as { channel_id?: unknown }).channel_id
    : undefined;
}

/**
 * Turns a write answer (201 / 200 / 207, or 400 when all records failed) into
 * per-record results. Zoho answers one item per input record, in input order,
 * under `data` (records) or `watch` (notification channels, whose id is the
 * channel id).
 */
export function toRecordResults(
  body: unknown,
  expected: number,
  key: 'data' | 'watch' = 'data',
): RecordResult[] {
  const parsed = v.safeParse(v.object({ data: v.array(writeItemSchema) }), {
    data:
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)[key]
        : undefined,
  });
  if (!parsed.success || parsed.output.data.length !== expected) {
    throw new CrmError({
      code: 'CRM_BAD_RESPONSE',
      message: `expected ${expected} per-record results from Zoho CRM`,
      details: { body },
    });
  }
  return parsed.output.data.map((item): RecordResult => {
    const raw = successId(item.details);
    const id = typeof raw === 'number' ? String(raw) : raw;
    if (item.status === 'success' && typeof id === 'string') {
      return item.action ? { ok: true, id, action: item.action } : { ok: true, id };
    }
    return { ok: false, code: item.code, message: item.message, details: item.details };
  });
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
