import { tick } from 'svelte';
import { failureText } from './failure-text';

/**
 * A panel form's request: busy while it runs; a failure goes to the panel
 * (`onfailure`: an expired link ends the panel) and into the form's alert,
 * which then takes focus so the message is read out.
 *
 * @example
 * const submit = new PanelSubmit();
 * await submit.run(() => client.email(kind, id, body), onfailure);
 */
export class PanelSubmit {
  busy = $state(false);
  /** The last failure's message, in the panel's language. */
  failure = $state<string>();
  /** The alert's focusable box (bound by the form). */
  alertBox = $state<HTMLElement>();

  async run(action: () => Promise<void>, onfailure: (error: unknown) => void): Promise<void> {
    this.busy = true;
    try {
      await action();
    } catch (error) {
      onfailure(error);
      this.failure = failureText(error);
      await tick();
      this.alertBox?.focus();
    } finally {
      this.busy = false;
    }
  }
}
