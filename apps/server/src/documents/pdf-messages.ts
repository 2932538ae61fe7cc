import type { DocumentPrint } from '@kanjo/core';
import type { PdfMeta } from './pdf-layout';

/** One document to lay out: its print model and the PDF's metadata. */
export interface PdfJob {
  print: DocumentPrint;
  meta: PdfMeta;
}

/** What the pool sends a render worker: a job and the id its answer carries. */
export interface PdfJobMessage extends PdfJob {
  id: number;
}

/** What a render worker answers: the PDF's bytes, or why it could not make them. */
export type PdfReplyMessage = { id: number; pdf: Uint8Array } | { id: number; error: string };
