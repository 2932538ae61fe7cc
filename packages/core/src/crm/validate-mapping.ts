import type { CompatibilityCode, CrmField, KanjoField } from './fields';
import { KANJO_CONTACT_FIELDS, compatibility } from './fields';
import type { CrmSyncSettings } from './settings';

export type MappingList = 'accounts' | 'linkedContacts' | 'unlinkedContacts';

export type MappingProblemCode =
  | CompatibilityCode
  | 'UNKNOWN_CRM_FIELD'
  | 'UNKNOWN_KANJO_FIELD'
  /** A field the individual-name rule owns (displayName ↔ First_Name + Last_Name). */
  | 'RESERVED';

export interface MappingProblem {
  list: MappingList;
  index: number;
  kanjo: string;
  crm: string;
  code: MappingProblemCode;
  reason: string;
}

/** Fields the fixed individual-name rule reads and writes on unlinked Contacts. */
const NAME_RULE_CRM = new Set(['First_Name', 'Last_Name', 'Full_Name']);

/**
 * Every problem of the mappings the settings use: the lists of the chosen
 * module only (an unused list may be stale without harm), each pair checked
 * for existence on both sides and for compatibility under the chosen extent.
 * @example validateMapping(DEFAULT_CRM_SYNC_SETTINGS, { crmFields, kanjoFields }) // []
 */
export function validateMapping(
  settings: CrmSyncSettings,
  catalogue: {
    crmFields: { Accounts?: readonly CrmField[]; Contacts?: readonly CrmField[] };
    kanjoFields: readonly KanjoField[];
  },
): MappingProblem[] {
  const { module, includeUnlinkedContacts, extent, mapping } = settings.customers;
  const { crmFields, kanjoFields } = catalogue;
  const problems: MappingProblem[] = [];
  const check = (
    list: MappingList,
    pairs: readonly { kanjo: string; crm: string }[],
    crm: readonly CrmField[],
    kanjo: readonly KanjoField[],
  ) => {
    pairs.forEach((pair, index) => {
      const found = checkPair(list, pair, crm, kanjo, extent);
      if (found) problems.push({ list, index, ...pair, ...found });
    });
  };
  if (module !== 'contacts')
    check('accounts', mapping.accounts, crmFields.Accounts ?? [], kanjoFields);
  if (module === 'accountsAndContacts') {
    check('linkedContacts', mapping.linkedContacts, crmFields.Contacts ?? [], KANJO_CONTACT_FIELDS);
  }
  if (module === 'contacts' || (module === 'accountsAndContacts' && includeUnlinkedContacts)) {
    check('unlinkedContacts', mapping.unlinkedContacts, crmFields.Contacts ?? [], kanjoFields);
  }
  return problems;
}

function checkPair(
  list: MappingList,
  pair: { kanjo: string; crm: string },
  crmFields: readonly CrmField[],
  kanjoFields: readonly KanjoField[],
  extent: CrmSyncSettings['customers']['extent'],
): { code: MappingProblemCode; reason: string } | undefined {
  if (
    list === 'unlinkedContacts' &&
    (pair.kanjo === 'displayName' || NAME_RULE_CRM.has(pair.crm))
  ) {
    return {
      code: 'RESERVED',
      reason:
        'An individual’s display name is made from First_Name and Last_Name; it cannot be mapped',
    };
  }
  const kanjo = kanjoFields.find((field) => field.path === pair.kanjo);
  if (!kanjo) return { code: 'UNKNOWN_KANJO_FIELD', reason: `Kanjo has no field ${pair.kanjo}` };
  const crm = crmFields.find((field) => field.apiName === pair.crm);
  if (!crm) return { code: 'UNKNOWN_CRM_FIELD', reason: `The CRM has no field ${pair.crm}` };
  const verdict = compatibility(kanjo, crm, extent);
  return verdict.ok ? undefined : { code: verdict.code, reason: verdict.reason };
}
