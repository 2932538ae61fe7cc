import type { ConflictRule, EntityName, SyncEntity } from '@kanjo/core';
import { writeTransaction, type Db } from '../db/database';
import type { Logger } from '../log';

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

/** Runs inside the write's transaction, for each row it stores: a throw rolls the whole write back. */
export type WriteHook = (trx: Db, write: HookedWrite) => Promise<void>;

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

/**
 * One transaction of the write path: the hooks its writes run, and what it
 * wrote so far, per organization. Recorded only by code that finished its
 * writes, so a savepoint rolled back before recording leaves nothing here.
 */
export class WriteTx {
  readonly #changes = new Map<string, Committed>();

  readonly hooks: readonly WriteHook[];
  readonly editRule: EditRule;

  constructor(
    readonly trx: Db,
    { hooks, editRule }: InTransaction,
  ) {
    this.hooks = hooks;
    this.editRule = editRule;
  }

  /** The transaction moved the organization's seq to `seq` writing `entities`. */
  wrote(
    organizationId: string,
    seq: number,
    entities: readonly CommittedEntity[],
    { forCrm }: { forCrm: boolean },
  ): void {
    const change = this.#changeOf(organizationId);
    change.seq = Math.max(change.seq ?? seq, seq);
    change.forCrm ||= forCrm;
    const key = (e: CommittedEntity) => `${e.entity}:${e.id}`;
    const known = new Set(change.entities.map(key));
    for (const entity of entities) {
      if (known.has(key(entity))) continue;
      known.add(key(entity));
      change.entities.push(entity);
    }
  }

  /** Takes what was recorded so far; the returned function puts it back when a savepoint rolls back. */
  snapshot(): () => void {
    const kept = [...this.#changes.values()].map((c) => ({ ...c, entities: [...c.entities] }));
    return () => {
      this.#changes.clear();
      for (const change of kept) this.#changes.set(change.organizationId, change);
    };
  }

  /** The transaction queued a record for the CRM on a person's request. */
  queuedForCrm(organizationId: string): void {
    this.#changeOf(organizationId).forCrm = true;
  }

  committed(): Committed[] {
    return [...this.#changes.values()];
  }

  #changeOf(organizationId: string): Committed {
    let change = this.#changes.get(organizationId);
    if (!change) {
      change = { organizationId, entities: [], forCrm: false };
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
    return { opened, result: await fn(opened) };
  });
  deps.commits.tell(tx.opened.committed());
  return tx.result;
}
