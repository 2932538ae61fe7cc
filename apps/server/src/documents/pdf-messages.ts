import type { DocumentPrintInput } from '@kanjo/core';

/**
 * One document to print: the rows as read (document, customer,
 * organization). The worker builds the print model and lays it out, so
 * neither the money formatting of hundreds of lines nor the layout runs on
 * the server's event loop.
 */
export type PdfJob = DocumentPrintInput;

/** What the pool sends a render worker: a job and the id its answer carries. */
export interface PdfJobMessage {
  id: number;
  job: PdfJob;
}

/** What a render worker answers: the PDF's bytes, or why it could not make them. */
export type PdfReplyMessage = { id: number; pdf: Uint8Array } | { id: number; error: string };
