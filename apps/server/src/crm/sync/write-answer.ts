import type { CrmWriteResult } from '@kanjo/core';
import { errorInfo } from './errors';

/**
 * One result per record of a batch write: a call that failed whole (network,
 * 5xx after retries, auth) fails each record with its reason, so every record
 * is recorded and backed off alike, and a missing result is a failure.
 */
export async function batchResults(
  count: number,
  call: () => Promise<CrmWriteResult[]>,
): Promise<CrmWriteResult[]> {
  let results: CrmWriteResult[];
  try {
    results = await call();
  } catch (error) {
    const { code, message } = errorInfo(error);
    results = [];
    for (let i = 0; i < count; i += 1) results.push({ ok: false, code, message, details: {} });
  }
  return Array.from(
    { length: count },
    (_, i): CrmWriteResult =>
      results[i] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: 'no result', details: {} },
  );
}
