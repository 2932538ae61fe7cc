import {
  DOCUMENT_CRM_MODULES,
  DOCUMENT_LINE_FIELDS,
  DOCUMENT_STATUS_FIELDS,
  crmPicklistValue,
  documentCrmFields,
  documentCrmLines,
  documentStateLabel,
  type CrmDocumentInput,
  type CrmDocumentParties,
  type CrmFieldInfo,
  type CrmTax,
  type FlatFields,
  type RoundingMode,
} from '@kanjo/core';

/**
 * One document's CRM values, or why it cannot go yet: the header fields the
 * org's picklists allow, its line items with the org's taxes, and Zoho's
 * mandatory fields filled. Pure: the CRM facts are read by the caller.
 */

/** Why a document waits (kept on its outbox row; reported once per reason). */
export const WAIT_CODES = {
  tax: 'CRM_TAX_MISSING',
  account: 'CRM_ACCOUNT_MISSING',
  field: 'CRM_FIELD_MISSING',
} as const;
export type WaitCode = (typeof WAIT_CODES)[keyof typeof WAIT_CODES];

export type DocumentPlan =
  { ok: true; fields: FlatFields; notes: string[] } | { ok: false; code: WaitCode; reason: string };

export interface PlanFacts {
  parties: CrmDocumentParties;
  /** The module's fields in the org (mandatory flags, picklists). */
  fields: readonly CrmFieldInfo[];
  taxes: readonly CrmTax[];
  productFor: (itemId: string | undefined) => string;
  roundingMode: RoundingMode;
}

const KIND_PLURALS = { quote: 'quotes', salesOrder: 'sales orders', invoice: 'invoices' } as const;

/** Mandatory on Zoho's inventory modules unless the org's fields say otherwise. */
const DEFAULT_MANDATORY = ['Subject', 'Account_Name'];
/** Filled by the CRM itself when absent (the owner: the connection's user). */
const CRM_FILLED = new Set(['Owner']);

export function planDocument(input: CrmDocumentInput, facts: PlanFacts): DocumentPlan | null {
  const header = documentCrmFields(input, facts.parties);
  if (!header) return null;
  const module = DOCUMENT_CRM_MODULES[input.kind];
  const lineField = DOCUMENT_LINE_FIELDS[module];
  const missing = missingMandatory(input, header, facts);
  if (missing) return missing;
  const lines = documentCrmLines(input.document, {
    roundingMode: facts.roundingMode,
    taxes: facts.taxes,
    productFor: (line) => facts.productFor(line.itemId),
  });
  if (!lines.ok) {
    const rates = lines.missingRates.map((rate) => `${rate}%`).join(', ');
    const reason = `waits: the CRM has no ${rates} tax (each line's tax must be one of the CRM org's taxes)`;
    return { ok: false, code: WAIT_CODES.tax, reason };
  }
  const notes = checkPicklist(input, header, facts.fields);
  return { ok: true, fields: { ...header, [lineField]: JSON.stringify(lines.lines) }, notes };
}

function missingMandatory(
  input: CrmDocumentInput,
  header: FlatFields,
  facts: PlanFacts,
): DocumentPlan | null {
  const known = new Set(facts.fields.map((field) => field.apiName));
  const lineField = DOCUMENT_LINE_FIELDS[DOCUMENT_CRM_MODULES[input.kind]];
  const mandatory = [
    ...DEFAULT_MANDATORY.filter((name) => !known.has(name)).map((name) => ({ name, label: name })),
    ...facts.fields
      .filter((field) => field.mandatory && !field.readOnly)
      .map((field) => ({ name: field.apiName, label: field.label })),
  ].filter(({ name }) => name !== lineField && !CRM_FILLED.has(name));
  const plural = KIND_PLURALS[input.kind];
  for (const { name, label } of mandatory) {
    if (name in header && header[name] !== null) continue;
    if (name === 'Account_Name') {
      const why = facts.parties.contactId ? ": the customer's CRM Contact has no Account" : '';
      return {
        ok: false,
        code: WAIT_CODES.account,
        reason: `waits: Zoho needs an Account for ${plural}${why}`,
      };
    }
    const why = name in header ? '' : ', which Kanjo does not fill';
    return {
      ok: false,
      code: WAIT_CODES.field,
      reason: `waits: Zoho needs ${label} for ${plural}${why}`,
    };
  }
  return null;
}

/**
 * The status goes only as a value of the org's picklist: a Kanjo state the
 * picklist has no value for is left out (the rest of the document still
 * goes) and said in the history.
 */
function checkPicklist(
  input: CrmDocumentInput,
  header: FlatFields,
  fields: readonly CrmFieldInfo[],
): string[] {
  const name = DOCUMENT_STATUS_FIELDS[input.kind];
  const wanted = header[name];
  const options = fields.find((field) => field.apiName === name)?.pickList;
  if (typeof wanted !== 'string' || !options) return [];
  const value = crmPicklistValue(wanted, options);
  if (value !== undefined) {
    header[name] = value;
    return [];
  }
  delete header[name];
  const module = DOCUMENT_CRM_MODULES[input.kind];
  return [
    `${name} not sent: the CRM's ${module} picklist ${name} has no "${wanted}" for ${documentStateLabel(input)}`,
  ];
}
