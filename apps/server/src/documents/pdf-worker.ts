/**
 * The PDF render worker: lays out one print model at a time, off the
 * server's event loop. Its fonts are read on the first render and kept for
 * the worker's life. Started by `PdfRenderPool`; never imported by the app.
 */
import { parentPort } from 'node:worker_threads';
import { layoutPdf } from './pdf-layout';
import type { PdfJobMessage, PdfReplyMessage } from './pdf-messages';

const port = parentPort;
if (!port) throw new Error('pdf-worker.ts runs only as a worker thread');

port.on('message', (message: PdfJobMessage) => {
  layoutPdf(message.print, message.meta).then(
    (pdf) => reply({ id: message.id, pdf: new Uint8Array(pdf) }),
    (error: unknown) => reply({ id: message.id, error: String(error) }),
  );
});

function reply(message: PdfReplyMessage): void {
  port?.postMessage(message);
}
