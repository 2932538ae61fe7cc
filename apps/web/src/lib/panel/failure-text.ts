import { t } from '$lib/i18n/locale.svelte';
import { describePanelFailure } from './panel-failure';

/** `describePanelFailure` in the current language: the refused permission spelled out. */
export function failureText(error: unknown): string {
  const message = describePanelFailure(error);
  if (message.forbidden) {
    return t(message.key, { kind: t(message.forbidden.kind), action: t(message.forbidden.action) });
  }
  return t(message.key, message.params);
}
