import { CrmError, type CrmErrorCode } from '@kanjo/core';
import * as v from 'valibot';

export { CRM_ERROR_CODES, CrmError } from '@kanjo/core';
export type { CrmErrorCode, CrmErrorInit } from '@kanjo/core';

/** Zoho's documented limits, in one place (see docs/zoho.md). */
export const ZOHO_LIMITS = {
  /** Records per write / delete call. */
  batchSize: 100,
  /** Channels per `/actions/watch` call. */
  watchBatchSize: 50,
  /** `per_page` ceiling on list calls. */
  maxPerPage: 200,
  /** `page` paging reaches only this many records; past it, `page_token`. */
  pageRecordLimit: 2_000,
  /** Conservative default for concurrent calls per app (editions allow 5–25). */
  defaultConcurrency: 5,
  /** Refresh the access token this long before it expires. */
  tokenRefreshMarginMs: 5 * 60 * 1000,
} as const;

/** Zoho's error envelope: `{ code, details, message, status: "error" }`. */
export const zohoErrorSchema = v.object({
  code: v.string(),
  details: v.optional(v.record(v.string(), v.unknown()), {}),
  message: v.optional(v.string(), ''),
  status: v.literal('error'),
});
export type ZohoError = v.InferOutput<typeof zohoErrorSchema>;

const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED']);

/** True when Zoho says "slow down" (429, under either documented code). */
export function isRateLimited(status: number, providerCode: string | undefined): boolean {
  return status === 429 || (providerCode !== undefined && RATE_LIMIT_CODES.has(providerCode));
}

/** Parses a Zoho error body; `undefined` when it is not the error envelope. */
export function parseZohoError(body: unknown): ZohoError | undefined {
  const parsed = v.safeParse(zohoErrorSchema, body);
  return parsed.success ? parsed.output : undefined;
}

function codeForStatus(status: number, providerCode: string | undefined): CrmErrorCode {
  if (isRateLimited(status, providerCode)) return 'CRM_RATE_LIMITED';
  if (status === 401) return 'CRM_AUTH_FAILED';
  if (status === 403) return 'CRM_PERMISSION_DENIED';
  if (status === 404) return 'CRM_NOT_FOUND';
  if (status === 409 || status === 412) return 'CRM_CONFLICT';
  if (status >= 500) return 'CRM_UNAVAILABLE';
  return 'CRM_INVALID_REQUEST';
}

/** Maps a non-success HTTP answer from the API to a `CrmError`. */
export function errorFromResponse(status: number, body: unknown): CrmError {
  const envelope = parseZohoError(body);
  const code = codeForStatus(status, envelope?.code);
  return new CrmError({
    code,
    message: envelope?.message || `Zoho CRM answered HTTP ${status}`,
    retryable: code === 'CRM_RATE_LIMITED' || code === 'CRM_UNAVAILABLE',
    providerCode: envelope?.code,
    status,
    details: envelope?.details,
  });
}
