import { normalizeDecimal, type CrmFieldInfo, type CrmTax } from '@kanjo/core';
import { CrmError, type ZohoClient } from '@kanjo/crm-zoho';
import * as v from 'valibot';
import { readModuleFields } from '../settings-metadata';
import type { SyncContext } from '../sync/context';
import { sharedLineProduct } from './line-product';

/**
 * What the documents' push reads from the CRM org, once per run and only
 * when a document needs it: the org's taxes, each inventory module's fields
 * (mandatory ones and picklists) and the Account of each customer's Contact.
 * A run reads each of them at most once however many documents it sends.
 */
export interface DocumentFacts {
  taxes(): Promise<CrmTax[]>;
  fields(module: string): Promise<CrmFieldInfo[]>;
  /** The Account each of these CRM Contacts belongs to (null: none). */
  contactAccounts(contactIds: readonly string[]): Promise<Map<string, string | null>>;
  /** The shared product of lines without a CRM product (line-product.ts). */
  lineProduct(): Promise<string>;
}

const taxSchema = v.object({
  name: v.string(),
  value: v.optional(v.nullable(v.number())),
  percentage: v.optional(v.nullable(v.number())),
  deleted: v.optional(v.nullable(v.boolean())),
});
const taxesBodySchema = v.union([
  v.object({ taxes: v.array(taxSchema) }),
  v.object({ org_taxes: v.object({ taxes: v.array(taxSchema) }) }),
]);

/** `GET /org/taxes`: the org's taxes with their rates (Zoho names a tax's rate `value`). */
async function readTaxes(crm: ZohoClient): Promise<CrmTax[]> {
  const { body } = await crm.request({ path: '/org/taxes' });
  if (body === undefined) return [];
  const parsed = v.safeParse(taxesBodySchema, body);
  if (!parsed.success) {
    throw new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected taxes answer' });
  }
  const taxes = 'taxes' in parsed.output ? parsed.output.taxes : parsed.output.org_taxes.taxes;
  return taxes.flatMap((tax) => {
    const rate = tax.value ?? tax.percentage;
    if (tax.deleted === true || rate === null || rate === undefined) return [];
    return [{ name: tax.name, percentage: normalizeDecimal(String(rate)) }];
  });
}

const idOf = (lookup: unknown): string | null => {
  const id = (lookup as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/** One run's facts, each read on first use and kept for the rest of the run. */
export function documentFacts(ctx: SyncContext): DocumentFacts {
  const { crm } = ctx;
  let taxes: Promise<CrmTax[]> | undefined;
  let lineProduct: Promise<string> | undefined;
  const fields = new Map<string, Promise<CrmFieldInfo[]>>();
  const accounts = new Map<string, string | null>();
  return {
    taxes: () => (taxes ??= readTaxes(crm)),
    lineProduct: () => (lineProduct ??= sharedLineProduct(ctx)),
    fields(module) {
      const known = fields.get(module) ?? readModuleFields(crm, module);
      fields.set(module, known);
      return known;
    },
    async contactAccounts(contactIds) {
      const unread = [...new Set(contactIds)].filter((id) => !accounts.has(id));
      if (unread.length > 0) {
        const records = await crm.getRecords('Contacts', unread, ['Account_Name']);
        for (const id of unread) accounts.set(id, null);
        for (const record of records) accounts.set(String(record.id), idOf(record.Account_Name));
      }
      return new Map(contactIds.map((id) => [id, accounts.get(id) ?? null]));
    },
  };
}
