import { DOCUMENT_PATHS, type DocumentKind } from '@kanjo/core';
import { Hono, type Context } from 'hono';
import { requireUser } from '../auth/middleware';
import { pdfRendererOf, type PdfRequest } from '../documents/pdf';
import { RETRY_AFTER_SECONDS } from '../documents/render-limit';
import type { AppDeps, AppEnv } from './env';
import { ServiceError } from '../errors';
import { documented } from './openapi-docs';

/**
 * `GET /quotes/:id/pdf`, `/sales-orders/:id/pdf`, `/invoices/:id/pdf`: the
 * document as a PDF for any signed-in member of its organization. Mounted at
 * `/api` before the resource routes; each route checks the session itself,
 * so the sub-app adds no middleware to other `/api` paths.
 *
 * @example app.route('/api', documentPdfRoutes);
 */
export const documentPdfRoutes = new Hono<AppEnv>();

for (const [kind, path] of Object.entries(DOCUMENT_PATHS) as [DocumentKind, string][]) {
  documentPdfRoutes.get(
    `/${path}/:id/pdf`,
    documented({
      summary: `The ${path.replace('-', ' ').replace(/s$/, '')} as a PDF (A4)`,
      tags: ['Documents'],
      description:
        'Rendered off the event loop. Per organization two PDFs render at once and four more wait; one more is refused with 429 PDF_BUSY and `Retry-After`.',
      responses: {
        200: { description: 'application/pdf, shown inline' },
        429: { description: 'PDF_BUSY: the organization has too many PDFs rendering or waiting' },
      },
    }),
    requireUser,
    async (c) => {
      const { filename, pdf } = await renderPdfFor(c, c.var.deps, {
        db: c.var.deps.db,
        organizationId: c.var.user.organizationId,
        kind,
        id: c.req.param('id'),
      });
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="${filename}"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(pdf));
    },
  );
}

/**
 * The app's PDF renderer for a route: when the organization's renders (429)
 * or the server's queue (503) are full, the answer also carries `Retry-After`.
 */
export async function renderPdfFor(
  c: Context,
  deps: AppDeps,
  input: PdfRequest,
): Promise<{ filename: string; pdf: Buffer }> {
  try {
    return await pdfRendererOf(deps).render(input);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'PDF_BUSY') {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    throw error;
  }
}
