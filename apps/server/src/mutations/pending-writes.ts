import type { Db } from '../db/database';
import { dialectOf } from '../db/dialect';
import { appendChanges, type ChangeEntry } from '../sync/change-log';

interface Counter {
  /** The seq as stored when the transaction first read it. */
  stored: number;
  seq: number;
}

/**
 * What a write transaction writes once, at its end, instead of at each
 * mutation: the organization's seq (read once, then counted here) and the
 * change log rows stamped with it. A push of a hundred mutations makes one
 * update of the organization and one insert of its log, not a hundred of
 * each. `flush` runs just before the commit; a rolled-back transaction
 * discards everything, and `mark` undoes what a rolled-back savepoint added.
 */
export class PendingWrites {
  readonly #reading = new Map<string, Promise<Counter>>();
  readonly #counters = new Map<string, Counter>();
  #log: ChangeEntry[] = [];

  constructor(private readonly trx: Db) {}

  /** The next seq of the organization: each write of the transaction takes its own. */
  async nextSeq(organizationId: string): Promise<number> {
    const counter = await this.#counter(organizationId);
    counter.seq += 1;
    return counter.seq;
  }

  /** The organization's seq as this transaction has moved it so far. */
  async seqOf(organizationId: string): Promise<number> {
    return (await this.#counter(organizationId)).seq;
  }

  appendChange(entry: ChangeEntry): void {
    this.#log.push(entry);
  }

  /** The state now; the returned function puts it back (a savepoint rolled back). */
  mark(): () => void {
    const logLength = this.#log.length;
    const seqs = new Map([...this.#counters].map(([id, counter]) => [id, counter.seq]));
    return () => {
      this.#log.length = logLength;
      // A counter first read after the mark had not moved then.
      for (const [id, counter] of this.#counters) counter.seq = seqs.get(id) ?? counter.stored;
    };
  }

  /**
   * Stores the counted seqs and the log. The update names the seq it read:
   * a seq moved meanwhile by a write outside this transaction's counter is a
   * defect, and the whole transaction fails rather than reuse a seq.
   */
  async flush(): Promise<void> {
    for (const [organizationId, counter] of this.#counters) {
      if (counter.seq === counter.stored) continue;
      const moved = await this.trx
        .updateTable('organizations')
        .set({ seq: counter.seq })
        .where('id', '=', organizationId)
        .where('seq', '=', counter.stored)
        .executeTakeFirst();
      if (moved.numUpdatedRows !== 1n) {
        throw new Error(`the seq of organization ${organizationId} moved during its write`);
      }
      counter.stored = counter.seq;
    }
    const log = this.#log;
    this.#log = [];
    await appendChanges(this.trx, log);
  }

  #counter(organizationId: string): Promise<Counter> {
    let reading = this.#reading.get(organizationId);
    if (!reading) {
      reading = this.#readSeq(organizationId).then((seq) => {
        const counter = { stored: seq, seq };
        this.#counters.set(organizationId, counter);
        return counter;
      });
      this.#reading.set(organizationId, reading);
    }
    return reading;
  }

  /**
   * On PostgreSQL the row is locked too: a transaction opened without
   * naming the organization has not locked it yet.
   */
  async #readSeq(organizationId: string): Promise<number> {
    let query = this.trx.selectFrom('organizations').select('seq').where('id', '=', organizationId);
    if (dialectOf(this.trx) === 'postgres') query = query.forNoKeyUpdate();
    const row = await query.executeTakeFirstOrThrow();
    return row.seq;
  }
}
