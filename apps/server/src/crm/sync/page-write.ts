import type { Db } from '../../db/database';
import { commitWrite, type WriteTx } from '../../mutations/committed';
import { storeHeldCrmCalls } from '../settings-api-usage';
import type { SyncContext } from './context';

/**
 * A page of inbound records written in one transaction of the write path:
 * a first import pays one commit (one fsync, one lock) per page instead of
 * one per record. Each record's writes stay one unit under a savepoint, as
 * when they were a transaction of their own: a record that fails leaves no
 * partial write, and the page's other records, its cursor and its history
 * still commit.
 *
 * While a page's transaction is open it holds the database (SQLite's one
 * connection, PostgreSQL's organization lock): everything the run reads or
 * writes meanwhile goes through `syncDb(ctx)`, and a CRM call first commits
 * what the page wrote so far (`leavePage`), so the page never waits on the
 * network with the database held.
 */
export class PageWrite {
  #held: HeldWrite | undefined;
  /** Units running now: the transaction may not end under one. */
  #units = 0;

  constructor(private readonly ctx: SyncContext) {}

  /** The open transaction, if the page wrote anything yet. */
  get trx(): Db | undefined {
    return this.#held?.tx.trx;
  }

  /** Runs `fn` as one unit of the page's transaction (opened on the first), under a savepoint. */
  async unit<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    this.#held ??= await holdWrite(this.ctx);
    const { tx } = this.#held;
    this.#units += 1;
    try {
      return await tx.attempt(() => fn(tx));
    } finally {
      this.#units -= 1;
    }
  }

  /** Commits (or rolls back) what the page wrote so far; its next write opens a new transaction. */
  async end(commit: boolean): Promise<void> {
    if (this.#units > 0) throw new Error('a CRM page cannot end its transaction inside a write');
    const held = this.#held;
    this.#held = undefined;
    if (held && commit) await this.#storeCalls(held.tx);
    await held?.end(commit);
  }

  /** The run's CRM calls counted since the last page, committed with this one. */
  async #storeCalls(tx: WriteTx): Promise<void> {
    const { organizationId, deps } = this.ctx;
    await tx
      .attempt(() => storeHeldCrmCalls(tx.trx, organizationId))
      .catch((error: unknown) =>
        // Still held: the next page or the run's end stores them.
        deps.log.error('could not count CRM API calls', { organizationId, error: String(error) }),
      );
  }
}

/** The database as the run reads and writes it now: the open page's transaction, else the app's. */
export function syncDb(ctx: SyncContext): Db {
  return ctx.page?.trx ?? ctx.deps.db;
}

/**
 * One unit of a run's writes: inside the page being written, under a
 * savepoint; outside a page, in a write transaction of its own.
 */
export function writeUnit<T>(ctx: SyncContext, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  return ctx.page ? ctx.page.unit(fn) : commitWrite(ctx.deps, ctx.organizationId, fn);
}

/**
 * Runs `fn` (the reconcile of one page of records) with its writes in one
 * transaction, committed when `fn` resolves and rolled back when it throws.
 * Inside another page, `fn` joins it; a dry run writes nothing.
 */
export async function inPage<T>(ctx: SyncContext, fn: () => Promise<T>): Promise<T> {
  if (ctx.page || ctx.dryRun) return fn();
  const page = new PageWrite(ctx);
  ctx.page = page;
  try {
    const result = await fn();
    await page.end(true);
    return result;
  } catch (error) {
    await page.end(false);
    throw error;
  } finally {
    ctx.page = undefined;
  }
}

/** Before a CRM call: the page commits what it wrote so far rather than hold the database. */
export async function leavePage(ctx: SyncContext): Promise<void> {
  await ctx.page?.end(true);
}

/** A write transaction held open across awaits, until `end`. */
interface HeldWrite {
  tx: WriteTx;
  end: (commit: boolean) => Promise<void>;
}

class RolledBack extends Error {}

/**
 * Opens a transaction of the write path (`commitWrite`: one writer of the
 * organization at a time, and the seam hears of it once committed) that
 * stays open until `end` decides.
 */
async function holdWrite(ctx: SyncContext): Promise<HeldWrite> {
  let decide: (commit: boolean) => void = () => undefined;
  const decided = new Promise<boolean>((resolve) => (decide = resolve));
  let opened: (tx: WriteTx) => void = () => undefined;
  const ready = new Promise<WriteTx>((resolve) => (opened = resolve));
  const done = commitWrite(ctx.deps, ctx.organizationId, async (tx) => {
    opened(tx);
    if (!(await decided)) throw new RolledBack();
  });
  // `done` settles before `ready` only when the transaction failed to begin.
  const tx = await Promise.race([ready, done.then(() => ready)]);
  return {
    tx,
    end: async (commit) => {
      decide(commit);
      try {
        await done;
      } catch (error) {
        if (!(error instanceof RolledBack)) throw error;
      }
    },
  };
}
