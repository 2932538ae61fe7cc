import { nowSeconds, type EmulatorContext } from '../context';
import { allFields, customFieldFailure } from '../custom-fields';
import type { FieldSpec } from '../metadata';
import { moduleSpec } from '../modules';
import { insertOne, updateOne, type ItemResult, type WriteContext } from '../records/write';
import type { StoredRecord } from '../store';
import { fieldLabel } from './form';
import { recordName, uiModuleOf, type UiModule } from './ui-modules';

export type SaveResult = { ok: true; id: string } | { ok: false; message: string; field?: string };

const refused = (message: string, field?: string): SaveResult => ({ ok: false, message, field });

/** Lookups arrive as `{ id }`; Zoho stores `{ id, name }`, so the name is read from the target. */
function resolveLookups(
  ctx: EmulatorContext,
  fields: readonly FieldSpec[],
  input: Record<string, unknown>,
): SaveResult | undefined {
  for (const field of fields) {
    const value = input[field.apiName];
    if (field.dataType !== 'lookup' || !field.lookupModule || typeof value !== 'object' || !value)
      continue;
    const id = 'id' in value ? String(value.id) : '';
    const target = ctx.store.get(field.lookupModule, id);
    if (!target) return refused(`no ${field.lookupModule} record has the id ${id}`, field.apiName);
    const module = uiModuleOf(field.lookupModule);
    input[field.apiName] = { id, name: module ? recordName(module, target) : id };
  }
  return undefined;
}

/**
 * A deal form sends every field, Probability too; one left as stored was not typed, so it is
 * dropped and the writers give a new stage its default probability (see deal-stages.ts).
 */
function dropUntypedProbability(input: Record<string, unknown>, previous?: StoredRecord): void {
  if (input.Stage !== previous?.data.Stage && input.Probability === previous?.data.Probability) {
    delete input.Probability;
  }
}

function failureOf(fields: readonly FieldSpec[], result: ItemResult): SaveResult {
  const details = result.body.details as Record<string, unknown> | undefined;
  const apiName = typeof details?.api_name === 'string' ? details.api_name : undefined;
  const field = fields.find((f) => f.apiName === apiName);
  const message = `${String(result.body.message)} (${String(result.body.code)})`;
  return refused(field ? `${fieldLabel(field)}: ${message}` : message, apiName);
}

/**
 * Creates (no `id`) or updates a record as the CRM admin, through the REST API's own writers:
 * same validation, same Modified_Time, same Store calls (and so the same change listeners).
 *
 * @example
 * saveRecord({ ctx, module: uiModule('accounts'), input: { Account_Name: 'Acme' } });
 */
export function saveRecord(args: {
  ctx: EmulatorContext;
  module: UiModule;
  input: Record<string, unknown>;
  id?: string;
}): SaveResult {
  const { ctx, id } = args;
  const spec = moduleSpec(args.module.apiName);
  const fields = allFields(spec, ctx.customFields);
  const previous = id === undefined ? undefined : ctx.store.get(spec.apiName, id);
  if (id !== undefined && !previous) return refused('the record no longer exists');
  // A new record leaves empty fields out, as a Zoho form does; an edit sends null to clear them.
  const input =
    id === undefined
      ? Object.fromEntries(Object.entries(args.input).filter(([, value]) => value !== null))
      : { ...args.input };
  const badLookup = resolveLookups(ctx, fields, input);
  if (badLookup) return badLookup;
  if (spec.apiName === 'Deals') dropUntypedProbability(input, previous);
  const w: WriteContext = { store: ctx.store, spec, user: ctx.store.admin(), now: nowSeconds(ctx) };
  const custom = ctx.customFields.list(spec.apiName);
  const result = ctx.store.transaction(
    () =>
      customFieldFailure(custom, input, 0) ??
      (id === undefined ? insertOne(w, input, 0) : updateOne(w, { ...input, id }, 0)),
  );
  if (!result.ok) return failureOf(fields, result);
  const details = result.body.details as { id: string };
  return { ok: true, id: details.id };
}

/** Deletes a record as the CRM admin, as `DELETE /crm/v8/{module}?ids=` does. */
export function deleteRecord(args: {
  ctx: EmulatorContext;
  module: UiModule;
  id: string;
}): boolean {
  const { ctx } = args;
  const admin = ctx.store.admin();
  return ctx.store.transaction(() =>
    ctx.store.delete(args.module.apiName, args.id, admin.id, nowSeconds(ctx)),
  );
}
