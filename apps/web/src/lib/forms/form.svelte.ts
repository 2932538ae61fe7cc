import { tick } from 'svelte';
import { describeFailure, onlyErrors, type FieldErrors } from './form-errors';

export interface FormOptions {
  /**
   * Also move focus to the first invalid field when the action fails (the
   * record forms, whose refusals name fields); otherwise only when the
   * client checks fail.
   */
  focusFieldOnFailure?: boolean;
}

/**
 * The state of every form: client checks after the first submit, the last
 * failure (a server answer or a refusal of `mutate`), and a busy flag.
 * Messages are derived on read, so switching language re-translates what is
 * on screen.
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
  readonly #focusFieldOnFailure: boolean;

  constructor(check: () => Record<string, string | undefined>, options: FormOptions = {}) {
    this.#check = check;
    this.#focusFieldOnFailure = options.focusFieldOnFailure ?? false;
  }

  /** Field messages: the client's current checks win over the last failure's. */
  get errors(): FieldErrors {
    const failed = this.#failure === undefined ? {} : describeFailure(this.#failure).fields;
    const client = this.submitted ? onlyErrors(this.#check()) : {};
    return { ...failed, ...client };
  }

  get alert(): string | undefined {
    return this.#failure === undefined ? undefined : describeFailure(this.#failure).alert;
  }

  /** Shows a failure that happened outside `submit` (e.g. a delete). */
  fail(error: unknown): void {
    this.#failure = error;
  }

  /**
   * Runs `action` when the client checks pass, else focuses the first invalid
   * field. True when the action ran and succeeded.
   */
  async submit(form: HTMLFormElement, action: () => Promise<void>): Promise<boolean> {
    this.submitted = true;
    this.#failure = undefined;
    if (Object.keys(onlyErrors(this.#check())).length > 0) {
      await focusInvalid(form);
      return false;
    }
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.#failure = error;
      if (this.#focusFieldOnFailure) await focusInvalid(form);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

async function focusInvalid(form: HTMLFormElement): Promise<void> {
  await tick();
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
