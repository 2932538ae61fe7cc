import type { DocumentKind } from '@kanjo/core';
import type { Db } from '../db/database';

/**
 * A quote, sales order or invoice as a PDF (issue 7 point 6): the
 * organization's details and logo, the customer's address, lines, per-rate
 * tax breakdown, totals, notes and terms; Japanese text in Noto Sans JP; for
 * organizations in Japan the qualified-invoice fields.
 */
export async function renderDocumentPdf(_input: {
  db: Db;
  organizationId: string;
  kind: DocumentKind;
  id: string;
}): Promise<{ filename: string; pdf: Buffer }> {
  throw new Error('renderDocumentPdf is being written');
}
