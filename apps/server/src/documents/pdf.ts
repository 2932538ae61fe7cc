import { buildDocumentPrint, type DocumentKind } from '@kanjo/core';
import type { Db } from '../db/database';
import { readEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';
import { notFound } from '../http/errors';
import { layoutPdf } from './pdf-layout';

const KIND_NAMES: Record<DocumentKind, string> = {
  quote: 'Quote',
  salesOrder: 'Sales order',
  invoice: 'Invoice',
};

/**
 * A quote, sales order or invoice as a PDF (issue 7 point 6): the
 * organization's details and logo, the customer's address, lines, per-rate
 * tax breakdown, totals, notes and terms; Japanese text in Noto Sans JP; for
 * organizations in Japan the qualified-invoice fields. Reads only the given
 * organization's rows: another organization's document is NOT_FOUND.
 *
 * @example
 * const { filename, pdf } = await renderDocumentPdf({ db, organizationId, kind: 'invoice', id });
 * // filename 'INV-000007.pdf'
 */
export async function renderDocumentPdf(input: {
  db: Db;
  organizationId: string;
  kind: DocumentKind;
  id: string;
}): Promise<{ filename: string; pdf: Buffer }> {
  const { db, organizationId, kind, id } = input;
  const stored = await readEntity(db, organizationId, kind, id);
  if (!stored) throw notFound(KIND_NAMES[kind]);
  const document = stored.row;
  const [organization, customer] = await Promise.all([
    loadOrganization(db, organizationId),
    // A deleted customer's documents still print: the paper shows who was billed.
    readEntity(db, organizationId, 'customer', document.customerId, { includeDeleted: true }),
  ]);
  if (!organization) throw notFound('Organization');
  if (!customer) throw notFound('Customer');
  const print = buildDocumentPrint({ kind, document, customer: customer.row, organization });
  const pdf = await layoutPdf(print, {
    title: [print.title, print.number].filter(Boolean).join(' '),
    author: print.seller.name,
    createdAt: new Date(document.createdAt),
    modifiedAt: new Date(document.updatedAt),
  });
  return { filename: pdfFilename(kind, document.number, id), pdf };
}

/** 'INV-000007.pdf', or 'invoice-<id>.pdf' before a number is assigned; ASCII only for headers. */
export function pdfFilename(kind: DocumentKind, number: string | null, id: string): string {
  const base = number ?? `${kind}-${id}`;
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return `${safe || kind}.pdf`;
}
