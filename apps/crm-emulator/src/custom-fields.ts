import type { Database } from 'better-sqlite3';
import * as v from 'valibot';
import type { DataType, FieldSpec } from './metadata';
import { moduleFields } from './standard-fields';
import type { ModuleSpec } from './modules';
import type { ItemResult } from './records/write';

export const customDataTypes = [
  'text',
  'email',
  'phone',
  'picklist',
  'integer',
  'double',
  'currency',
  'date',
  'boolean',
  'textarea',
] as const satisfies readonly DataType[];

/** The body of `POST /__emulator/fields`. */
export const customFieldSchema = v.pipe(
  v.strictObject({
    module: v.pipe(v.string(), v.minLength(1)),
    api_name: v.pipe(
      v.string(),
      v.regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'api_name must be letters, digits and _'),
    ),
    field_label: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
    data_type: v.picklist(customDataTypes),
    length: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32_000))),
    pick_list_values: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  }),
  v.check(
    (f) => f.data_type !== 'picklist' || (f.pick_list_values?.length ?? 0) > 0,
    'a picklist needs pick_list_values',
  ),
);

export type CustomFieldInput = v.InferOutput<typeof customFieldSchema>;

interface CustomFieldRow {
  api_name: string;
  field_label: string;
  data_type: DataType;
  length: number | null;
  pick_list: string | null;
}

const defaultLengths: Partial<Record<DataType, number>> = {
  text: 255,
  email: 100,
  phone: 30,
  picklist: 120,
  textarea: 32_000,
};

/** Custom fields added through the control API, kept in SQLite so a reset clears them. */
export class CustomFields {
  constructor(private readonly db: Database) {}

  /** A module's custom fields, in the order they were added. */
  list(module: string): FieldSpec[] {
    const rows = this.db
      .prepare(
        `SELECT api_name, field_label, data_type, length, pick_list FROM custom_fields
         WHERE module = ? ORDER BY seq`,
      )
      .all(module) as CustomFieldRow[];
    return rows.map((row) => ({
      apiName: row.api_name,
      dataType: row.data_type,
      custom: true,
      label: row.field_label,
      length: row.length ?? undefined,
      pickList: row.pick_list ? (JSON.parse(row.pick_list) as string[]) : undefined,
    }));
  }

  /** Adds the field, or redefines it when the module already has a custom field of that name. */
  add(module: string, input: CustomFieldInput): FieldSpec {
    const label = input.field_label ?? input.api_name.replace(/_/g, ' ');
    const length = input.length ?? defaultLengths[input.data_type] ?? null;
    const pickList = input.pick_list_values ? JSON.stringify(input.pick_list_values) : null;
    this.db
      .prepare(
        `INSERT INTO custom_fields (module, api_name, field_label, data_type, length, pick_list, seq)
         VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM custom_fields))
         ON CONFLICT (module, api_name) DO UPDATE SET field_label = excluded.field_label,
           data_type = excluded.data_type, length = excluded.length, pick_list = excluded.pick_list`,
      )
      .run(module, input.api_name, label, input.data_type, length, pickList);
    const field = this.list(module).find((f) => f.apiName === input.api_name);
    if (!field) throw new Error('the custom field was not stored');
    return field;
  }
}

/** A module's standard fields followed by its custom ones. */
export function allFields(spec: ModuleSpec, custom: CustomFields): FieldSpec[] {
  return [...moduleFields(spec), ...custom.list(spec.apiName)];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with one value of a custom field, as Zoho's `INVALID_DATA` details say it. */
function problem(field: FieldSpec, value: unknown): Record<string, unknown> | undefined {
  const type = field.dataType;
  const expected = { expected_data_type: type };
  if (type === 'integer') return Number.isInteger(value) ? undefined : expected;
  if (type === 'double' || type === 'currency') {
    return typeof value === 'number' && Number.isFinite(value) ? undefined : expected;
  }
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : expected;
  if (typeof value !== 'string') return expected;
  if (type === 'date' && !datePattern.test(value)) return expected;
  if (type === 'email' && !emailPattern.test(value)) return expected;
  if (field.length !== undefined && value.length > field.length) {
    return { maximum_length: field.length };
  }
  if (type === 'picklist' && field.pickList && !field.pickList.includes(value)) {
    return { supported_values: field.pickList };
  }
  return undefined;
}

/**
 * Checks the custom fields of one input record; the standard ones are the writer's to check.
 *
 * @example
 * customFieldFailure(custom.list('Accounts'), { Region: 'Mars' }, 0);
 * // → { ok: false, body: { code: 'INVALID_DATA', details: { api_name: 'Region', supported_values: [...] }, ... } }
 */
export function customFieldFailure(
  fields: readonly FieldSpec[],
  input: unknown,
  index: number,
): ItemResult | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const record = input as Record<string, unknown>;
  for (const field of fields) {
    const value = record[field.apiName];
    if (!field.custom || value === undefined || value === null) continue;
    const details = problem(field, value);
    if (!details) continue;
    return {
      ok: false,
      body: {
        code: 'INVALID_DATA',
        details: {
          api_name: field.apiName,
          json_path: `$.data[${index}].${field.apiName}`,
          ...details,
        },
        message: 'invalid data',
        status: 'error',
      },
    };
  }
  return undefined;
}
