import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process';

const run = promisify(execFile);

/** A throwaway PostgreSQL server of the machine's own binaries, for tests and benchmarks. */
export interface PostgresCluster {
  /** The address of `database` on this server. */
  url: (database: string) => string;
  /** Makes an empty database and answers its address. */
  createDatabase: () => Promise<string>;
  stop: () => Promise<void>;
}

/** PostgreSQL's user when the tests run as root: the server refuses to run as root. */
const SERVICE_USER = 'postgres';

/**
 * Starts a PostgreSQL server in a fresh temporary directory, on a free
 * loopback port, trusting local connections. `durable: false` (tests) turns
 * off fsync; benchmarks keep it on, as SQLite's `synchronous=FULL` is.
 */
export async function startPostgresCluster({
  durable = false,
  maxConnections = 400,
}: { durable?: boolean; maxConnections?: number } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kanjo-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await serviceUserIds() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const as = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', SERVICE_USER, '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  const data = join(dir, 'data');
  await as('initdb', [
    '-D',
    data,
    '-U',
    'kanjo',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c max_connections=${maxConnections}`,
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  await as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  const url = (database: string) => `postgres://kanjo@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase: () => createDatabaseAt(url('postgres')),
    async stop() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let made = 0;

/**
 * Makes a database on the server of `adminUrl` (its maintenance database),
 * empty or a copy of `template`, and answers its address.
 */
export async function createDatabaseAt(adminUrl: string, template?: string): Promise<string> {
  const name = `kanjo_${process.pid}_${Date.now().toString(36)}_${made++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The server binaries: `KANJO_POSTGRES_BIN`, else the newest of Debian's `/usr/lib/postgresql/<n>/bin`. */
function postgresBinDir(): string {
  const named = process.env.KANJO_POSTGRES_BIN;
  if (named) return named;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found. Install them (Debian: apt-get install -y postgresql) or set KANJO_POSTGRES_BIN to their directory.',
    );
  }
  return join(root, newest, 'bin');
}

async function serviceUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', SERVICE_USER]),
      run('id', ['-g', SERVICE_USER]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      `PostgreSQL refuses to run as root, and there is no "${SERVICE_USER}" user to run it as (Debian's postgresql package makes one).`,
    );
  }
}
