import { tick } from 'svelte';
import { describeFailure, type FieldErrors } from '$lib/forms/form-errors';
import { t } from '../i18n/locale.svelte';
import {
  DRAFT_FIELDS,
  checkDraft,
  describeCrmFailure,
  hostsChanged,
  toRequestBody,
  withoutSecrets,
  type ConnectionDraft,
  type FormMode,
  type StoredHosts,
} from './connection';
import { saveCrmConnection } from './connection-api';
import type { CrmConnection, CrmConnectionInput } from './types';

interface Failure {
  error: unknown;
  /** What was sent, so messages name the email and hosts of that attempt. */
  sent: CrmConnectionInput;
}

/**
 * The connect / update form's state. The draft survives every failure (nothing
 * typed is lost); messages are derived on read, so a language switch re-translates them.
 *
 * @example
 * const form = new ConnectionFormState({ mode: 'connect', draft: emptyDraft() });
 * const connection = await form.submit({ form: formElement, alert: alertElement });
 */
export class ConnectionFormState {
  draft: ConnectionDraft;
  submitted = $state(false);
  busy = $state(false);
  #failure = $state.raw<Failure>();
  readonly mode: FormMode;
  /** The addresses of the connection being updated; their secrets stay with them. */
  readonly stored: StoredHosts | undefined;

  constructor({
    mode,
    draft,
    stored,
  }: {
    mode: FormMode;
    draft: ConnectionDraft;
    stored?: StoredHosts | undefined;
  }) {
    this.mode = mode;
    this.stored = stored;
    this.draft = $state(draft);
  }

  /** Updating onto another accounts URL or API domain: the secrets must be entered again. */
  get newHosts(): boolean {
    return this.mode === 'update' && hostsChanged(this.draft, this.stored);
  }

  #check() {
    return checkDraft({ draft: this.draft, mode: this.mode, stored: this.stored });
  }

  /** Field messages: the client's current checks win over the server's last answer. */
  get errors(): FieldErrors {
    const server = this.#failure ? serverFieldErrors(this.#failure.error) : {};
    const client: FieldErrors = {};
    if (this.submitted) {
      for (const [field, issue] of Object.entries(this.#check())) {
        client[field] = t(issue.key, issue.params);
      }
    }
    return { ...server, ...client };
  }

  get alert(): string | undefined {
    const failure = this.#failure;
    if (!failure) return undefined;
    const issue = describeCrmFailure({
      error: failure.error,
      during: 'connect',
      target: failure.sent,
    });
    return issue ? t(issue.key, issue.params) : describeFailure(failure.error).alert;
  }

  /** Sends the draft; resolves to the saved connection, or `undefined` when it showed why not. */
  async submit({
    form,
    alert,
  }: {
    form: HTMLFormElement;
    alert: HTMLElement | undefined;
  }): Promise<CrmConnection | undefined> {
    this.submitted = true;
    this.#failure = undefined;
    if (Object.keys(this.#check()).length > 0) {
      await focusFirstInvalid(form);
      return undefined;
    }
    const sent = toRequestBody({ draft: this.draft, mode: this.mode });
    this.busy = true;
    try {
      const connection = await saveCrmConnection(sent);
      this.draft = withoutSecrets(this.draft);
      this.submitted = false;
      return connection;
    } catch (error) {
      this.#failure = { error, sent };
    } finally {
      this.busy = false;
    }
    // A field the server named gets focus; otherwise the alert, so it is read out whole.
    if (!(await focusFirstInvalid(form))) alert?.focus();
    return undefined;
  }
}

/** The server's per-field messages, kept only for fields this form shows. */
function serverFieldErrors(error: unknown): FieldErrors {
  const fields = describeFailure(error).fields;
  const shown: FieldErrors = {};
  for (const field of DRAFT_FIELDS) {
    const message = fields[field];
    if (message !== undefined) shown[field] = message;
  }
  return shown;
}

async function focusFirstInvalid(form: HTMLFormElement): Promise<boolean> {
  await tick();
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
  return invalid !== null;
}
