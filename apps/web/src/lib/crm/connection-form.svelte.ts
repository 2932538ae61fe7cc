import { FormController } from '$lib/forms/form.svelte';
import { describeFailure, type Failure, type FieldErrors } from '$lib/forms/form-errors';
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

/**
 * The connect / update form: its draft and the CRM's messages, run through
 * the app's FormController. The draft survives every failure (nothing typed
 * is lost); messages are derived on read, so a language switch re-translates them.
 *
 * @example
 * const connection = new ConnectionFormState({ mode: 'connect', draft: emptyDraft() });
 * const saved = await connection.submit({ form: formElement, alert: alertElement });
 */
export class ConnectionFormState {
  draft: ConnectionDraft;
  readonly mode: FormMode;
  /** The addresses of the connection being updated; their secrets stay with them. */
  readonly stored: StoredHosts | undefined;
  /** What the last attempt sent, so messages name the email and hosts of that attempt. */
  #sent = $state.raw<CrmConnectionInput>();
  readonly form = new FormController(() => this.#clientErrors(), {
    focusFieldOnFailure: true,
    describe: (error) => this.#describe(error),
  });

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

  /** Sends the draft; resolves to the saved connection, or `undefined` when it showed why not. */
  async submit({
    form,
    alert,
  }: {
    form: HTMLFormElement;
    alert: HTMLElement | undefined;
  }): Promise<CrmConnection | undefined> {
    let saved: CrmConnection | undefined;
    await this.form.submit(
      form,
      async () => {
        const sent = toRequestBody({ draft: this.draft, mode: this.mode });
        this.#sent = sent;
        saved = await saveCrmConnection(sent);
        this.draft = withoutSecrets(this.draft);
        this.form.submitted = false;
      },
      alert,
    );
    return saved;
  }

  #clientErrors(): FieldErrors {
    const issues = checkDraft({ draft: this.draft, mode: this.mode, stored: this.stored });
    const errors: FieldErrors = {};
    for (const [field, issue] of Object.entries(issues)) errors[field] = t(issue.key, issue.params);
    return errors;
  }

  /** The CRM's own sentence when it has one; only the fields this form shows. */
  #describe(error: unknown): Failure {
    const general = describeFailure(error);
    const issue = this.#sent
      ? describeCrmFailure({ error, during: 'connect', target: this.#sent })
      : undefined;
    return {
      alert: issue ? t(issue.key, issue.params) : general.alert,
      fields: shownFields(general.fields),
    };
  }
}

function shownFields(fields: FieldErrors): FieldErrors {
  const shown: FieldErrors = {};
  for (const field of DRAFT_FIELDS) {
    const message = fields[field];
    if (message !== undefined) shown[field] = message;
  }
  return shown;
}
