/**
 * Kanjo inside another site's page (the CRM's record page shows the panel in
 * an iframe) must never take the keyboard from that page. A person may be
 * typing in the CRM's form while the panel starts; the router's focus reset
 * after its first navigation, or any other `focus()` the panel makes, would
 * move the caret into the iframe and swallow what they type.
 *
 * So, in a frame only, a `focus()` call made while the frame does not have
 * focus is ignored. Once the person clicks or tabs into the panel, the frame
 * has focus and the panel manages focus as usual (dialogs, headings, errors).
 *
 * @example keepHostFocus(window); // in the client hooks' `init`
 */
export function keepHostFocus(win: Window & typeof globalThis): void {
  if (win.self === win.top) return;
  const prototype = win.HTMLElement.prototype;
  const focus = prototype.focus;
  prototype.focus = function focusWhenFramed(this: HTMLElement, options?: FocusOptions) {
    if (win.document.hasFocus()) focus.call(this, options);
  };
}
