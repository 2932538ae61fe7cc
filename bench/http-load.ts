/** Small HTTP load helpers for the benchmarks that go over a real socket. */
import { Worker } from 'node:worker_threads';

/** Nearest rank: of 100 samples, p99 is the 99th. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * The load loop, run on its own thread so the client's work does not share
 * the server's event loop (as autocannon runs in its own process). Plain
 * JavaScript: it needs no loader.
 */
const LOAD_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { url, headers, connections, durationMs } = workerData;
const end = performance.now() + durationMs;
let done = 0;
let failed = 0;
async function loop() {
  while (performance.now() < end) {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status === 200) done += 1;
    else failed += 1;
  }
}
const start = performance.now();
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  parentPort.postMessage({ done, failed, seconds: (performance.now() - start) / 1000 });
});
`;

/**
 * `connections` request loops, each sending the next request when its last
 * answer is read (as autocannon does), for `durationMs`, from a worker
 * thread. Answers other than 200 fail the run: a fast error is no throughput.
 */
export async function requestsPerSecond(
  url: string,
  headers: Record<string, string>,
  { connections, durationMs }: { connections: number; durationMs: number },
): Promise<number> {
  const worker = new Worker(LOAD_LOOP, {
    eval: true,
    workerData: { url, headers, connections, durationMs },
  });
  const result = await new Promise<{ done: number; failed: number; seconds: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  if (result.failed > 0) throw new Error(`${url}: ${result.failed} answers were not 200`);
  return result.done / result.seconds;
}
