import { ApiError, NetworkError } from '$lib/http/client';
import { t, type MessageKey } from '$lib/i18n/locale.svelte';
import { coreReason } from './core-reasons';

/** Field path → message, as shown under each input. */
export type FieldErrors = Record<string, string>;

export interface Failure {
  /** The sentence for the form's `role="alert"` region. */
  alert: string;
  fields: FieldErrors;
}

/**
 * Turns a failed API call or a refusal of `mutate` into what a form shows: a
 * translated alert and the per-field messages keyed by field path.
 *
 * @example
 * catch (error) { ({ alert, fields } = describeFailure(error)); }
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof NetworkError || isGatewayError(error)) {
    return { alert: t('error.OFFLINE'), fields: {} };
  }
  if (!(error instanceof ApiError)) {
    return isRefusal(error)
      ? { alert: describeRefusal(error), fields: refusalFields(error.details) }
      : { alert: t('error.UNKNOWN'), fields: {} };
  }
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return { alert: t('error.INVALID_CREDENTIALS'), fields: {} };
    case 'EMAIL_TAKEN':
      return { alert: t('error.EMAIL_TAKEN'), fields: { email: t('error.EMAIL_TAKEN.field') } };
    case 'TOO_MANY_ATTEMPTS':
      return {
        alert: t('error.TOO_MANY_ATTEMPTS', { seconds: error.retryAfterSeconds ?? 60 }),
        fields: {},
      };
    case 'VALIDATION_FAILED':
      return {
        alert: t('error.VALIDATION_FAILED'),
        // A stable field code is translated; other server messages are shown as sent.
        fields: Object.fromEntries(
          error.fields.map((f) => [
            f.path,
            f.code === 'REQUIRED'
              ? t('validation.required')
              : f.code === 'UNKNOWN_FIELD'
                ? t('validation.unknownField')
                : f.message,
          ]),
        ),
      };
    case 'WRONG_PASSWORD':
      return {
        alert: t('error.WRONG_PASSWORD'),
        fields: { currentPassword: t('error.WRONG_PASSWORD') },
      };
    case 'INVALID_RESET_TOKEN':
    case 'INVALID_INVITATION':
    case 'USER_DISABLED':
      return { alert: t(`error.${error.code}`), fields: {} };
    default:
      return { alert: error.message || t('error.UNKNOWN'), fields: {} };
  }
}

function isGatewayError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNEXPECTED_RESPONSE' && error.status >= 500;
}

interface Refusal {
  code: string;
  message: string;
  details?: unknown;
}

/** core's DomainError as thrown by `mutate`, recognised by shape (it may cross a bundle). */
export function isRefusal(error: unknown): error is Refusal {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}

const TRANSLATED_CODES = new Set<string>([
  'DELETED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVOICE_LOCKED',
  'DOCUMENT_LOCKED',
  'INVALID_TRANSITION',
]);

/** A sentence for a refusal code; the domain's own message when there is none. */
export function describeRefusal({ code, message }: { code: string; message: string }): string {
  if (code === 'VALIDATION_FAILED') return t('error.VALIDATION_FAILED');
  if (TRANSLATED_CODES.has(code)) return t(`records.error.${code}` as MessageKey);
  return message || t('error.UNKNOWN');
}

/** A core message in the UI language when the catalog has it (see `coreReason`). */
function reasonText(message: string): string {
  const reason = coreReason(message);
  return reason ? t(reason.key, reason.params) : message;
}

/** Field path ('email', 'contactPersons.0.lastName') → message, from a refusal's details. */
export function refusalFields(details: unknown): FieldErrors {
  if (typeof details !== 'object' || details === null || !('fields' in details)) return {};
  const fields = Array.isArray(details.fields) ? (details.fields as unknown[]) : [];
  const out: FieldErrors = {};
  for (const field of fields) {
    if (typeof field !== 'object' || field === null) continue;
    const { path, message, code } = field as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    out[path] = code === 'REQUIRED' ? t('validation.required') : reasonText(message);
  }
  return out;
}

// A deliberately loose check: the server has the final word; this only catches typos early.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): string | undefined {
  const email = value.trim();
  if (!email) return t('validation.required');
  if (email.length > 254 || !EMAIL_SHAPE.test(email)) return t('validation.email');
  return undefined;
}

export function checkRequired(value: string, max: number): string | undefined {
  if (!value.trim()) return t('validation.required');
  if (value.trim().length > max) return t('validation.tooLong', { max });
  return undefined;
}

export function checkNewPassword(value: string): string | undefined {
  if (!value) return t('validation.required');
  if (value.length < 10) return t('validation.passwordLength');
  if (value.length > 256) return t('validation.tooLong', { max: 256 });
  return undefined;
}

/** Drops fields without a message, so `Object.keys(errors).length` counts real problems. */
export function onlyErrors(fields: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
