import {
  crmLineItemsBody,
  documentFieldsToCrm,
  type CrmDocumentLine,
  type FlatFields,
} from '@kanjo/core';
import type { CrmLink } from '../sync/links-store';

/** The key of a link's base that keeps the CRM's line ids (read after each write of the lines). */
export const LINE_IDS_KEY = '$line_ids';

export function knownLineIds(link: CrmLink): string[] | undefined {
  const raw = link.base[LINE_IDS_KEY];
  if (typeof raw !== 'string') return undefined;
  const ids: unknown = JSON.parse(raw);
  return Array.isArray(ids) ? ids.map(String) : undefined;
}

/** The write body: header fields, and the line items (replacing the old ones) when they go. */
export function documentBody(
  fields: FlatFields,
  lineField: string,
  { insert, deleteIds }: { insert: boolean; deleteIds: readonly string[] },
): Record<string, unknown> {
  const { [lineField]: lines, ...header } = fields;
  const body = documentFieldsToCrm(header, { insert });
  if (typeof lines === 'string') {
    body[lineField] = crmLineItemsBody(JSON.parse(lines) as CrmDocumentLine[], deleteIds);
  }
  return body;
}
