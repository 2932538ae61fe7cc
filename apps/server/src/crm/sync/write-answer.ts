import type { RecordResult } from '@kanjo/crm-zoho';
import * as v from 'valibot';

/** Zoho's code for a record changed after the request's `If-Unmodified-Since`. */
export const STALE = 'ALREADY_MODIFIED';

const answerSchema = v.object({
  data: v.array(
    v.object({
      code: v.string(),
      status: v.string(),
      message: v.optional(v.string(), ''),
      details: v.optional(v.record(v.string(), v.unknown()), {}),
    }),
  ),
});

/**
 * Per-record results of a raw write call (the client's own parser is for its
 * unconditional writes); one per input record, in input order.
 */
export function parseWriteAnswer(body: unknown, expected: number): RecordResult[] {
  const parsed = v.safeParse(answerSchema, body);
  if (!parsed.success || parsed.output.data.length !== expected) {
    const failure = { ok: false as const, code: 'CRM_BAD_RESPONSE', message: 'unexpected answer' };
    return Array.from({ length: expected }, () => ({ ...failure, details: {} }));
  }
  return parsed.output.data.map((item): RecordResult => {
    const id = item.details.id;
    if (item.status === 'success' && typeof id === 'string') return { ok: true, id };
    return { ok: false, code: item.code, message: item.message, details: item.details };
  });
}
