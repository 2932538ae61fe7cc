import * as v from 'valibot';

export const DOMAIN_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  INVOICE_LOCKED: 409,
  DOCUMENT_LOCKED: 409,
  /** The document's deal was linked by automation: the link cannot be changed. */
  DEAL_LINK_LOCKED: 409,
  /** A document may link only a deal of its own customer. */
  DEAL_NOT_OF_CUSTOMER: 400,
  OVERPAYMENT: 409,
  CONFLICT: 409,
  /** An edit of a row someone deleted: delete beats edit, and the losing edit is shown. */
  DELETED: 409,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export interface FieldError {
  /** Dot-joined path into the body: 'lines.0.quantity', 'email'; '' for the body itself. */
  path: string;
  message: string;
  /** Stable reason a client can translate: REQUIRED, UNKNOWN_FIELD, or INVALID. */
  code?: FieldErrorCode;
}

export type FieldErrorCode = 'REQUIRED' | 'UNKNOWN_FIELD' | 'INVALID';

export interface ValidationDetails {
  fields: FieldError[];
}

/**
 * A refusal the caller can act on. Permanent by nature: the sync push stores
 * it as rejected and moves on (unlike a transient failure, which rolls back).
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor({
    code,
    message,
    details,
  }: {
    code: DomainErrorCode;
    message: string;
    details?: unknown;
  }) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = DOMAIN_ERROR_STATUS[code];
    if (details !== undefined) this.details = details;
  }
}

/**
 * Valibot issues as `{ fields: [{ path, message }] }`, one entry per failing
 * field. Unknown keys of a strict object are reported at the key's own path.
 * @example issuesToFields(v.safeParse(schema, body).issues ?? [])
 */
export function issuesToFields(issues: readonly v.BaseIssue<unknown>[]): ValidationDetails {
  return {
    fields: issues.map((issue) => {
      const path = v.getDotPath(issue) ?? '';
      // valibot's own wording for these two is about types ("Expected never"), not people.
      if (issue.kind === 'schema' && issue.expected === 'never') {
        return { path, code: 'UNKNOWN_FIELD', message: 'Unknown field.' };
      }
      if (issue.kind === 'schema' && issue.received === 'undefined' && path !== '') {
        return { path, code: 'REQUIRED', message: 'Required.' };
      }
      return { path, code: 'INVALID', message: issue.message };
    }),
  };
}

/** VALIDATION_FAILED with the given field errors. */
export function validationError(fields: FieldError[]): DomainError {
  const summary = fields.map((field) => `${field.path || '(body)'}: ${field.message}`).join('; ');
  return new DomainError({
    code: 'VALIDATION_FAILED',
    message: `Validation failed: ${summary}`,
    details: { fields },
  });
}

/** VALIDATION_FAILED for one field. */
export function fieldError(path: string, message: string): DomainError {
  return validationError([{ path, message }]);
}
