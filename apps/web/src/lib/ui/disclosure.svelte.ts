/**
 * A button that shows a panel below it (the sync status, the user menu): a
 * click outside closes it; Escape closes it and gives focus back to the button.
 *
 * @example
 * const menu = new Disclosure();
 * // <svelte:window onclick={menu.onWindowClick} onkeydown={menu.onKeydown} />
 * // <div bind:this={menu.root}><button bind:this={menu.trigger} onclick={menu.toggle}>
 */
export class Disclosure {
  open = $state(false);
  /** The button and its panel: a click inside keeps the panel open. */
  root = $state<HTMLElement>();
  trigger = $state<HTMLButtonElement>();

  toggle = (): void => {
    this.open = !this.open;
  };

  close = ({ refocus }: { refocus: boolean }): void => {
    this.open = false;
    if (refocus) this.trigger?.focus();
  };

  onWindowClick = (event: MouseEvent): void => {
    if (this.#outside(event.target)) this.close({ refocus: false });
  };

  onKeydown = (event: KeyboardEvent): void => {
    if (this.open && event.key === 'Escape') this.close({ refocus: true });
  };

  /** Tabbing past the last control closes the panel, as a disclosure should. */
  onFocusOut = (event: FocusEvent): void => {
    if (this.#outside(event.relatedTarget)) this.close({ refocus: false });
  };

  #outside(target: EventTarget | null): boolean {
    return (
      this.open && this.root !== undefined && target instanceof Node && !this.root.contains(target)
    );
  }
}
