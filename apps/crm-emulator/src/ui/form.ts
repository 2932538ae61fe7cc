import { html } from 'hono/html';
import { numberTypes, type FieldSpec } from '../metadata';
import type { Html } from './layout';

/** What a form field shows: a stored value, or exactly what the user typed. */
export type FormValues = Record<string, unknown>;

/** A lookup's choices: id and display name. */
export type Choice = { id: string; name: string };

const uneditable = new Set(['ownerlookup', 'multiselectlookup', 'subform']);

/** Fields the form edits; system and read-only fields are shown, not edited. */
export const editable = (fields: readonly FieldSpec[]) =>
  fields.filter((f) => !f.readOnly && !uneditable.has(f.dataType));

export const fieldLabel = (f: FieldSpec) => f.label ?? f.apiName.replace(/_/g, ' ');

/** A stored or typed value as an input's text: lookups show their id. */
export function formText(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'object' && 'id' in value) return formText(value.id);
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const inputTypes: Partial<Record<FieldSpec['dataType'], string>> = {
  email: 'email',
  phone: 'tel',
  date: 'date',
};

function control(args: {
  field: FieldSpec;
  value: unknown;
  id: string;
  attrs: Html;
  choices?: readonly Choice[];
}): Html {
  const { field, value, id, attrs } = args;
  const current = formText(value);
  const name = field.apiName;
  const options = (items: readonly Choice[]) =>
    html`<select id="${id}" name="${name}" ${attrs}>
      <option value="">— None —</option>
      ${items.map((o) => html`<option value="${o.id}" ${o.id === current ? 'selected' : ''}>${o.name}</option>`)}
      ${current && !items.some((o) => o.id === current) ? html`<option selected value="${current}">${current}</option>` : ''}
    </select>`;
  if (field.dataType === 'boolean') {
    const checked = value === true || value === 'on';
    return html`<input
      type="checkbox"
      id="${id}"
      name="${name}"
      ${checked ? 'checked' : ''}
      ${attrs}
    />`;
  }
  if (field.dataType === 'textarea') {
    return html`<textarea id="${id}" name="${name}" ${attrs}>${current}</textarea>`;
  }
  if (field.pickList) return options(field.pickList.map((p) => ({ id: p, name: p })));
  if (field.dataType === 'lookup' && args.choices) return options(args.choices);
  const type = inputTypes[field.dataType] ?? 'text';
  const mode = numberTypes.has(field.dataType) ? 'inputmode="decimal"' : '';
  return html`<input
    type="${type}"
    id="${id}"
    name="${name}"
    value="${current}"
    ${mode}
    ${attrs}
  />`;
}

/**
 * One labelled form field; `error` marks it invalid and says why next to it.
 *
 * @example
 * fieldInput({ field: { apiName: 'Phone', dataType: 'phone' }, value: '+81…', required: false });
 */
export function fieldInput(args: {
  field: FieldSpec;
  value: unknown;
  required: boolean;
  error?: string;
  choices?: readonly Choice[];
}): Html {
  const { field, error } = args;
  const id = `f-${field.apiName}`;
  const hint = field.dataType === 'lookup' && !args.choices ? ' (id)' : '';
  const attrs = html`${args.required ? 'required' : ''}
  ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}`;
  const wide = field.dataType === 'textarea' ? 'wide' : '';
  return html`<div class="${wide}">
    <label for="${id}">${fieldLabel(field)}${hint}${args.required ? ' *' : ''}</label>
    ${control({ field, value: args.value, id, attrs, choices: args.choices })}
    ${error ? html`<div class="error" id="${id}-error">${error}</div>` : ''}
  </div>`;
}

/** A typed number, or the text as typed so the writer refuses it as Zoho would. */
function toNumber(text: string): number | string {
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : text;
}

/**
 * A submitted form as a record input: empty means null, numbers parsed, an unchecked box false,
 * a lookup `{ id }` (its name is filled in by the caller).
 */
export function parseForm(fields: readonly FieldSpec[], form: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of editable(fields)) {
    const raw = form[field.apiName];
    if (field.dataType === 'boolean') {
      input[field.apiName] = raw === 'on' || raw === 'true';
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') input[field.apiName] = null;
    else if (numberTypes.has(field.dataType)) input[field.apiName] = toNumber(text);
    else if (field.dataType === 'lookup') input[field.apiName] = { id: text };
    else input[field.apiName] = typeof raw === 'string' ? raw : text;
  }
  return input;
}
