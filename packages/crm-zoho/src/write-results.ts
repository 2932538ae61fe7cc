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

const writeBodySchema = v.object({ data: v.array(writeItemSchema) });

/**
 * Turns a write answer (201 / 200 / 207, or 400 when all records failed) into
 * per-record results. Zoho answers one item per input record, in input order.
 */
export function toRecordResults(body: unknown, expected: number): RecordResult[] {
  const parsed = v.safeParse(writeBodySchema, body);
  if (!parsed.success || parsed.output.data.length !== expected) {
    throw new CrmError({
      code: 'CRM_BAD_RESPONSE',
      message: `expected ${expected} per-record results from Zoho CRM`,
      details: { body },
    });
  }
  return parsed.output.data.map((item): RecordResult => {
    const id = item.details.id;
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
