import { DEFAULT_CRM_SYNC_SETTINGS, type CrmSyncSettings } from '@kanjo/core';
import { tick } from 'svelte';
import { describeFailure } from '$lib/forms/form-errors';
import { t, type MessageKey } from '../i18n/locale.svelte';
import {
  addRow,
  draftFromSettings,
  removeRow,
  resetRows,
  sameSettings,
  settingsFromDraft,
  type MappingList,
  type SyncDraft,
} from './sync-settings';
import {
  getSyncSettings,
  pauseSync,
  resumeSync,
  saveSyncSettings,
  type CurrencyStatus,
  type SyncSettingsAnswer,
} from './sync-settings-api';
import { VIEW_FIELD, stillWaiting } from './view-waits';
import {
  checkDraft,
  describeSaveFailure,
  hasIssues,
  type Message,
  type SaveFailure,
} from './sync-settings-issues';

/** Translates a pure function's message on read, so a language switch re-translates it. */
export function say(message: Message): string {
  return 'text' in message ? message.text : t(message.key, message.params);
}

/**
 * The sync-rules page's state: the stored settings, the draft being edited
 * (kept through every failure), and what the last save or pause said.
 *
 * @example
 * const rules = new SyncSettingsState();
 * await rules.load();
 * await rules.save({ form, alert });
 */
export class SyncSettingsState {
  answer = $state.raw<SyncSettingsAnswer>();
  loadError = $state.raw<unknown>();
  /** Shown only once loaded; starts as the defaults so it is never undefined. */
  draft = $state<SyncDraft>(draftFromSettings(DEFAULT_CRM_SYNC_SETTINGS));
  /** The draft as last loaded or saved: unsaved changes are the difference. */
  saved = $state.raw<SyncDraft>();
  submitted = $state(false);
  busy = $state<'save' | 'pause' | 'resume'>();
  notice = $state<Message>();
  #failure = $state.raw<{ error: unknown; described: SaveFailure }>();
  /** A 409 said the currencies differ since the page loaded. */
  #currencyRefusal = $state<string>();

  get loaded(): boolean {
    return this.answer !== undefined && this.saved !== undefined;
  }

  get dirty(): boolean {
    return this.saved !== undefined && !sameSettings(this.draft, this.saved);
  }

  get currency(): CurrencyStatus | undefined {
    const currency = this.answer?.currency;
    if (!currency || this.#currencyRefusal === undefined) return currency;
    return { ...currency, twoWayAllowed: false, message: this.#currencyRefusal };
  }

  /**
   * Field messages: the client's current checks win over the server's last
   * answer, and both over a module still set to a CRM view that is gone.
   */
  get fieldErrors(): Record<string, string> {
    const server = this.#failure?.described.fields ?? {};
    const client = this.submitted ? this.#issues().fields : {};
    return { ...this.#waitingViews(), ...translate({ ...server, ...client }) };
  }

  /** Not set up: the rules were never saved, so nothing syncs yet (a dry run may). */
  get setupPending(): boolean {
    return this.answer?.setup === 'pending';
  }

  #waitingViews(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const wait of stillWaiting(this.answer?.waitingViews ?? [], this.draft)) {
      const module = t(`crmSetup.module.${wait.module}`);
      out[VIEW_FIELD[wait.module]] = t('crmSetup.waiting.field', { module });
    }
    return out;
  }

  get rowErrors(): Record<number, string> {
    const server = this.#failure?.described.rows ?? {};
    const client = this.submitted ? this.#issues().rows : {};
    return translate({ ...server, ...client });
  }

  get alert(): string | undefined {
    const failure = this.#failure;
    if (!failure) return undefined;
    const { alert, others } = failure.described;
    const head = alert ? say(alert) : describeFailure(failure.error).alert;
    return [head, ...others.map(say)].join('\n');
  }

  #issues() {
    return checkDraft({ draft: this.draft, currency: this.currency });
  }

  async load(): Promise<void> {
    this.loadError = undefined;
    try {
      this.#accept(await getSyncSettings());
    } catch (error) {
      this.loadError = error;
    }
  }

  #accept(answer: SyncSettingsAnswer): void {
    this.answer = answer;
    this.#currencyRefusal = undefined;
    this.draft = draftFromSettings(answer.settings);
    this.saved = draftFromSettings(answer.settings);
  }

  /** Resolves true when saved; otherwise focus is on the first problem or the alert. */
  async save({ form, alert }: { form: HTMLFormElement; alert: HTMLElement | undefined }) {
    this.submitted = true;
    this.notice = undefined;
    this.#failure = undefined;
    if (hasIssues(this.#issues())) return focusProblem(form, alert);
    const result = settingsFromDraft(this.draft);
    if (!result.ok) {
      const others = result.paths.map((path) => ({ text: path }));
      const described = { alert: undefined, fields: {}, rows: {}, others };
      this.#failure = { error: undefined, described };
      return focusProblem(form, alert);
    }
    this.busy = 'save';
    const first = this.setupPending;
    try {
      this.#accept(await saveSyncSettings(result.settings));
      this.submitted = false;
      this.notice = { key: first ? firstSaveNotice(result.settings) : 'crmSync.notice.saved' };
      return true;
    } catch (error) {
      const described = describeSaveFailure({
        error,
        sentKeys: result.sentKeys,
        currency: this.currency,
      });
      if (described.currencyRefusal !== undefined)
        this.#currencyRefusal = described.currencyRefusal;
      this.#failure = { error, described };
    } finally {
      this.busy = undefined;
    }
    return focusProblem(form, alert);
  }

  /** Pause or resume; the answer only changes the pause state, never the draft. */
  async setPaused(paused: boolean): Promise<void> {
    const answer = this.answer;
    if (!answer) return;
    this.busy = paused ? 'pause' : 'resume';
    this.notice = undefined;
    this.#failure = undefined;
    try {
      const state = await (paused ? pauseSync() : resumeSync());
      this.answer = { ...answer, ...state };
      this.notice = { key: state.paused ? 'crmSync.notice.paused' : 'crmSync.notice.resumed' };
    } catch (error) {
      const described = describeSaveFailure({ error, sentKeys: noKeys(), currency: undefined });
      this.#failure = { error, described: { ...described, fields: {}, rows: {} } };
    } finally {
      this.busy = undefined;
    }
  }

  addRow(list: MappingList): void {
    this.draft = addRow({ draft: this.draft, list });
  }

  removeRow(list: MappingList, key: number): void {
    this.draft = removeRow({ draft: this.draft, list, key });
  }

  resetRows(list: MappingList, defaults: CrmSyncSettings = DEFAULT_CRM_SYNC_SETTINGS): void {
    this.draft = resetRows({ draft: this.draft, list, defaults });
  }

  /** Back to what is stored. */
  discard(): void {
    if (this.saved) this.draft = structuredClone(this.saved);
    this.submitted = false;
    this.#failure = undefined;
  }
}

/** The first save sets the CRM up: say when the first sync comes. */
function firstSaveNotice(settings: CrmSyncSettings): MessageKey {
  return settings.automatic.enabled ? 'crmSetup.firstSaved' : 'crmSetup.firstSavedManual';
}

function noKeys(): Record<MappingList, number[]> {
  return { accounts: [], linkedContacts: [], unlinkedContacts: [] };
}

function translate<K extends string | number>(messages: Record<K, Message>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(messages) as K[]) out[key] = say(messages[key]);
  return out;
}

async function focusProblem(form: HTMLFormElement, alert: HTMLElement | undefined): Promise<false> {
  await tick();
  // Radios cannot carry aria-invalid; a refused choice marks itself with data-invalid.
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
  if (invalid) invalid.focus();
  else alert?.focus();
  return false;
}
