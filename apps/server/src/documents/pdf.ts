import { MAX_DOCUMENT_LINES, type DocumentKind } from '@kanjo/core';
import type { Db } from '../db/database';
import { readEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';
import { ServiceError, notFound } from '../errors';
import { PdfRenderPool } from './pdf-pool';
import { PerKeyLimit } from './render-limit';

const KIND_NAMES: Record<DocumentKind, string> = {
  quote: 'Quote',
  salesOrder: 'Sales order',
  invoice: 'Invoice',
};

/**
 * Per organization: two PDFs render at once and four more wait their turn;
 * a seventh is refused with 429 PDF_BUSY and Retry-After. Six is what one
 * person can reasonably ask for at once (a few tabs, an email with its PDF).
 */
export const PDF_LIMIT = { running: 2, waiting: 4 } as const;

/** The app's PDF renderer (createApp always sets one). */
export function pdfRendererOf(deps: { pdf?: PdfRenderer | undefined }): PdfRenderer {
  if (!deps.pdf)
    throw new Error('No PDF renderer: build the app with createApp, or pass deps.pdf.');
  return deps.pdf;
}

/** What a render names: one organization's quote, sales order or invoice. */
export interface PdfRequest {
  db: Db;
  organizationId: string;
  kind: DocumentKind;
  id: string;
}

/**
 * Makes the PDFs of quotes, sales orders and invoices: the organization's
 * details and logo, the customer's address, lines, per-rate tax breakdown,
 * totals, notes and terms; Japanese text in Noto Sans JP; for organizations
 * in Japan the qualified-invoice fields. Reads only the given organization's
 * rows: another organization's document is NOT_FOUND. The layout runs on a
 * pool of worker threads (started with the first PDF), so the event loop
 * stays free, within each organization's limit (`PDF_LIMIT`; beyond it 429
 * PDF_BUSY). One per app; `close()` stops its workers.
 *
 * @example
 * const pdfs = new PdfRenderer();
 * const { filename, pdf } = await pdfs.render({ db, organizationId, kind: 'invoice', id });
 * // filename 'INV-000007.pdf'
 */
export class PdfRenderer {
  readonly #perOrganization: PerKeyLimit;
  #pool: PdfRenderPool | undefined;

  constructor(limit: { running: number; waiting: number } = PDF_LIMIT) {
    this.#perOrganization = new PerKeyLimit(limit.running, limit.waiting);
  }

  async render({
    db,
    organizationId,
    kind,
    id,
  }: PdfRequest): Promise<{ filename: string; pdf: Buffer }> {
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
    // Writes hold documents to this many lines; a row from elsewhere is refused, not rendered at any length.
    if (document.lines.length > MAX_DOCUMENT_LINES) throw tooLong();
    const release = await this.#perOrganization.acquire(organizationId);
    try {
      this.#pool ??= new PdfRenderPool();
      const pdf = await this.#pool.render({ kind, document, customer: customer.row, organization });
      return { filename: pdfFilename(kind, document.number, id), pdf };
    } finally {
      release();
    }
  }

  /** Stops the render workers (server shutdown, the end of a test file); the next PDF starts new ones. */
  async close(): Promise<void> {
    const closing = this.#pool;
    this.#pool = undefined;
    await closing?.close();
  }
}

const tooLong = () =>
  new ServiceError(
    'unprocessable',
    'PDF_TOO_LONG',
    `A PDF holds at most ${MAX_DOCUMENT_LINES} lines; split the document.`,
    { maxLines: MAX_DOCUMENT_LINES },
  );

/** 'INV-000007.pdf', or 'invoice-<id>.pdf' before a number is assigned; ASCII only for headers. */
export function pdfFilename(kind: DocumentKind, number: string | null, id: string): string {
  const base = number ?? `${kind}-${id}`;
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return `${safe || kind}.pdf`;
}
