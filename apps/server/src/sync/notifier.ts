import { onSessionsEnded, type EndedSessions } from '../auth/session';
import type { Db } from '../db/database';
import type { CommitSeam } from '../mutations/committed';

type Listener = (seq: number) => void;

/** Most open event streams one session may hold (a few tabs of one browser). */
export const MAX_STREAMS_PER_SESSION = 4;
/** Most open event streams one user may hold across all their sessions (devices). */
export const MAX_STREAMS_PER_USER = 12;

/** Who holds an open event stream. */
export interface StreamOwner {
  sessionId: string;
  userId: string;
}

export type StreamSlot =
  { ok: true; release: () => void } | { ok: false; limit: 'session' | 'user'; max: number };

interface OpenStream extends StreamOwner {
  end: () => void;
}

/**
 * In-process fan-out of "the organization's seq moved" to its open SSE
 * streams, and the registry of those streams per session and user (so a
 * session's end closes them and their number stays bounded). One instance
 * per app (passed through deps), no module state.
 * Only the write path's seam calls `notify` (`listenTo` subscribes it), after
 * the transaction that moved the seq committed, so a poked client always
 * finds the change when it pulls.
 *
 * @example
 * const stop = notifier.subscribe(orgId, (seq) => send(seq));
 * notifier.notify(orgId, 42);
 */
export class SyncNotifier {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #streams = new Set<OpenStream>();
  readonly #watched = new WeakSet<Db>();

  /** Pokes the organization's streams after each commit that moved its seq. */
  listenTo(commits: CommitSeam): void {
    commits.subscribe(({ organizationId, seq }) => {
      if (seq !== undefined) this.notify(organizationId, seq);
    });
  }

  subscribe(organizationId: string, listener: Listener): () => void {
    let set = this.#listeners.get(organizationId);
    if (!set) {
      set = new Set();
      this.#listeners.set(organizationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(organizationId);
    };
  }

  notify(organizationId: string, seq: number): void {
    for (const listener of this.#listeners.get(organizationId) ?? []) listener(seq);
  }

  /** The organizations some stream of this instance listens to. */
  watchedOrganizations(): string[] {
    return [...this.#listeners.keys()];
  }

  listenerCount(organizationId: string): number {
    return this.#listeners.get(organizationId)?.size ?? 0;
  }

  /**
   * Takes a stream slot for `owner`, or says which cap is full (the extra
   * stream is refused, never the oldest closed: closing one would make its
   * tab reconnect and close another, round and round). `end` is called when
   * the owner's session ends; `release` frees the slot when the stream closes.
   */
  openStream(owner: StreamOwner, end: () => void): StreamSlot {
    let perSession = 0;
    let perUser = 0;
    for (const stream of this.#streams) {
      if (stream.sessionId === owner.sessionId) perSession += 1;
      if (stream.userId === owner.userId) perUser += 1;
    }
    if (perSession >= MAX_STREAMS_PER_SESSION) {
      return { ok: false, limit: 'session', max: MAX_STREAMS_PER_SESSION };
    }
    if (perUser >= MAX_STREAMS_PER_USER) {
      return { ok: false, limit: 'user', max: MAX_STREAMS_PER_USER };
    }
    const stream: OpenStream = { ...owner, end };
    this.#streams.add(stream);
    return { ok: true, release: () => this.#streams.delete(stream) };
  }

  /** Ends the open streams of the sessions that ended. */
  endStreams(ended: EndedSessions): void {
    for (const stream of [...this.#streams]) {
      const match =
        'sessionId' in ended
          ? stream.sessionId === ended.sessionId
          : stream.userId === ended.userId;
      if (match) stream.end();
    }
  }

  /** Ends streams whenever a session of `db` is invalidated (once per database). */
  watchSessions(db: Db): void {
    if (this.#watched.has(db)) return;
    this.#watched.add(db);
    onSessionsEnded(db, (ended) => this.endStreams(ended));
  }

  streamCount(): number {
    return this.#streams.size;
  }
}
