import { withStageProbability } from '../deal-stages';
import { completeDocument, computedFields, lineItemsField } from '../inventory/document';
import type { ModuleSpec } from '../modules';
import type { Store, StoredRecord, User } from '../store';
import { picklistFailure } from './picklists';
import { writeDetails } from './present';

export interface WriteContext {
  store: Store;
  spec: ModuleSpec;
  user: User;
  now: number;
}

export type ItemResult = { ok: boolean; body: Record<string, unknown> };

const systemFields = new Set([
  'id',
  'Owner',
  'Created_By',
  'Modified_By',
  'Created_Time',
  'Modified_Time',
  'Full_Name',
]);

const failure = (code: string, message: string, details: Record<string, unknown>): ItemResult => ({
  ok: false,
  body: { code, details, message, status: 'error' },
});

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The writable fields of an input record: system fields are the emulator's to set, and an
 * inventory record's totals are Zoho's to compute (a value sent for them is ignored).
 */
function writable(spec: ModuleSpec, input: Record<string, unknown>): Record<string, unknown> {
  const computed: readonly string[] = lineItemsField(spec.apiName) ? computedFields : [];
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !systemFields.has(key) && !computed.includes(key)),
  );
}

/** `Owner: { id }` or a bare id; Created_By and Modified_By stay the caller (no impersonation). */
function ownerOf(
  ctx: WriteContext,
  input: Record<string, unknown>,
  index: number,
): { ownerId: string | undefined } | { failure: ItemResult } {
  const value = input.Owner;
  if (value === undefined || value === null) return { ownerId: undefined };
  const raw = isObject(value) ? value.id : value;
  const id = typeof raw === 'number' ? String(raw) : raw;
  if (typeof id === 'string' && ctx.store.findUser(id)) return { ownerId: id };
  return {
    failure: failure('INVALID_DATA', 'invalid data', {
      api_name: 'Owner',
      json_path: `$.data[${index}].Owner`,
      expected_data_type: 'ownerlookup',
    }),
  };
}

/**
 * The record after this write, with the values the CRM fills in itself: a deal's new stage
 * brings its probability; an inventory record's lines and totals are computed (or refused).
 */
function completed(
  ctx: WriteContext,
  patch: Record<string, unknown>,
  index: number,
  previous?: StoredRecord,
): { data: Record<string, unknown> } | { failure: ItemResult } {
  if (ctx.spec.apiName === 'Deals') {
    return {
      data: { ...previous?.data, ...withStageProbability({ patch, previous: previous?.data }) },
    };
  }
  const { store, spec } = ctx;
  const done = completeDocument({
    store,
    module: spec.apiName,
    patch,
    previous: previous?.data,
    index,
  });
  return done.ok ? { data: done.value } : { failure: done.failure };
}

/** Mandatory and type checks; on update only the fields present are checked. */
function validate(
  ctx: WriteContext,
  data: Record<string, unknown>,
  index: number,
  insert: boolean,
) {
  for (const field of ctx.spec.mandatory) {
    if ((insert || field in data) && isBlank(data[field])) {
      return failure('MANDATORY_NOT_FOUND', 'required field not found', {
        api_name: field,
        json_path: `$.data[${index}].${field}`,
      });
    }
  }
  const picklist = picklistFailure(ctx.spec, data, index);
  if (picklist) return picklist;
  for (const field of ctx.spec.numberFields) {
    const value = data[field];
    if (value !== undefined && value !== null && typeof value !== 'number') {
      return failure('INVALID_DATA', 'invalid data', {
        api_name: field,
        json_path: `$.data[${index}].${field}`,
        expected_data_type: 'double',
      });
    }
  }
  return undefined;
}

function findDuplicate(ctx: WriteContext, field: string, value: unknown): StoredRecord | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return ctx.store.findByField(ctx.spec.apiName, field, value);
}

function duplicateFailure(ctx: WriteContext, existing: StoredRecord, index: number): ItemResult {
  const field = ctx.spec.duplicateField;
  const owner = ctx.store.user(existing.ownerId);
  return failure('DUPLICATE_DATA', 'duplicate data', {
    api_name: field,
    json_path: `$.data[${index}].${field}`,
    id: existing.id,
    duplicate_record: {
      id: existing.id,
      Owner: { name: owner.name, id: owner.id },
      module: { api_name: ctx.spec.apiName },
    },
  });
}

const success = (ctx: WriteContext, record: StoredRecord, added: boolean): ItemResult => ({
  ok: true,
  body: {
    code: 'SUCCESS',
    details: writeDetails(ctx.store, record),
    message: added ? 'record added' : 'record updated',
    status: 'success',
  },
});

const notObject = (index: number) =>
  failure('INVALID_DATA', 'invalid data', {
    json_path: `$.data[${index}]`,
    expected_data_type: 'jsonobject',
  });

/** Insert one record; a duplicate of the system duplicate-check field is refused. */
export function insertOne(ctx: WriteContext, input: unknown, index: number): ItemResult {
  if (!isObject(input)) return notObject(index);
  const data = writable(ctx.spec, input);
  const invalid = validate(ctx, data, index, true);
  if (invalid) return invalid;
  const owner = ownerOf(ctx, input, index);
  if ('failure' in owner) return owner.failure;
  const existing = findDuplicate(ctx, ctx.spec.duplicateField, data[ctx.spec.duplicateField]);
  if (existing) return duplicateFailure(ctx, existing, index);
  const stored = completed(ctx, data, index);
  if ('failure' in stored) return stored.failure;
  const { apiName } = ctx.spec;
  const record = ctx.store.insert(apiName, stored.data, ctx.user.id, ctx.now, owner.ownerId);
  return success(ctx, record, true);
}

/** Update one record by id; `unmodifiedSince` makes it conditional (`ALREADY_MODIFIED`). */
export function updateOne(
  ctx: WriteContext,
  input: unknown,
  index: number,
  unmodifiedSince?: number,
): ItemResult {
  if (!isObject(input)) return notObject(index);
  const id = input.id;
  const idPath = { api_name: 'id', json_path: `$.data[${index}].id` };
  if (typeof id !== 'string' || id === '') {
    return failure('MANDATORY_NOT_FOUND', 'required field not found', idPath);
  }
  const record = ctx.store.get(ctx.spec.apiName, id);
  if (!record)
    return failure('INVALID_DATA', 'the id given seems to be invalid', { ...idPath, id });
  if (unmodifiedSince !== undefined && record.modifiedTime > unmodifiedSince) {
    return failure('ALREADY_MODIFIED', 'the record was modified after the given time', { id });
  }
  return applyUpdate(ctx, record, input, index);
}

function applyUpdate(
  ctx: WriteContext,
  record: StoredRecord,
  input: Record<string, unknown>,
  index: number,
): ItemResult {
  const patch = writable(ctx.spec, input);
  const invalid = validate(ctx, patch, index, false);
  if (invalid) return invalid;
  const owner = ownerOf(ctx, input, index);
  if ('failure' in owner) return owner.failure;
  const existing = findDuplicate(ctx, ctx.spec.duplicateField, patch[ctx.spec.duplicateField]);
  if (existing && existing.id !== record.id) return duplicateFailure(ctx, existing, index);
  const data = completed(ctx, patch, index, record);
  if ('failure' in data) return data.failure;
  const updated = ctx.store.update(record, data.data, ctx.user.id, ctx.now, owner.ownerId);
  return success(ctx, updated, false);
}

/** Insert, or update the first record matching a duplicate-check field (in the given order). */
export function upsertOne(
  ctx: WriteContext,
  input: unknown,
  index: number,
  duplicateCheckFields: readonly string[],
): ItemResult {
  if (!isObject(input)) return notObject(index);
  const data = writable(ctx.spec, input);
  for (const field of duplicateCheckFields) {
    const existing = findDuplicate(ctx, field, data[field]);
    if (!existing) continue;
    const result = applyUpdate(ctx, existing, input, index);
    return result.ok
      ? { ok: true, body: { ...result.body, action: 'update', duplicate_field: field } }
      : result;
  }
  const result = insertOne(ctx, input, index);
  return result.ok
    ? { ok: true, body: { ...result.body, action: 'insert', duplicate_field: null } }
    : result;
}

/** Zoho's batch status: all succeeded → `allOk`; none → 400 (412 if all were stale); else 207. */
export function batchStatus(
  results: readonly ItemResult[],
  allOk: 200 | 201,
): 200 | 201 | 207 | 400 | 412 {
  const succeeded = results.filter((r) => r.ok).length;
  if (succeeded === results.length) return allOk;
  if (succeeded > 0) return 207;
  return results.every((r) => r.body.code === 'ALREADY_MODIFIED') ? 412 : 400;
}
