/**
 * The real PDF render worker, made to fail on purpose for the pool's tests:
 * a job titled "crash" ends the thread, one titled "hang" never answers.
 */
import { parentPort } from 'node:worker_threads';
import '../src/documents/pdf-worker';
import type { PdfJobMessage } from '../src/documents/pdf-messages';

parentPort?.on('message', (message: PdfJobMessage) => {
  if (message.meta.title === 'crash') process.exit(3);
  if (message.meta.title === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
