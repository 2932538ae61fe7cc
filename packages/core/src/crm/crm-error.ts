/** Kanjo's provider-neutral error codes for CRM calls. */
export const CRM_ERROR_CODES = [
  'CRM_AUTH_FAILED',
  'CRM_PERMISSION_DENIED',
  'CRM_SCOPE_MISSING',
  'CRM_RATE_LIMITED',
  'CRM_UNAVAILABLE',
  'CRM_INVALID_REQUEST',
  'CRM_NOT_FOUND',
  'CRM_CONFLICT',
  'CRM_BAD_RESPONSE',
] as const;

export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

export interface CrmErrorInit {
  code: CrmErrorCode;
  message: string;
  retryable?: boolean;
  /** The CRM's own code for the failure. */
  providerCode?: string;
  status?: number;
  details?: Record<string, unknown>;
}

/**
 * What a `CrmProvider` throws when a call fails whole, whichever CRM it talks
 * to: a provider-neutral `code`, and the CRM's own code and HTTP status when
 * it gave them.
 */
export class CrmError extends Error {
  readonly code: CrmErrorCode;
  readonly retryable: boolean;
  readonly providerCode?: string;
  readonly status?: number;
  readonly details?: Record<string, unknown>;

  constructor(init: CrmErrorInit) {
    super(init.message);
    this.name = 'CrmError';
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.providerCode = init.providerCode;
    this.status = init.status;
    this.details = init.details;
  }
}
