import { tick } from 'svelte';
import { describeFailure, onlyErrors, type Failure, type FieldErrors } from './form-errors';

export interface FormOptions {
  /**
   * Also move focus to the first invalid field when the action fails (the
   * record forms, whose refusals name fields); otherwise only when the
   * client checks fail.
   */
  focusFieldOnFailure?: boolean;
  /**
   * What a failure shows: the alert and the per-field messages. Read on every
   * render, so it may depend on state (e.g. what the failed attempt sent).
   */
  describe?: (error: unknown) => Failure;
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
  readonly #describe: (error: unknown) => Failure;

  constructor(check: () => Record<string, string | undefined>, options: FormOptions = {}) {
    this.#check = check;
    this.#focusFieldOnFailure = options.focusFieldOnFailure ?? false;
    this.#describe = options.describe ?? describeFailure;
  }

  /** Field messages: the client's current checks win over the last failure's. */
  get errors(): FieldErrors {
    const failed = this.#failure === undefined ? {} : this.#describe(this.#failure).fields;
    const client = this.submitted ? onlyErrors(this.#check()) : {};
    return { ...failed, ...client };
  }

  get alert(): string | undefined {
    return this.#failure === undefined ? undefined : this.#describe(this.#failure).alert;
  }

  /** Shows a failure that happened outside `submit` (e.g. a delete). */
  fail(error: unknown): void {
    this.#failure = error;
  }

  /**
   * Runs `action` when the client checks pass, else focuses the first invalid
   * field. True when the action ran and succeeded. `alert`: where focus goes
   * when the failure names no field on screen, so its message is read out whole.
   */
  async submit(
    form: HTMLFormElement,
    action: () => Promise<void>,
    alert?: HTMLElement | undefined,
  ): Promise<boolean> {
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
    } finally {
      this.busy = false;
    }
    if ((this.#focusFieldOnFailure || alert) && !(await focusInvalid(form))) alert?.focus();
    return false;
  }
}

/** Focuses the first invalid field; false when there is none. */
async function focusInvalid(form: HTMLFormElement): Promise<boolean> {
  await tick();
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
  return invalid !== null;
}
