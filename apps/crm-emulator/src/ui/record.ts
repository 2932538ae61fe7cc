import { html } from 'hono/html';
import { dealStages } from '../deal-stages';
import type { FieldSpec } from '../metadata';
import type { StoredRecord } from '../store';
import { formatZohoTime } from '../time';
import { editable, fieldInput, type Choice, type FormValues } from './form';
import { layout, type Html } from './layout';
import { recordName, type UiModule } from './ui-modules';

/** Everything a record page shows; `record` is absent on "New". */
export interface RecordView {
  module: UiModule;
  fields: readonly FieldSpec[];
  mandatory: readonly string[];
  record?: StoredRecord;
  /** The stored data, or what the user typed when the save was refused. */
  values: FormValues;
  error?: { message: string; field?: string };
  notice?: string;
  /** Lookup choices per field; a field without choices is an id text field. */
  choices: ReadonlyMap<string, readonly Choice[]>;
  ownerName?: string;
  /** Related lists (an account's contacts and deals), already rendered. */
  related?: Html;
  /** The Kanjo panel widget (accounts, contacts, deals), already rendered. */
  widget?: Html;
  /** An inventory record's lines and computed totals, already rendered. */
  lines?: Html;
  /** An inventory form's fields for a new line, inside the form. */
  lineEntry?: Html;
}

/** Deals get a prominent stage control: one-click Closed Won / Closed Lost, or any stage. */
function stagePanel(module: UiModule, record: StoredRecord): Html {
  const action = `/ui/${module.slug}/${record.id}/stage`;
  const stage = typeof record.data.Stage === 'string' ? record.data.Stage : '';
  const probability = record.data.Probability;
  return html`<section class="card stage" aria-labelledby="stage-h">
    <h2 id="stage-h" style="margin:0">Stage</h2>
    <strong>${stage || '—'}</strong>
    <span class="muted"
      >Probability ${typeof probability === 'number' ? `${probability}%` : '—'}</span
    >
    <form method="post" action="${action}">
      <button
        class="won"
        name="Stage"
        value="Closed Won"
        ${stage === 'Closed Won' ? 'disabled' : ''}
      >
        Closed Won
      </button>
      <button
        class="lost"
        name="Stage"
        value="Closed Lost"
        ${stage === 'Closed Lost' ? 'disabled' : ''}
      >
        Closed Lost
      </button>
    </form>
    <form method="post" action="${action}">
      <label for="stage-move">Move to</label>
      <select id="stage-move" name="Stage">
        ${dealStages.map((s) => html`<option ${s === stage ? 'selected' : ''}>${s}</option>`)}
      </select>
      <button type="submit">Update stage</button>
    </form>
  </section>`;
}

function meta(record: StoredRecord, ownerName: string): Html {
  return html`<dl class="meta">
    <dt>Record id</dt>
    <dd>${record.id}</dd>
    <dt>Owner</dt>
    <dd>${ownerName}</dd>
    <dt>Created</dt>
    <dd>${formatZohoTime(record.createdTime)}</dd>
    <dt>Modified</dt>
    <dd>${formatZohoTime(record.modifiedTime)}</dd>
  </dl>`;
}

function deleteControl(module: UiModule, record: StoredRecord): Html {
  return html`<details class="danger">
    <summary>Delete this ${module.singular.toLowerCase()}…</summary>
    <form method="post" action="/ui/${module.slug}/${record.id}/delete">
      <p>Delete “${recordName(module, record)}”? Kanjo will see it in <code>/deleted</code>.</p>
      <button type="submit" class="lost">Yes, delete</button>
    </form>
  </details>`;
}

/**
 * A record's page (or the "New" form): every editable field in one form, Save, and for a
 * stored record its system fields, related lists, stage control (deals) and Delete.
 *
 * @example
 * recordPage({ module, fields, mandatory: ['Account_Name'], values: {}, choices: new Map() });
 */
export function recordPage(view: RecordView): Html {
  const { module, record, error } = view;
  const title = record ? recordName(module, record) : `New ${module.singular.toLowerCase()}`;
  const action = record ? `/ui/${module.slug}/${record.id}` : `/ui/${module.slug}`;
  const inputs = editable(view.fields).map((field) =>
    fieldInput({
      field,
      value: view.values[field.apiName],
      required: view.mandatory.includes(field.apiName),
      error: error?.field === field.apiName ? error.message : undefined,
      choices: view.choices.get(field.apiName),
    }),
  );
  const body = html`<div class="bar">
      <h1>${title}</h1>
      <a href="/ui/${module.slug}">← All ${module.plural.toLowerCase()}</a>
    </div>
    ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
    ${error ? html`<p class="error" role="alert">Not saved: ${error.message}</p>` : ''}
    ${record && module.apiName === 'Deals' ? stagePanel(module, record) : ''} ${view.widget ?? ''}
    <form
      method="post"
      action="${action}"
      class="card"
      style="margin-top:12px"
      aria-label="${module.singular} details"
    >
      <div class="fields">${inputs}</div>
      ${view.lineEntry ?? ''}
      <p>
        <button type="submit" class="primary">Save</button>
        <a class="btn" href="${record ? action : `/ui/${module.slug}`}">Cancel</a>
      </p>
    </form>
    ${view.lines ?? ''}
    ${
      record
        ? html`<h2>System</h2>
            ${meta(record, view.ownerName ?? '')}`
        : ''
    }
    ${view.related ?? ''}
    ${
      record
        ? html`<h2>Danger zone</h2>
            ${deleteControl(module, record)}`
        : ''
    }`;
  return layout({ title, active: module.slug, body });
}
