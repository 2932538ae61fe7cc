import { moduleNames, type ModuleSpec } from './modules';
import { ZohoError } from './errors';

export type DataType =
  | 'text'
  | 'phone'
  | 'email'
  | 'website'
  | 'textarea'
  | 'currency'
  | 'double'
  | 'integer'
  | 'date'
  | 'datetime'
  | 'lookup'
  | 'ownerlookup'
  | 'picklist'
  | 'multiselectlookup'
  | 'boolean'
  | 'bigint'
  | 'subform';

/** One standard field of a module, as the emulator describes it in `/settings/fields`. */
export interface FieldSpec {
  apiName: string;
  dataType: DataType;
  readOnly?: boolean;
  /** The module a lookup points at. */
  lookupModule?: string;
  pickList?: readonly string[];
  /** Set on fields added through `/__emulator/fields`. */
  custom?: boolean;
  label?: string;
  length?: number;
}

/** Types on which search's `equals` means *contains*, and `word` searches. */
export const textTypes: ReadonlySet<DataType> = new Set([
  'text',
  'phone',
  'email',
  'website',
  'textarea',
]);
export const numberTypes: ReadonlySet<DataType> = new Set(['currency', 'double', 'integer']);

const jsonTypes: Record<DataType, string> = {
  text: 'string',
  phone: 'string',
  email: 'string',
  website: 'string',
  textarea: 'string',
  picklist: 'string',
  date: 'string',
  datetime: 'string',
  bigint: 'string',
  currency: 'double',
  double: 'double',
  integer: 'integer',
  boolean: 'boolean',
  lookup: 'jsonobject',
  ownerlookup: 'jsonobject',
  multiselectlookup: 'jsonarray',
  subform: 'jsonarray',
};

const lengths: Partial<Record<DataType, number>> = {
  text: 255,
  phone: 30,
  email: 100,
  website: 255,
  textarea: 32000,
  picklist: 120,
  currency: 16,
  double: 16,
  integer: 9,
  bigint: 19,
  lookup: 120,
  ownerlookup: 120,
  // Zoho gives every field a length, dates and check boxes too.
  date: 20,
  datetime: 120,
  boolean: 5,
  multiselectlookup: 2000,
};

/** A stable 19-digit id from a small number, in the emulator's id space. */
export const metaId = (n: number) => String(5725767000000100000n + BigInt(n));

/** A field as `/settings/fields` answers it. */
export function presentField(
  spec: ModuleSpec,
  field: FieldSpec,
  index: number,
  moduleIndex: number,
) {
  const { apiName, dataType } = field;
  const length = field.length ?? lengths[dataType];
  return {
    id: metaId(moduleIndex * 1000 + index),
    api_name: apiName,
    field_label: field.label ?? apiName.replace(/_/g, ' '),
    display_label: field.label ?? apiName.replace(/_/g, ' '),
    data_type: dataType,
    json_type: jsonTypes[dataType],
    custom_field: field.custom ?? false,
    // Zoho leaves `length` out of a field that has none (a subform).
    ...(length === undefined ? {} : { length }),
    decimal_place:
      apiName === 'Exchange_Rate' ? 9 : dataType === 'currency' || dataType === 'double' ? 2 : null,
    pick_list_values: (field.pickList ?? []).map((value, i) => ({
      id: metaId(moduleIndex * 1000 + index * 20 + 500 + i),
      display_value: value,
      actual_value: value,
      sequence_number: i + 1,
    })),
    lookup: field.lookupModule
      ? {
          display_label: field.lookupModule,
          api_name: apiName,
          // The id `/settings/modules` gives the module the lookup points at.
          module: {
            api_name: field.lookupModule,
            id: metaId(90000 + moduleNames.indexOf(field.lookupModule)),
          },
        }
      : {},
    read_only: field.readOnly ?? false,
    system_mandatory: spec.mandatory.includes(apiName),
    unique: apiName === spec.duplicateField ? { casesensitive: '0' } : {},
  };
}

/** A predefined custom view; its `id` is the `cvid` of a list request. */
export interface ViewSpec {
  id: string;
  kind: 'all' | 'mine' | 'recent';
  name: string;
  systemName: string;
  /** False for a view an admin made (`POST /__emulator/views`): never the default. */
  systemDefined?: boolean;
}

export const RECENT_SECONDS = 7 * 24 * 3600;

/** The views every module has: All (the default), My, Recently Created (last 7 days). */
export function moduleViews(moduleIndex: number, moduleName: string): ViewSpec[] {
  const label = moduleName.replace(/_/g, ' ');
  const base = 50000 + moduleIndex * 10;
  return [
    { id: metaId(base + 1), kind: 'all', name: `All ${label}`, systemName: 'ALLVIEWS' },
    { id: metaId(base + 2), kind: 'mine', name: `My ${label}`, systemName: 'MYVIEWS' },
    {
      id: metaId(base + 3),
      kind: 'recent',
      name: `Recently Created ${label}`,
      systemName: 'RECENTLYCREATED',
    },
  ];
}

export function presentView(view: ViewSpec) {
  const criteria =
    view.kind === 'mine'
      ? { comparator: 'equal', field: { api_name: 'Owner' }, value: '${CURRENTUSER}' }
      : view.kind === 'recent'
        ? { comparator: 'equal', field: { api_name: 'Created_Time' }, value: '${LAST7DAYS}' }
        : null;
  return {
    id: view.id,
    name: view.name,
    display_value: view.name,
    system_name: view.systemName,
    system_defined: view.systemDefined ?? true,
    default: view.kind === 'all' && view.systemDefined !== false,
    criteria,
  };
}

export const profiles = [
  {
    id: '900000020',
    name: 'Administrator',
    display_label: 'Administrator',
    default: false,
    description: 'This profile will have all the permissions.',
  },
  {
    id: '900000021',
    name: 'Standard',
    display_label: 'Standard',
    default: true,
    description: 'This profile will have all the permissions except administrative privileges.',
  },
  {
    id: '900000022',
    name: 'Sales',
    display_label: 'Sales',
    default: false,
    description: 'Sales staff: records of the sales modules, no setup.',
  },
];

/**
 * The filter of the view `cvid` of a module, among its predefined views and
 * `custom` ones; `INVALID_DATA` when the module has no such view (or it was deleted).
 */
export function viewFilter(
  moduleIndex: number,
  moduleName: string,
  cvid: string,
  userId: string,
  now: number,
  custom: readonly ViewSpec[] = [],
): { ownerId?: string; createdAfter?: number } {
  const view = [...moduleViews(moduleIndex, moduleName), ...custom].find((v) => v.id === cvid);
  if (!view) {
    throw new ZohoError('INVALID_DATA', 'the given cvid seems to be invalid', 400, {
      param_name: 'cvid',
    });
  }
  if (view.kind === 'mine') return { ownerId: userId };
  if (view.kind === 'recent') return { createdAfter: now - RECENT_SECONDS };
  return {};
}
