import { buildDocumentPrint } from '@kanjo/core';
import { layoutPdf } from './pdf-layout';
import type { PdfJob } from './pdf-messages';

/**
 * A document's PDF from its rows: the print model, then the A4 layout. The
 * metadata's dates come from the document, not the clock, so the same
 * document gives the same bytes. Runs in a render worker.
 */
export function printPdf(job: PdfJob): Promise<Buffer> {
  const print = buildDocumentPrint(job);
  return layoutPdf(print, {
    title: [print.title, print.number].filter(Boolean).join(' '),
    author: print.seller.name,
    createdAt: new Date(job.document.createdAt),
    modifiedAt: new Date(job.document.updatedAt),
  });
}
