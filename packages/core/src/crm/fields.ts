import type { CustomerFieldDefinition } from '../schemas/organization';
import type { SyncExtent } from './settings';

/**
 * Which Kanjo field may map to which CRM field ("type-incompatible pairs
 * are refused with a reason"). The rule, in one breath: text goes with text,
 * numbers with numbers, dates with dates, yes/no with yes/no; lookups never;
 * read-only CRM fields only when fetching. Differences that fail only for
 * some values (a shorter CRM length, a CRM email field fed from free text, a
 * picklist fed from free text) are allowed with a warning: the CRM refuses
 * those records one by one and the sync run reports them.
 */

export const KANJO_FIELD_TYPES = [
  'text',
  'email',
  'phone',
  'url',
  'textarea',
  'number',
  'date',
  'boolean',
  'select',
] as const;
export type KanjoFieldType = (typeof KANJO_FIELD_TYPES)[number];

export interface KanjoField {
  path: string;
  type: KanjoFieldType;
  maxLength?: number;
  options?: readonly string[];
}

/** A CRM field as `/settings/fields` describes it (api_name, data_type, length…). */
export interface CrmField {
  apiName: string;
  dataType: string;
  length?: number | null;
  readOnly?: boolean;
  pickList?: readonly string[];
}

export type CompatibilityCode =
  'TYPE_MISMATCH' | 'READ_ONLY' | 'TOO_SHORT' | 'LOOKUP' | 'PICKLIST' | 'UNSUPPORTED';

export type Compatibility =
  { ok: true; warning?: string } | { ok: false; code: CompatibilityCode; reason: string };

const STANDARD_CUSTOMER_FIELDS: readonly KanjoField[] = [
  { path: 'displayName', type: 'text', maxLength: 200 },
  { path: 'companyName', type: 'text', maxLength: 200 },
  { path: 'email', type: 'email', maxLength: 254 },
  { path: 'phone', type: 'phone', maxLength: 50 },
  { path: 'mobile', type: 'phone', maxLength: 50 },
  { path: 'fax', type: 'phone', maxLength: 50 },
  { path: 'website', type: 'url', maxLength: 300 },
  { path: 'notes', type: 'textarea', maxLength: 5000 },
  ...(['billingAddress', 'shippingAddress'] as const).flatMap((address) => [
    { path: `${address}.street`, type: 'text' as const, maxLength: 500 },
    { path: `${address}.city`, type: 'text' as const, maxLength: 100 },
    { path: `${address}.state`, type: 'text' as const, maxLength: 100 },
    { path: `${address}.postalCode`, type: 'text' as const, maxLength: 20 },
    { path: `${address}.country`, type: 'text' as const, maxLength: 100 },
  ]),
];

/** The contact-person fields a linked Contact maps to. */
export const KANJO_CONTACT_FIELDS: readonly KanjoField[] = [
  { path: 'contact.firstName', type: 'text', maxLength: 100 },
  { path: 'contact.lastName', type: 'text', maxLength: 100 },
  { path: 'contact.email', type: 'email', maxLength: 254 },
  { path: 'contact.phone', type: 'phone', maxLength: 50 },
  { path: 'contact.mobile', type: 'phone', maxLength: 50 },
];

/**
 * Every customer field a mapping may name: the standard ones and the
 * organization's custom fields as `customFields.<key>`.
 * @example kanjoCustomerFields([{ key: 'region', label: 'Region', type: 'text' }]).at(-1)
 * // { path: 'customFields.region', type: 'text', maxLength: 1000 }
 */
export function kanjoCustomerFields(
  customerFields: readonly CustomerFieldDefinition[],
): KanjoField[] {
  const custom = customerFields.map((field): KanjoField => {
    const path = `customFields.${field.key}`;
    if (field.type === 'select') return { path, type: 'select', options: field.options ?? [] };
    if (field.type === 'text') return { path, type: 'text', maxLength: 1000 };
    return { path, type: field.type };
  });
  return [...STANDARD_CUSTOMER_FIELDS, ...custom];
}

const CRM_TEXT = new Set(['text', 'textarea', 'email', 'phone', 'website']);
const CRM_NUMBER = new Set(['integer', 'double', 'currency', 'bigint', 'decimal', 'percent']);
const CRM_LOOKUP = new Set(['lookup', 'ownerlookup', 'multiselectlookup', 'userlookup']);
const KANJO_TEXT = new Set<KanjoFieldType>(['text', 'email', 'phone', 'url', 'textarea']);
/** The format a text field checks, when it checks one. */
const KANJO_FORMAT: Partial<Record<KanjoFieldType, string>> = { email: 'email', url: 'website' };
const CRM_FORMAT: Partial<Record<string, string>> = { email: 'email', website: 'website' };

/**
 * Whether `kanjo` may map to `crm` when syncing with `extent`, and why not.
 * @example compatibility({ path: 'phone', type: 'phone' }, { apiName: 'Owner', dataType: 'ownerlookup' })
 * // { ok: false, code: 'LOOKUP', reason: 'Owner points at another CRM record …' }
 */
export function compatibility(
  kanjo: KanjoField,
  crm: CrmField,
  extent: SyncExtent = 'both',
): Compatibility {
  const name = crm.apiName;
  if (CRM_LOOKUP.has(crm.dataType)) {
    return refuse(
      'LOOKUP',
      `${name} points at another CRM record; only plain values can be mapped`,
    );
  }
  if (crm.readOnly && extent === 'both') {
    return refuse('READ_ONLY', `${name} is read-only in the CRM; map it only when fetching`);
  }
  if (KANJO_TEXT.has(kanjo.type)) return textCompatibility(kanjo, crm, extent);
  if (kanjo.type === 'select') return selectCompatibility(kanjo, crm, extent);
  if (kanjo.type === 'number' && CRM_NUMBER.has(crm.dataType)) {
    return crm.dataType === 'integer' && extent === 'both'
      ? { ok: true, warning: `${name} holds whole numbers; a value with decimals is refused` }
      : { ok: true };
  }
  if (kanjo.type === crm.dataType && (kanjo.type === 'date' || kanjo.type === 'boolean')) {
    return { ok: true };
  }
  return mismatch(kanjo, crm);
}

function textCompatibility(kanjo: KanjoField, crm: CrmField, extent: SyncExtent): Compatibility {
  const name = crm.apiName;
  if (crm.dataType === 'picklist') {
    return {
      ok: true,
      warning:
        extent === 'both'
          ? `${name} is a picklist: a Kanjo value outside its options is refused by the CRM`
          : undefined,
    };
  }
  if (!CRM_TEXT.has(crm.dataType)) return mismatch(kanjo, crm);
  const warnings: string[] = [];
  const kanjoFormat = KANJO_FORMAT[kanjo.type];
  const crmFormat = CRM_FORMAT[crm.dataType];
  if (extent === 'both' && crmFormat && crmFormat !== kanjoFormat) {
    warnings.push(`${name} accepts only ${crmFormat} values; others are refused by the CRM`);
  }
  if (kanjoFormat && kanjoFormat !== crmFormat) {
    warnings.push(
      `Kanjo's ${kanjo.path} accepts only ${kanjoFormat} values; others are not imported`,
    );
  }
  if (extent === 'both' && crm.length && kanjo.maxLength && crm.length < kanjo.maxLength) {
    warnings.push(
      `${name} holds ${crm.length} characters (Kanjo ${kanjo.maxLength}); longer values are refused`,
    );
  }
  return warnings.length > 0 ? { ok: true, warning: warnings.join('. ') } : { ok: true };
}

function selectCompatibility(kanjo: KanjoField, crm: CrmField, extent: SyncExtent): Compatibility {
  const options = kanjo.options ?? [];
  const name = crm.apiName;
  if (crm.dataType === 'picklist') {
    const pickList = new Set(crm.pickList ?? []);
    const missing = options.filter((option) => !pickList.has(option));
    if (extent === 'both' && missing.length > 0) {
      return refuse('PICKLIST', `${name} has no option ${missing.map((m) => `"${m}"`).join(', ')}`);
    }
    const extra = [...pickList].filter((value) => !options.includes(value));
    return extra.length > 0
      ? {
          ok: true,
          warning: `Kanjo's ${kanjo.path} has no option ${extra.map((e) => `"${e}"`).join(', ')}`,
        }
      : { ok: true };
  }
  if (crm.dataType !== 'text' && crm.dataType !== 'textarea') return mismatch(kanjo, crm);
  const longest = Math.max(0, ...options.map((option) => option.length));
  if (extent === 'both' && crm.length && longest > crm.length) {
    return refuse('TOO_SHORT', `${name} holds ${crm.length} characters; an option has ${longest}`);
  }
  return {
    ok: true,
    warning: `Values of ${name} that are not options of ${kanjo.path} are not imported`,
  };
}

function mismatch(kanjo: KanjoField, crm: CrmField): Compatibility {
  const known =
    CRM_TEXT.has(crm.dataType) ||
    CRM_NUMBER.has(crm.dataType) ||
    ['picklist', 'date', 'datetime', 'boolean'].includes(crm.dataType);
  if (!known) {
    return refuse(
      'UNSUPPORTED',
      `${crm.apiName} is a ${crm.dataType} field, which Kanjo cannot map`,
    );
  }
  return refuse(
    'TYPE_MISMATCH',
    `${crm.apiName} is a ${crm.dataType} field; Kanjo's ${kanjo.path} is ${kanjo.type}`,
  );
}

function refuse(code: CompatibilityCode, reason: string): Compatibility {
  return { ok: false, code, reason };
}
