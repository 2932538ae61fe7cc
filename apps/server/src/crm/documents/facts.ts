import type { CrmFieldInfo, CrmTax } from '@kanjo/core';
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

const idOf = (lookup: unknown): string | null => {
  const id = (lookup as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/** One run's facts, each read on first use and kept for the rest of the run. */
export function documentFacts(ctx: SyncContext): DocumentFacts {
  const { provider } = ctx;
  let taxes: Promise<CrmTax[]> | undefined;
  let lineProduct: Promise<string> | undefined;
  const fields = new Map<string, Promise<CrmFieldInfo[]>>();
  const accounts = new Map<string, string | null>();
  return {
    taxes: () => (taxes ??= provider.taxes()),
    lineProduct: () => (lineProduct ??= sharedLineProduct(ctx)),
    fields(module) {
      const known = fields.get(module) ?? provider.fields(module);
      fields.set(module, known);
      return known;
    },
    async contactAccounts(contactIds) {
      const unread = [...new Set(contactIds)].filter((id) => !accounts.has(id));
      if (unread.length > 0) {
        const records = await provider.records('Contacts', unread, ['Account_Name']);
        for (const id of unread) accounts.set(id, null);
        for (const record of records) accounts.set(String(record.id), idOf(record.Account_Name));
      }
      return new Map(contactIds.map((id) => [id, accounts.get(id) ?? null]));
    },
  };
}
