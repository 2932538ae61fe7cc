/** Small HTTP load helpers for the benchmarks that go over a real socket. */
import { performance } from 'node:perf_hooks';

/** Nearest rank: of 100 samples, p99 is the 99th. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * `connections` request loops, each sending the next request when its last
 * answer is read (as autocannon does), for `durationMs`. Answers other than
 * 200 are counted apart and fail the run: a fast error is no throughput.
 */
export async function requestsPerSecond(
  url: string,
  headers: Record<string, string>,
  { connections, durationMs }: { connections: number; durationMs: number },
): Promise<number> {
  const end = performance.now() + durationMs;
  let done = 0;
  let failed = 0;
  const loop = async () => {
    while (performance.now() < end) {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status === 200) done += 1;
      else failed += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = (performance.now() - start) / 1000;
  if (failed > 0) throw new Error(`${url}: ${failed} answers were not 200`);
  return done / seconds;
}
