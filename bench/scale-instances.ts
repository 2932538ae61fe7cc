/**
 * Real Kanjo server processes for `npm run bench -- scale`, started as
 * `npm start` starts one (the server tests' own launcher), each with its own
 * data directory, on SQLite or on a shared PostgreSQL, and ready once its
 * health endpoint answers, as a load balancer would wait.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startServerProcess } from '../apps/server/test/server-process';

/** One key for every instance of a run: a CRM secret sealed by one is opened by another. */
const SECRET_KEY = randomBytes(32).toString('base64');

export interface Instance {
  url: string;
  stop: () => Promise<void>;
}

/** Starts one server; `databaseUrl` set: on that PostgreSQL, else on SQLite in its data directory. */
export async function startInstance(databaseUrl?: string): Promise<Instance> {
  const server = await startServerProcess({
    env: {
      KANJO_CRM_EMULATOR: '0',
      KANJO_SECRET_KEY: SECRET_KEY,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  return {
    url: server.base,
    // Every push was acknowledged, so committed, before the stop: kill -9 loses nothing here.
    stop: async () => {
      await server.kill();
      rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
}
