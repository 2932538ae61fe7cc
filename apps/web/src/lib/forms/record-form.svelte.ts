import { tick } from 'svelte';
import { onlyErrors, type FieldErrors } from './form-errors';
import { t, type MessageKey } from '$lib/i18n/locale.svelte';
import { coreReason } from './core-reasons';

interface Refusal {
  code: string;
  message: string;
  details?: unknown;
}

/** A refusal thrown by `mutate` (core's DomainError), recognised by shape. */
function isRefusal(error: unknown): error is Refusal {
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

/**
 * State of a record form (customer, item): client checks after the first
 * submit, the last refusal of `mutate`, and a busy flag. Messages are derived
 * on read, so switching language re-translates what is on screen.
 *
 * @example
 * const form = new RecordForm(() => ({ name: checkRequired(name, 200) }));
 * await form.submit(formElement, () => mutate('item.create', newId(), args));
 */
export class RecordForm {
  submitted = $state(false);
  busy = $state(false);
  #failure = $state.raw<unknown>(undefined);
  readonly #check: () => Record<string, string | undefined>;

  constructor(check: () => Record<string, string | undefined>) {
    this.#check = check;
  }

  get errors(): FieldErrors {
    const failure = this.#failure;
    const server = isRefusal(failure) ? refusalFields(failure.details) : {};
    const client = this.submitted ? onlyErrors(this.#check()) : {};
    return { ...server, ...client };
  }

  get alert(): string | undefined {
    const failure = this.#failure;
    if (failure === undefined) return undefined;
    return isRefusal(failure) ? describeRefusal(failure) : t('error.UNKNOWN');
  }

  /** Shows a refusal that happened outside `submit` (e.g. a delete). */
  fail(error: unknown): void {
    this.#failure = error;
  }

  /** Runs `action` when the client checks pass; else focuses the first invalid field. */
  async submit(form: HTMLFormElement, action: () => Promise<void>): Promise<boolean> {
    this.submitted = true;
    this.#failure = undefined;
    if (Object.keys(onlyErrors(this.#check())).length > 0) {
      await tick();
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return false;
    }
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.#failure = error;
      await tick();
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return false;
    } finally {
      this.busy = false;
    }
  }
}
