import { tick } from 'svelte';
import { describeFailure, onlyErrors, type FieldErrors } from './form-errors';

/**
 * The state of a submit-once form (login, signup): client checks after the
 * first submit, the last server failure, and a busy flag. Messages are
 * derived on read, so switching language re-translates what is on screen.
 *
 * @example
 * const form = new FormController(() => ({ email: checkEmail(email) }));
 * await form.submit(formElement, () => login({ email, password }));
 */
export class FormController {
  submitted = $state(false);
  busy = $state(false);
  #failure = $state.raw<unknown>(undefined);
  readonly #check: () => Record<string, string | undefined>;

  constructor(check: () => Record<string, string | undefined>) {
    this.#check = check;
  }

  /** Field messages: the client's current checks win over the server's last answer. */
  get errors(): FieldErrors {
    const server = this.#failure === undefined ? {} : describeFailure(this.#failure).fields;
    const client = this.submitted ? onlyErrors(this.#check()) : {};
    return { ...server, ...client };
  }

  get alert(): string | undefined {
    return this.#failure === undefined ? undefined : describeFailure(this.#failure).alert;
  }

  async submit(form: HTMLFormElement, action: () => Promise<void>): Promise<void> {
    this.submitted = true;
    this.#failure = undefined;
    if (Object.keys(onlyErrors(this.#check())).length > 0) {
      await tick();
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
    try {
      await action();
    } catch (error) {
      this.#failure = error;
    } finally {
      this.busy = false;
    }
  }
}
