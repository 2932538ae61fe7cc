import type { ConflictRule, EntityName, SyncEntity } from '@kanjo/core';
import { CompiledQuery } from 'kysely';
import { writeTransaction, type Db } from '../db/database';
import { readStoredRecord, readStoredRecords, type StoredRecord } from '../db/entities';
import type { ChangeEntry } from '../sync/change-log';
import type { Logger } from '../log';
import { PendingWrites } from './pending-writes';

/** One synced row a transaction wrote (a change_log entry). */
export interface CommittedEntity {
  entity: SyncEntity;
  id: string;
}

/** What one committed transaction changed for one organization. */
export interface Committed {
  organizationId: string;
  /**
   * The organization's seq after the commit. Absent only when the commit
   * moved no synced row and just queued a record for the CRM.
   */
  seq?: number;
  /** The synced rows written, each once, in the order first written. */
  entities: CommittedEntity[];
  /**
   * Kanjo made a change the CRM may need: a person's or automation's write, or
   * a record queued for the CRM. False when every write echoed the CRM's own.
   */
  forCrm: boolean;
}

/** A row the write path is storing, as in-transaction hooks see it. */
export interface HookedWrite {
  organizationId: string;
  entity: EntityName;
  id: string;
  op: 'put' | 'delete';
  before: unknown;
  after: unknown;
  now: string;
  /** The Kanjo user the mutation ran as. */
  actorUserId: string;
  /** `crm`: the CRM sync wrote it, an echo of the CRM's own change. */
  source?: 'crm';
  /** Deal-stage automation wrote it. */
  automated: boolean;
}

/**
 * Reads a write transaction makes once, whichever write asks first: the
 * organization, the CRM connection and its rules do not change inside a write
 * of rows, so a push of a hundred mutations reads each once, not a hundred
 * times. Keyed by what is read and for which organization.
 */
export interface TxReads {
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** Runs inside the write's transaction, for each row it stores: a throw rolls the whole write back. */
export type WriteHook = (trx: Db, write: HookedWrite, reads: TxReads) => Promise<void>;

/**
 * The rule that decides a device edit of a CRM-written record which meets a
 * CRM write it had not seen; null: the later write wins, as for two Kanjo edits.
 */
export type EditRule = (
  trx: Db,
  organizationId: string,
  entity: 'customer' | 'item',
) => Promise<ConflictRule | null>;

/** What the write path runs inside a transaction, as registered on the seam. */
export interface InTransaction {
  hooks: readonly WriteHook[];
  editRule: EditRule;
}

/** Told after a commit; must not block (it runs before the writer's answer). */
export type CommitListener = (committed: Committed) => void;

/** What a write needs: the database and the app's seam. */
export interface WriteDeps {
  db: Db;
  commits: CommitSeam;
}

/**
 * The after-commit seam of the one write path: in-transaction write hooks
 * (the CRM outbox), the CRM's edit rule and after-commit listeners (SSE
 * pokes, the CRM push trigger) register here once, when the app is built. One per app, shared by
 * the routes and the CRM runs; no module state.
 *
 * @example
 * const commits = new CommitSeam(log);
 * commits.subscribe(({ organizationId, seq }) => seq !== undefined && notifier.notify(organizationId, seq));
 * await commitWrite({ db, commits }, request.organizationId, (tx) => applyMutationIn(tx, request));
 */
export class CommitSeam {
  readonly #hooks = new Set<WriteHook>();
  readonly #listeners = new Set<CommitListener>();
  #editRule: EditRule = async () => null;

  constructor(private readonly log: Logger) {}

  /** Adds a hook once: an app built twice over the same seam does not run it twice. */
  addHook(hook: WriteHook): void {
    this.#hooks.add(hook);
  }

  subscribe(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Who settles a device edit against an unseen CRM write (the CRM, once registered). */
  useEditRule(rule: EditRule): void {
    this.#editRule = rule;
  }

  inTransaction(): InTransaction {
    return { hooks: [...this.#hooks], editRule: this.#editRule };
  }

  /** Tells every listener; one that throws is logged and the others still hear. */
  tell(committed: readonly Committed[]): void {
    for (const change of committed) {
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch (error) {
          const { organizationId } = change;
          this.log.error('commit listener failed', { organizationId, error: String(error) });
        }
      }
    }
  }
}

const rowKey = (organizationId: string, entity: EntityName, id: string) =>
  `row:${organizationId}:${entity}:${id}`;

/** What one transaction changed for one organization, with the keys of its entities for dedup. */
interface Change {
  committed: Committed;
  keys: Set<string>;
}

/**
 * One transaction of the write path: the hooks its writes run, the reads it
 * makes once, and what it wrote so far, per organization. Recorded only by
 * code that finished its writes, so a savepoint rolled back before recording
 * leaves nothing here.
 */
export class WriteTx implements TxReads {
  readonly #changes = new Map<string, Change>();
  readonly #reads = new Map<string, Promise<unknown>>();
  readonly #pending: PendingWrites;
  #savepoints = 0;
  /** The mutation `attemptMutation` is running, whose savepoint opens on demand. */
  #mutation: { name: string; opened: boolean; storing: boolean } | undefined;

  readonly hooks: readonly WriteHook[];
  readonly editRule: EditRule;

  constructor(
    readonly trx: Db,
    { hooks, editRule }: InTransaction,
  ) {
    this.hooks = hooks;
    this.editRule = editRule;
    this.#pending = new PendingWrites(trx);
  }

  /** The organization's next seq, for one write (stored when the transaction ends). */
  nextSeq(organizationId: string): Promise<number> {
    return this.#pending.nextSeq(organizationId);
  }

  /** The organization's seq as this transaction has moved it so far. */
  seqOf(organizationId: string): Promise<number> {
    return this.#pending.seqOf(organizationId);
  }

  /** A change log entry, written with the others when the transaction ends. */
  appendChange(entry: ChangeEntry): void {
    this.#pending.appendChange(entry);
  }

  /**
   * Runs `fn` under a savepoint: when it throws, its writes are undone (in
   * the database and in what this transaction counted and recorded) and the
   * error goes on, while the transaction's earlier writes stay.
   */
  async attempt<T>(fn: () => Promise<T>): Promise<T> {
    // Inside a mutation's attempt, that attempt's savepoint must come first.
    await this.beforeEarlyWrite();
    const outer = this.#mutation;
    this.#mutation = undefined;
    const name = `write_${++this.#savepoints}`;
    const restore = this.snapshot();
    await this.#run(`savepoint ${name}`);
    try {
      const result = await fn();
      await this.#run(`release ${name}`);
      return result;
    } catch (error) {
      restore();
      await this.#run(`rollback to ${name}`);
      await this.#run(`release ${name}`);
      throw error;
    } finally {
      this.#savepoints -= 1;
      this.#mutation = outer;
    }
  }

  /**
   * `attempt` for one mutation of a batch, whose savepoint costs nothing in
   * the usual cases: a mutation is refused before it writes, or it writes
   * and is not refused any more. The savepoint opens only when the mutation
   * writes while still deciding (a number it allocates, `beforeEarlyWrite`).
   * Once it stores its rows (`storing`), a refusal without a savepoint is a
   * defect: the whole transaction fails rather than keep a partial write.
   */
  async attemptMutation<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.#mutation;
    const mutation = { name: `write_${++this.#savepoints}`, opened: false, storing: false };
    this.#mutation = mutation;
    const restore = this.snapshot();
    try {
      const result = await fn();
      if (mutation.opened) await this.#run(`release ${mutation.name}`);
      return result;
    } catch (error) {
      if (mutation.opened) {
        restore();
        await this.#run(`rollback to ${mutation.name}`);
        await this.#run(`release ${mutation.name}`);
      } else if (mutation.storing) {
        throw new Error('a mutation was refused after it began storing its rows', {
          cause: error,
        });
      } else {
        restore();
      }
      throw error;
    } finally {
      this.#savepoints -= 1;
      this.#mutation = outer;
    }
  }

  /** Before a mutation writes while it is still deciding: its savepoint opens now. */
  async beforeEarlyWrite(): Promise<void> {
    const mutation = this.#mutation;
    if (!mutation || mutation.opened || mutation.storing) return;
    mutation.opened = true;
    await this.#run(`savepoint ${mutation.name}`);
  }

  /** The mutation has decided and stores its rows. */
  storing(): void {
    if (this.#mutation) this.#mutation.storing = true;
  }

  async #run(statement: string): Promise<void> {
    await this.trx.executeQuery(CompiledQuery.raw(statement));
  }

  /** Stores what the transaction counted and logged; `commitWrite` calls it just before the commit. */
  flush(): Promise<void> {
    return this.#pending.flush();
  }

  /**
   * An entity row as stored, read once in this transaction until the write
   * path writes it (`forgetRow`); the write path is the only writer of
   * entity rows, so what is kept here is what the database holds.
   */
  storedRow(
    organizationId: string,
    entity: EntityName,
    id: string,
  ): Promise<StoredRecord | undefined> {
    return this.once(rowKey(organizationId, entity, id), () =>
      readStoredRecord(this.trx, organizationId, entity, id),
    );
  }

  /** Reads the rows a batch will touch with one query per entity, ahead of their mutations. */
  async readRowsAhead(organizationId: string, entity: EntityName, ids: readonly string[]) {
    const unread = ids.filter((id) => !this.#reads.has(rowKey(organizationId, entity, id)));
    if (unread.length === 0) return;
    const found = await readStoredRecords(this.trx, organizationId, entity, unread);
    for (const id of unread) {
      this.#reads.set(rowKey(organizationId, entity, id), Promise.resolve(found.get(id)));
    }
  }

  forgetRow(organizationId: string, entity: EntityName, id: string): void {
    this.#reads.delete(rowKey(organizationId, entity, id));
  }

  /** A read made once in this transaction; a failed read is not kept, so a retry reads again. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const found = this.#reads.get(key);
    if (found) return found as Promise<T>;
    const reading = read();
    this.#reads.set(key, reading);
    reading.catch(() => this.#reads.delete(key));
    return reading;
  }

  /** The transaction moved the organization's seq to `seq` writing `entities`. */
  wrote(
    organizationId: string,
    seq: number,
    entities: readonly CommittedEntity[],
    { forCrm }: { forCrm: boolean },
  ): void {
    const { committed: change, keys } = this.#changeOf(organizationId);
    change.seq = Math.max(change.seq ?? seq, seq);
    change.forCrm ||= forCrm;
    for (const entity of entities) {
      const key = `${entity.entity}:${entity.id}`;
      if (keys.has(key)) continue;
      keys.add(key);
      change.entities.push(entity);
    }
  }

  /**
   * Marks what was recorded so far; the returned function puts it back when
   * a savepoint rolls back. Records only grow, so the mark is their sizes:
   * taking one costs the same however much the transaction wrote before.
   */
  snapshot(): () => void {
    const pending = this.#pending.mark();
    const marks = new Map(
      [...this.#changes].map(([organizationId, { committed }]) => [
        organizationId,
        { seq: committed.seq, forCrm: committed.forCrm, entities: committed.entities.length },
      ]),
    );
    return () => {
      pending();
      // Rows read after the mark may hold writes the savepoint undid.
      for (const key of this.#reads.keys()) if (key.startsWith('row:')) this.#reads.delete(key);
      for (const [organizationId, { committed, keys }] of this.#changes) {
        const mark = marks.get(organizationId);
        if (!mark) {
          this.#changes.delete(organizationId);
          continue;
        }
        for (const { entity, id } of committed.entities.splice(mark.entities)) {
          keys.delete(`${entity}:${id}`);
        }
        if (mark.seq === undefined) delete committed.seq;
        else committed.seq = mark.seq;
        committed.forCrm = mark.forCrm;
      }
    };
  }

  /** The transaction queued a record for the CRM on a person's request. */
  queuedForCrm(organizationId: string): void {
    this.#changeOf(organizationId).committed.forCrm = true;
  }

  committed(): Committed[] {
    return [...this.#changes.values()].map(({ committed }) => committed);
  }

  #changeOf(organizationId: string): Change {
    let change = this.#changes.get(organizationId);
    if (!change) {
      change = { committed: { organizationId, entities: [], forCrm: false }, keys: new Set() };
      this.#changes.set(organizationId, change);
    }
    return change;
  }
}

/**
 * Runs `fn` in one write transaction of the organization (see
 * `writeTransaction`: one writer of an organization at a time, on every
 * instance) and, only once it committed, tells the seam's listeners what it
 * wrote. A rollback tells nothing. `organizationId` null: the write makes a
 * new organization.
 */
export async function commitWrite<T>(
  deps: WriteDeps,
  organizationId: string | null,
  fn: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const tx = await writeTransaction(deps.db, organizationId, async (trx) => {
    const opened = new WriteTx(trx, deps.commits.inTransaction());
    const result = await fn(opened);
    await opened.flush();
    return { opened, result };
  });
  deps.commits.tell(tx.opened.committed());
  return tx.result;
}
