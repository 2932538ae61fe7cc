import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ServiceError } from '../errors';
import type { PdfJob, PdfJobMessage, PdfReplyMessage } from './pdf-messages';
import { RETRY_AFTER_SECONDS } from './render-limit';

const require = createRequire(import.meta.url);

/** Sources run as TypeScript (tsx in `npm start`, vitest in tests); built files as JavaScript. */
const SOURCE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./pdf-worker${SOURCE_EXTENSION}`, import.meta.url);
/** A 500-line document renders in well under a second; a minute means a stuck worker. */
const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Jobs waiting for a worker, all organizations together. Each organization
 * has at most a few in flight (`PDF_LIMIT`); this bounds the sum when many
 * print at once.
 */
const DEFAULT_MAX_WAITING = 100;

interface Task {
  message: PdfJobMessage;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Being stopped (it hung): takes no new job, leaves the pool on exit. */
  retired?: boolean;
}

export interface PdfPoolOptions {
  /** Worker threads at most; default: the cores less the main thread's, at least 1. */
  size?: number;
  timeoutMs?: number;
  /** Jobs that may wait for a worker; one more is refused with 503 PDF_BUSY. */
  maxWaiting?: number;
  /** The worker entry; tests give one that can crash on purpose. */
  workerUrl?: URL;
}

export const renderFailed = () =>
  new ServiceError('failed', 'PDF_RENDER_FAILED', 'The PDF could not be rendered. Try again.');
const renderTimedOut = () =>
  new ServiceError(
    'unavailable',
    'PDF_RENDER_TIMEOUT',
    'The PDF took too long to render. Try again later.',
  );
const poolFull = () =>
  new ServiceError(
    'unavailable',
    'PDF_BUSY',
    'The server has too many PDFs waiting. Try again in a few seconds.',
    {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    },
  );
const poolClosed = () =>
  new ServiceError(
    'unavailable',
    'SHUTTING_DOWN',
    'The server is shutting down. Try again shortly.',
  );

/**
 * Renders PDFs on worker threads so layout (hundreds of ms for a long
 * document) never holds the event loop. Workers start on demand up to
 * `size`; further jobs wait in order. A worker that crashes or hangs fails
 * only its own job and is replaced by the next job's worker.
 *
 * @example
 * const pool = new PdfRenderPool();
 * const pdf = await pool.render({ kind: 'invoice', document, customer, organization });
 * await pool.close();
 */
export class PdfRenderPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PdfPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.workerUrl = options.workerUrl ?? WORKER_URL;
  }

  render(job: PdfJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(poolClosed());
    if (this.queue.length >= this.maxWaiting) return Promise.reject(poolFull());
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ message: { id: this.nextId++, job }, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; jobs still waiting or running fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(poolClosed());
    const slots = this.slots.splice(0);
    for (const slot of slots) this.finish(slot, poolClosed());
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.task && !s.retired) ?? this.spawn();
      if (!slot) return;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.timeOut(slot), this.timeoutMs);
      slot.worker.postMessage(task.message);
    }
  }

  private spawn(): Slot | undefined {
    if (this.closed || this.slots.length >= this.size) return undefined;
    const worker = startWorker(this.workerUrl);
    const slot: Slot = { worker };
    worker.on('message', (reply: PdfReplyMessage) => this.answer(slot, reply));
    // 'exit' follows every 'error'; the job fails there, once.
    worker.on('error', () => {});
    worker.on('exit', () => this.lost(slot));
    // Only a worker with a job keeps the process alive (see `release`). After
    // the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private answer(slot: Slot, reply: PdfReplyMessage): void {
    const { task } = slot;
    if (!task || task.message.id !== reply.id) return;
    this.release(slot);
    if ('pdf' in reply) {
      task.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    } else {
      task.reject(renderFailed());
    }
    this.pump();
  }

  /** A worker that exited (crashed, ran out of memory, was stopped) leaves the pool. */
  private lost(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    this.finish(slot, renderFailed());
    this.pump();
  }

  private timeOut(slot: Slot): void {
    slot.retired = true;
    this.finish(slot, renderTimedOut());
    void slot.worker.terminate();
  }

  private finish(slot: Slot, error: Error): void {
    const { task } = slot;
    this.release(slot);
    task?.reject(error);
  }

  /** An idle worker must not keep the process (a test run, a stopping server) alive. */
  private release(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
  }
}

/**
 * A built (.js) worker starts as it is. A TypeScript one (tsx in `npm start`,
 * vitest in tests) goes through tsx's require hook: Node 20 does not give
 * worker threads the main thread's module loader hooks.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsx = JSON.stringify(require.resolve('tsx/cjs/api'));
  const entry = JSON.stringify(fileURLToPath(url));
  // No inherited flags: `--input-type=module` would make this CommonJS line
  // ESM, and the parent's loader flags do nothing in a Node 20 worker.
  return new Worker(`require(${tsx}).require(${entry}, __filename);`, {
    eval: true,
    execArgv: [],
  });
}
