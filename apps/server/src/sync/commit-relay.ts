import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database';
import { currentSeq } from '../db/org-seq';
import type { Logger } from '../log';
import type { CommitSeam } from '../mutations/committed';
import type { SyncNotifier } from './notifier';

/** The PostgreSQL channel instances tell each other's commits on. */
const CHANNEL = 'kanjo_commits';
/** Waits between attempts to listen again after the connection dropped. */
const RECONNECT_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * Carries "the organization's seq moved" between instances that share one
 * PostgreSQL database, so a device listening to its event stream on one
 * instance hears of an edit committed on another. Each commit is told with
 * NOTIFY after it committed; every instance LISTENs on a connection of its
 * own and pokes its local streams. A lost connection is listened on again,
 * and then every watched organization is poked with its current seq, since
 * what was told in between is gone.
 */
export class CommitRelay {
  readonly #instance = crypto.randomUUID();
  #client: pg.Client | undefined;
  #closed = false;
  #attempt = 0;

  constructor(
    private readonly options: { url: string; db: Db; notifier: SyncNotifier; log: Logger },
  ) {}

  /** Tells the other instances of each local commit that moved a seq. */
  listenTo(commits: CommitSeam): void {
    commits.subscribe(({ organizationId, seq }) => {
      if (seq === undefined) return;
      const payload = JSON.stringify({ o: organizationId, s: seq, i: this.#instance });
      sql`select pg_notify(${CHANNEL}, ${payload})`
        .execute(this.options.db)
        .catch((error: unknown) =>
          this.options.log.error('commit relay: NOTIFY failed', { error: String(error) }),
        );
    });
  }

  /** Starts listening; resolves once the first LISTEN holds. */
  async start(): Promise<void> {
    await this.#listen();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (message) => this.#heard(message.payload));
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.#client === client && !this.#closed) this.#reconnect();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.#client = client;
    this.#attempt = 0;
  }

  #reconnect(): void {
    const wait = RECONNECT_MS[Math.min(this.#attempt, RECONNECT_MS.length - 1)] ?? 5_000;
    this.#attempt += 1;
    setTimeout(() => {
      if (this.#closed) return;
      this.#listen()
        .then(() => this.#pokeWatched())
        .catch((error: unknown) => {
          this.options.log.error('commit relay: LISTEN failed', { error: String(error) });
          this.#reconnect();
        });
    }, wait).unref();
  }

  #heard(payload: string | undefined): void {
    try {
      const told = JSON.parse(payload ?? '') as { o?: unknown; s?: unknown; i?: unknown };
      if (told.i === this.#instance) return; // our own: the seam poked our streams already
      if (typeof told.o === 'string' && typeof told.s === 'number') {
        this.options.notifier.notify(told.o, told.s);
      }
    } catch {
      this.options.log.error('commit relay: unreadable notification', { payload });
    }
  }

  async #pokeWatched(): Promise<void> {
    const { db, notifier } = this.options;
    for (const organizationId of notifier.watchedOrganizations()) {
      notifier.notify(organizationId, await currentSeq(db, organizationId));
    }
  }
}
