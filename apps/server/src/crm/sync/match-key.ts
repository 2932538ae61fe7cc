import type { CrmSyncEntity } from '../../db/schema';
import type { CrmLink } from './links-store';

/**
 * The keys Zoho checks duplicates on, as it compares them: an upsert whose key
 * a linked record already has lands on that record.
 */

/** Documents keep their CRM values under the CRM's own field names (see core's document-mapper). */
const DOCUMENT_ENTITIES: ReadonlySet<CrmSyncEntity> = new Set(['quote', 'salesOrder', 'invoice']);

/**
 * The value a link's CRM module checks duplicates on, as Zoho compares it
 * (width-folded, trimmed, any case): Accounts by name, Contacts by email,
 * Products by name, Quotes / Sales_Orders / Invoices by Subject (the number).
 * @example linkMatchKey({ entity: 'customer', crmModule: 'Accounts', base: { displayName: ' ACME ' } }) // 'acme'
 */
export function linkMatchKey(link: Pick<CrmLink, 'entity' | 'crmModule' | 'base'>): string | null {
  const field =
    link.entity === 'contactPerson'
      ? 'contact.email'
      : link.crmModule === 'Accounts'
        ? 'displayName'
        : link.crmModule === 'Contacts'
          ? 'email'
          : DOCUMENT_ENTITIES.has(link.entity)
            ? 'Subject'
            : 'name';
  return matchKey(link.base[field]);
}

/** @example matchKey(' Ｔａｒｏ@Example.jp ') // 'taro@example.jp' */
export function matchKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const key = String(value).normalize('NFKC').trim().toLowerCase();
  return key === '' ? null : key;
}
