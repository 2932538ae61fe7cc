/**
 * Real Kanjo server processes for `npm run bench -- scale`: each started as
 * `npm start` starts it (`tsx apps/server/src/main.ts`), with its own data
 * directory, on SQLite or on a shared PostgreSQL, and waited for on its
 * health endpoint, as a load balancer would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** One key for every instance of a run: a CRM secret sealed by one is opened by another. */
const SECRET_KEY = randomBytes(32).toString('base64');

const STARTUP_TIMEOUT_MS = 90_000;

export interface Instance {
  url: string;
  stop: () => Promise<void>;
}

/** Starts one server; `databaseUrl` set: on that PostgreSQL, else on SQLite in its data directory. */
export async function startInstance(databaseUrl?: string): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-scale-'));
  const port = await unusedPort();
  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    // Its own process group: stopping it stops npx, tsx and the server together.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KANJO_DEMO: '0',
      KANJO_CRM_EMULATOR: '0',
      KANJO_SECRET_KEY: SECRET_KEY,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await healthy(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Polls `GET /api/health` until 200; the process ending first fails with its stderr. */
async function healthy(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server at ${url} exited (${child.exitCode}):\n${stderr()}`);
    }
    const ok = await fetch(`${url}/api/health`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} was not healthy within ${STARTUP_TIMEOUT_MS} ms`);
}

/** SIGTERM to the process group (the server closes its database), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group has already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A port the system just handed out and released, for the server to bind. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1');
    probe.once('error', reject);
    probe.once('listening', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
