/**
 * The real PDF render worker, made to fail on purpose for the pool's tests:
 * a document whose notes say "crash" ends the thread, "hang" never answers.
 */
import { parentPort } from 'node:worker_threads';
import '../src/documents/pdf-worker';
import type { PdfJobMessage } from '../src/documents/pdf-messages';

parentPort?.on('message', (message: PdfJobMessage) => {
  if (message.job.document.notes === 'crash') process.exit(3);
  if (message.job.document.notes === 'hang')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
