/**
 * The PDF render worker: prints one document at a time, off the server's
 * event loop. Its fonts are read on the first render and kept for the
 * worker's life. Started by `PdfRenderPool`; never imported by the app.
 */
import { parentPort } from 'node:worker_threads';
import type { PdfJobMessage, PdfReplyMessage } from './pdf-messages';
import { printPdf } from './pdf-render';

const port = parentPort;
if (!port) throw new Error('pdf-worker.ts runs only as a worker thread');

port.on('message', (message: PdfJobMessage) => {
  // A throw while building the print model fails this job, not the worker.
  Promise.resolve()
    .then(() => printPdf(message.job))
    .then(
      (pdf) => reply({ id: message.id, pdf: new Uint8Array(pdf) }),
      (error: unknown) => reply({ id: message.id, error: String(error) }),
    );
});

function reply(message: PdfReplyMessage): void {
  port?.postMessage(message);
}
