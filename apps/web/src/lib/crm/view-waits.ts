import type { CrmModule, SyncDraft } from './sync-settings';
import type { ViewWait } from './sync-settings-api';

/**
 * Modules waiting for a CRM view that is gone (the server left them out of
 * syncs and said so once in the history): which still wait under the form as
 * edited, and which field of the form each belongs to.
 */

/** The settings path of each module's view select, as the form's field messages are keyed. */
export const VIEW_FIELD: Record<CrmModule, string> = {
  Accounts: 'customers.views.accounts',
  Contacts: 'customers.views.contacts',
  Products: 'items.view',
};

/** The view a module is read through in the draft ('' = all records). */
export function draftView(draft: SyncDraft, module: CrmModule): string {
  if (module === 'Accounts') return draft.views.accounts;
  if (module === 'Contacts') return draft.views.contacts;
  return draft.items.view;
}

/**
 * The waits the draft has not settled: the module is still set to the gone
 * view. Choosing another view (or all records) settles it once saved.
 *
 * @example stillWaiting(answer.waitingViews, rules.draft).map((w) => w.module) // ['Accounts']
 */
export function stillWaiting(waits: readonly ViewWait[], draft: SyncDraft): ViewWait[] {
  return waits.filter((wait) => draftView(draft, wait.module) === wait.viewId);
}
