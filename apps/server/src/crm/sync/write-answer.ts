import type { RecordResult } from '@kanjo/crm-zoho';
import * as v from 'valibot';
import { errorInfo } from './errors';

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

/**
 * One result per record of a batch write: a call that failed whole (network,
 * 5xx after retries, auth) fails each record with its reason, so every record
 * is recorded and backed off alike, and a missing result is a failure.
 */
export async function batchResults(
  count: number,
  call: () => Promise<RecordResult[]>,
): Promise<RecordResult[]> {
  let results: RecordResult[];
  try {
    results = await call();
  } catch (error) {
    const { code, message } = errorInfo(error);
    results = [];
    for (let i = 0; i < count; i += 1) results.push({ ok: false, code, message, details: {} });
  }
  return Array.from(
    { length: count },
    (_, i): RecordResult =>
      results[i] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: 'no result', details: {} },
  );
}
