import type { Customer, Organization } from '@kanjo/core';
import { addDays, computeTotals } from '@kanjo/core';
import { tick } from 'svelte';
import type { FieldErrors } from '$lib/forms/form-errors';
import { t } from '$lib/i18n/locale.svelte';
import {
  endDateField,
  exponentOf,
  liveTotalsInput,
  parseDraft,
  type DocumentBody,
  type DocumentDraft,
} from './document-draft';
import { describeDocumentError, documentErrorFields } from './errors';
import type { DocumentKind } from './kinds';
import { emptyLine } from './line-draft';
import { createDocument, patchDocument, patchOf } from './save-document';

/** Japan's standard consumption tax for new lines when the organization is Japanese. */
export function defaultTaxRate(organization: Organization): string {
  return organization.country === 'JP' || organization.baseCurrency === 'JPY' ? '10' : '0';
}

export function newDraft({
  organization,
  today,
  lineId,
}: {
  organization: Organization;
  today: string;
  lineId: string;
}): DocumentDraft {
  return {
    customerId: '',
    currency: organization.baseCurrency,
    issueDate: today,
    endDate: '',
    referenceNumber: '',
    lines: [emptyLine({ id: lineId, taxRate: defaultTaxRate(organization) })],
    discountType: 'none',
    discountValue: '',
    taxInclusive: false,
    notes: '',
    terms: '',
    dealId: '',
  };
}

/**
 * The state of a document editor: the typed draft, what was last saved
 * (`saved`, to send only changes), client problems after the first save
 * attempt, and the last refusal of `mutate`. Messages are derived on read,
 * so switching language re-translates what is on screen.
 */
export class DocumentEditorState {
  draft: DocumentDraft;
  submitted = $state(false);
  busy = $state(false);
  /** Set after a save that changed something; cleared by the next edit. */
  savedAt = $state<number>();
  #failure = $state.raw<unknown>(undefined);
  #saved = $state.raw<DocumentBody | undefined>(undefined);
  #initial = $state('');
  /** Fields the user set by hand, which picking a customer must not overwrite. */
  #touched = { currency: false, endDate: false };

  readonly kind: DocumentKind;
  readonly roundingMode: Organization['roundingMode'];

  constructor({
    kind,
    draft,
    saved,
    organization,
  }: {
    kind: DocumentKind;
    draft: DocumentDraft;
    saved?: DocumentBody | undefined;
    organization: Organization;
  }) {
    this.kind = kind;
    this.draft = $state(draft);
    this.#saved = saved;
    this.#initial = JSON.stringify(draft);
    this.roundingMode = organization.roundingMode;
    if (saved) {
      this.#touched = { currency: true, endDate: true };
    }
  }

  get exponent(): number {
    return exponentOf(this.draft.currency);
  }

  get dirty(): boolean {
    return JSON.stringify(this.draft) !== this.#initial;
  }

  /** Live totals of what parses so far. */
  get totals() {
    return computeTotals(liveTotalsInput(this.draft), { roundingMode: this.roundingMode });
  }

  get errors(): FieldErrors {
    const server = documentErrorFields(this.#failure);
    if (!this.submitted) return server;
    const parsed = parseDraft(this.kind, this.draft);
    const client = parsed.ok
      ? {}
      : Object.fromEntries(
          Object.entries(parsed.problems).map(([path, problem]) => [
            path,
            t(problem.key, problem.params),
          ]),
        );
    return { ...server, ...client };
  }

  get alert(): string | undefined {
    if (this.#failure !== undefined) return describeDocumentError(this.#failure);
    return undefined;
  }

  /**
   * Takes a newer stored version of the document (a sync brought someone
   * else's change) when the person has not started editing, so the form never
   * shows stale values; with edits under way, their own values stay and the
   * save sends only the fields they changed, which the server merges per field.
   */
  refresh(draft: DocumentDraft, saved: DocumentBody | undefined): boolean {
    if (this.dirty || this.busy) return false;
    const next = JSON.stringify(draft);
    if (next === this.#initial) return false;
    this.draft = draft;
    this.#saved = saved;
    this.#initial = next;
    return true;
  }

  touch(field: 'currency' | 'endDate'): void {
    this.#touched[field] = true;
  }

  /** A new customer brings their currency and payment terms, unless set by hand. */
  pickCustomer(customer: Customer, baseCurrency: string): void {
    this.draft.customerId = customer.id;
    if (!this.#touched.currency) this.draft.currency = customer.currency ?? baseCurrency;
    const terms = customer.paymentTermsDays;
    if (endDateField(this.kind) === 'dueDate' && !this.#touched.endDate) {
      this.draft.endDate =
        terms !== undefined && this.draft.issueDate ? addDays(this.draft.issueDate, terms) : '';
    }
  }

  /**
   * Saves through the mutation (create when `id` is new, else a patch of the
   * changes). Returns true when the document is saved; focuses the first
   * invalid field otherwise.
   */
  async save({ form, id }: { form: HTMLFormElement; id: string }): Promise<boolean> {
    this.submitted = true;
    this.#failure = undefined;
    this.savedAt = undefined;
    const parsed = parseDraft(this.kind, this.draft);
    if (!parsed.ok) {
      await this.#focusProblem(form);
      return false;
    }
    this.busy = true;
    try {
      if (this.#saved === undefined) {
        await createDocument({ kind: this.kind, id, body: parsed.body });
      } else {
        await patchDocument({ kind: this.kind, id, patch: patchOf(this.#saved, parsed.body) });
      }
      this.#saved = parsed.body;
      this.#initial = JSON.stringify(this.draft);
      this.submitted = false;
      this.savedAt = Date.now();
      return true;
    } catch (error) {
      this.#failure = error;
      await this.#focusProblem(form);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async #focusProblem(form: HTMLFormElement): Promise<void> {
    await tick();
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form.querySelector<HTMLElement>('.form-alert')?.scrollIntoView({ block: 'nearest' });
  }
}
