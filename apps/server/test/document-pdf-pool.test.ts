import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEntity } from '../src/db/entities';
import { loadOrganization } from '../src/db/organizations';
import type { PdfJob } from '../src/documents/pdf-messages';
import { PdfRenderPool } from '../src/documents/pdf-pool';
import { makeTestApp, signUp } from './helpers';

const faultyWorker = new URL('./document-pdf-faulty-worker.ts', import.meta.url);
const poolModule = new URL('../src/documents/pdf-pool.ts', import.meta.url);
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

describe('PDF render pool', { timeout: 60_000 }, () => {
  let job: PdfJob;
  /** The job with these notes: the faulty worker crashes on 'crash' and hangs on 'hang'. */
  const noted = (notes: string): PdfJob => ({ ...job, document: { ...job.document, notes } });

  beforeAll(async () => {
    const test = await makeTestApp();
    const { client, me } = await signUp(test.app);
    const customer = await client.post('/api/customers', { kind: 'business', displayName: 'Acme' });
    const invoice = await client.post('/api/invoices', {
      customerId: customer.json.id,
      lines: [{ name: 'Work', quantity: '1', rate: 5000, taxRate: '10' }],
    });
    const organizationId = me.organization.id as string;
    const document = await readEntity(test.db, organizationId, 'invoice', invoice.json.id);
    const buyer = await readEntity(test.db, organizationId, 'customer', customer.json.id);
    const organization = await loadOrganization(test.db, organizationId);
    if (!document || !buyer || !organization) throw new Error('test data missing');
    job = { kind: 'invoice', document: document.row, customer: buyer.row, organization };
  });

  it('fails only the job of a worker that crashes, and the next job gets a new worker', async () => {
    const pool = new PdfRenderPool({ size: 1, workerUrl: faultyWorker });
    try {
      const [crashed, after] = await Promise.allSettled([
        pool.render(noted('crash')),
        pool.render(noted('after the crash')),
      ]);
      expect(crashed).toMatchObject({
        status: 'rejected',
        reason: { status: 500, code: 'PDF_RENDER_FAILED' },
      });
      expect(after.status).toBe('fulfilled');
      if (after.status === 'fulfilled') expect(after.value.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('stops a worker that hangs past the timeout (503) and renders the next job', async () => {
    // The timeout also covers the replacement worker's start (tsx compiling the sources), which
    // took over 10 s on a loaded 2-core machine: generous.
    const pool = new PdfRenderPool({ size: 1, workerUrl: faultyWorker, timeoutMs: 20_000 });
    try {
      const [hung, after] = await Promise.allSettled([
        pool.render(noted('hang')),
        pool.render(noted('after the hang')),
      ]);
      expect(hung).toMatchObject({
        status: 'rejected',
        reason: { status: 503, code: 'PDF_RENDER_TIMEOUT' },
      });
      expect(after.status).toBe('fulfilled');
    } finally {
      await pool.close();
    }
  });

  it('fails waiting and running jobs with 503 on close, and refuses jobs after it', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    const settled = Promise.allSettled([pool.render(noted('a')), pool.render(noted('b'))]);
    await pool.close();
    for (const result of await settled) {
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'SHUTTING_DOWN' } });
    }
    await expect(pool.render(noted('c'))).rejects.toMatchObject({ status: 503 });
  });

  it('refuses a job with 503 PDF_BUSY when the waiting line is full', async () => {
    const pool = new PdfRenderPool({ size: 1, maxWaiting: 1 });
    try {
      const running = pool.render(noted('running'));
      const waiting = pool.render(noted('waiting'));
      await expect(pool.render(noted('one too many'))).rejects.toMatchObject({
        status: 503,
        code: 'PDF_BUSY',
        details: { retryAfterSeconds: 5 },
      });
      expect((await running).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await waiting).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('gives the same bytes from every worker', async () => {
    const pool = new PdfRenderPool({ size: 2 });
    try {
      const pdfs = await Promise.all([1, 2, 3, 4].map(() => pool.render(noted('x'))));
      for (const pdf of pdfs) expect(pdf.equals(pdfs[0] ?? Buffer.alloc(0))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('keeps the process alive while a job runs, and lets it exit once the pool is idle', async () => {
    // Nothing else holds this process open: the render alone must, and the idle pool must not.
    const script = `
      import { PdfRenderPool } from ${JSON.stringify(poolModule.href)};
      const pool = new PdfRenderPool({ size: 1 });
      void pool.render(JSON.parse(process.env.PDF_JOB)).then((pdf) => console.log(pdf.subarray(0, 5).toString()));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--import', tsxLoader, '--input-type=module', '--eval', script],
      { env: { ...process.env, PDF_JOB: JSON.stringify(job) }, timeout: 40_000 },
    );
    expect(stdout.trim()).toBe('%PDF-');
  });
});
