import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A Kanjo server running as its own process, as `npm start` runs it. */
export interface ServerProcess {
  base: string;
  dataDir: string;
  /** kill -9: no shutdown, no flush; resolves once the process is gone. */
  kill: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts `src/main.ts` without demo data or embedded CRM, on `port` (a free
 * one by default) and its own data directory unless given, and waits until
 * `/api/health` answers 200. `env` adds to the environment (DATABASE_URL…).
 */
export async function startServerProcess({
  dataDir = mkdtempSync(join(tmpdir(), 'kanjo-server-')),
  port,
  env = {},
}: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(listenOn),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KANJO_DEMO: '0',
      STATIC_DIR: join(dataDir, 'no-web'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${listenOn}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok)
        return { base, dataDir, kill: () => killHard(child) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await killHard(child);
  throw new Error(`server did not start: ${stderr}`);
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}
