import type { DocumentKind } from '@kanjo/core';
import { Hono } from 'hono';
import { requireUser } from '../auth/middleware';
import { renderDocumentPdf } from '../documents/pdf';
import type { AppEnv } from './env';
import { documented } from './openapi-docs';

const PDF_PATHS: Record<DocumentKind, string> = {
  quote: 'quotes',
  salesOrder: 'sales-orders',
  invoice: 'invoices',
};

/**
 * `GET /quotes/:id/pdf`, `/sales-orders/:id/pdf`, `/invoices/:id/pdf`: the
 * document as a PDF for any signed-in member of its organization. Mounted at
 * `/api` before the resource routes; each route checks the session itself,
 * so the sub-app adds no middleware to other `/api` paths.
 *
 * @example app.route('/api', documentPdfRoutes);
 */
export const documentPdfRoutes = new Hono<AppEnv>();

for (const [kind, path] of Object.entries(PDF_PATHS) as [DocumentKind, string][]) {
  documentPdfRoutes.get(
    `/${path}/:id/pdf`,
    documented({
      summary: `The ${path.replace('-', ' ').replace(/s$/, '')} as a PDF (A4)`,
      tags: ['Documents'],
      responses: { 200: { description: 'application/pdf, shown inline' } },
    }),
    requireUser,
    async (c) => {
      const { filename, pdf } = await renderDocumentPdf({
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
