import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type RawBuilder, type SqliteDatabase } from 'kysely';
import { dialectOf } from './dialect';
import { migrationProvider } from './migrations/index';
import { PostgresColumnTypes, postgresKysely, type OpenPostgresOptions } from './postgres';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** An open database, whichever engine: the app needs only `db`, and `close` at exit. */
export interface OpenedDatabase {
  db: Db;
  close: () => Promise<void>;
}

/**
 * Opens the database the environment names: PostgreSQL when a
 * `postgres://` address is given (several instances can share it), else the
 * embedded SQLite file `kanjo.sqlite` in the data directory.
 */
export async function openConfiguredDatabase(config: {
  databaseUrl?: string;
  sqliteFile: string;
  poolSize?: number;
}): Promise<OpenedDatabase & { description: string }> {
  if (config.databaseUrl) {
    const { db } = await openPostgres({ url: config.databaseUrl, poolSize: config.poolSize });
    const where = new URL(config.databaseUrl);
    return {
      db,
      close: () => db.destroy(),
      description: `PostgreSQL at ${where.host}${where.pathname}`,
    };
  }
  const { db, sqlite } = await openDatabase({ filename: config.sqliteFile });
  return {
    db,
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
    description: `SQLite at ${config.sqliteFile}`,
  };
}

/**
 * Opens PostgreSQL and runs every pending migration. Instances starting at
 * once are safe: Kysely's migrator holds a lock while it migrates.
 */
export async function openPostgres(options: OpenPostgresOptions): Promise<{ db: Db }> {
  const { db } = postgresKysely(options);
  try {
    await migrate(db.withPlugin(new PostgresColumnTypes()));
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db };
}

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests that need no file. */
  filename: string;
}

/**
 * Opens the SQLite database with the settings our durability promises rest on,
 * and runs every pending migration before anything else touches it.
 *
 * - WAL lets readers run beside the writer.
 * - `synchronous=FULL`: with WAL, better-sqlite3's default NORMAL may lose the
 *   last commits on power loss; FULL fsyncs the WAL at every commit.
 * - Foreign keys are off by default in SQLite; we want them enforced.
 * - The files are the owner's only (0600), like the secrets key: they hold every
 *   organization's data. SQLite gives its -wal and -shm files the main file's mode.
 */
export async function openDatabase({
  filename,
}: OpenDatabaseOptions): Promise<{ db: Db; sqlite: SQLite.Database }> {
  if (filename !== ':memory:') ownerOnly(filename);
  const sqlite = new SQLite(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  await migrate(db);
  return { db, sqlite };
}

/** Creates the database file readable by its owner only, or makes an existing one (and its WAL files) so. */
function ownerOnly(filename: string): void {
  if (!existsSync(filename)) writeFileSync(filename, '', { mode: 0o600, flag: 'wx' });
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/** Distinct SQL texts kept prepared; `in (…)` lists of every length make many. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely sees it, with each SQL text prepared once: Kysely
 * prepares every query anew, and preparing costs as much as running a
 * small query. Safe to reuse: Kysely runs one query at a time on this one
 * connection (a stream holds it until done), and SQLite re-prepares a
 * statement itself when a migration changed the schema under it.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const found = prepared.get(text);
      if (found) return found;
      const statement = sqlite.prepare(text);
      if (prepared.size >= STATEMENT_CACHE_SIZE) {
        const oldest = prepared.keys().next();
        if (!oldest.done) prepared.delete(oldest.value);
      }
      prepared.set(text, statement);
      return statement;
    },
  };
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
      cause: error,
    });
  }
}

/**
 * Runs `fn` inside one write transaction; writes of one organization run one
 * after another, so its seq, its document numbers and its change log stay
 * gap-free and in commit order, and a read-then-write inside `fn` sees no
 * other writer of the organization between the two.
 *
 * - SQLite: `BEGIN IMMEDIATE` on the single connection takes the database's
 *   write lock up front, so the transaction never fails half-way with
 *   SQLITE_BUSY, and Kysely's driver holds the connection for the whole
 *   callback: every write is serialized, which covers the organization's.
 * - PostgreSQL: a pooled connection, and the organization's row locked first
 *   (`FOR NO KEY UPDATE`: other instances' writers of the same organization
 *   wait, writers of other organizations go on, and rows that only reference
 *   the organization are not blocked). `organizationId` null: the
 *   transaction makes a new organization, which nobody else can see yet.
 */
export async function writeTransaction<T>(
  db: Db,
  organizationId: string | null,
  fn: (trx: Db) => Promise<T>,
): Promise<T> {
  const postgres = dialectOf(db) === 'postgres';
  return transaction(db, postgres ? sql`begin` : sql`begin immediate`, async (conn) => {
    if (postgres && organizationId !== null) {
      await sql`select id from organizations where id = ${organizationId} for no key update`.execute(
        conn,
      );
    }
    return fn(conn);
  });
}

/**
 * Runs the reads of `fn` against one snapshot of the database: nothing
 * committed after the first read shows in a later one.
 *
 * - SQLite: a deferred `BEGIN` on the single connection; in WAL mode the
 *   first read fixes the snapshot until the end of the transaction.
 * - PostgreSQL: `REPEATABLE READ, READ ONLY`. The default, READ COMMITTED,
 *   takes a new snapshot for every statement, so a push committed between
 *   two reads would show in the second and not in the first.
 */
export async function readTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  const begin =
    dialectOf(db) === 'postgres'
      ? sql`begin isolation level repeatable read read only`
      : sql`begin`;
  return transaction(db, begin, fn);
}

/**
 * Runs `fn` in one transaction that `begin` opens on one connection held
 * for the callback: committed when `fn` resolves, rolled back when it throws.
 */
export async function transaction<T>(
  db: Db,
  begin: RawBuilder<unknown>,
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await begin.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

/** Ids per `in (…)` list: well below SQLite's limit on bound parameters. */
const IN_LIST = 500;

/**
 * Runs a read for each slice of `ids` small enough for one `in (…)` list and
 * joins the answers, in order.
 * @example const rows = await readInChunks(ids, (chunk) => db.selectFrom('customers').selectAll().where('id', 'in', chunk).execute());
 */
export async function readInChunks<T>(
  ids: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST) {
    out.push(...(await read(ids.slice(i, i + IN_LIST))));
  }
  return out;
}
