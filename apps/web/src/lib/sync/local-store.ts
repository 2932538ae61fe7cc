import type { PullResponse, PushResponse } from '@kanjo/core';
import type { LocalIdentity } from '$lib/db/local-context';
import { getMeta, setMeta } from '$lib/db/meta';
import type { KanjoDB, OutboxEntry } from '$lib/db/schema';
import { uuidv7 } from '$lib/db/ids';
import { applyPullPage, resetForResync, storeRejections } from './rebase';

/** What the sync engine needs from the device's storage. */
export interface LocalStore {
  clientId(): Promise<string>;
  cursor(): Promise<number>;
  /** The oldest `limit` pending edits, in seq order. */
  outbox(limit: number): Promise<OutboxEntry[]>;
  pendingCount(): Promise<number>;
  /** Drops settled entries and records refusals; rows wait for the pull. */
  applyPush(sent: readonly OutboxEntry[], response: PushResponse): Promise<void>;
  /** One page, in one transaction, with the rebase of pending edits. */
  applyPull(page: PullResponse): Promise<void>;
  /** 410: forget server rows and the cursor, keep the outbox. */
  resetForResync(): Promise<void>;
  markSynced(at: Date): Promise<void>;
}

/** The LocalStore of the browser: the user's Dexie database. */
export class DexieStore implements LocalStore {
  constructor(
    readonly db: KanjoDB,
    readonly identity: LocalIdentity,
    readonly clock: () => Date = () => new Date(),
  ) {}

  async clientId(): Promise<string> {
    return this.db.transaction('rw', this.db._meta, async () => {
      const existing = await getMeta(this.db, 'clientId');
      if (existing !== undefined) return existing;
      const clientId = uuidv7(this.clock().getTime());
      await setMeta(this.db, 'clientId', clientId);
      return clientId;
    });
  }

  async cursor(): Promise<number> {
    return (await getMeta(this.db, 'cursor')) ?? 0;
  }

  outbox(limit: number): Promise<OutboxEntry[]> {
    return this.db._outbox.orderBy('seq').limit(limit).toArray();
  }

  pendingCount(): Promise<number> {
    return this.db._outbox.count();
  }

  async applyPush(sent: readonly OutboxEntry[], response: PushResponse): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db._outbox, db._meta, db._rejections], async () => {
      const settledBefore = (await getMeta(db, 'lastSeq')) ?? 0;
      const bySeq = new Map(sent.map((entry) => [entry.seq, entry]));
      const rejections = response.results.flatMap((result) => {
        const entry = bySeq.get(result.seq);
        if (result.status !== 'rejected' || entry === undefined) return [];
        const { seq, name, entityId, args } = entry;
        return [
          {
            seq,
            name,
            entityId,
            args,
            code: result.code ?? 'REJECTED',
            message: result.message ?? '',
          },
        ];
      });
      await storeRejections(db, rejections, settledBefore, this.clock());
      await db._outbox.where('seq').belowOrEqual(response.lastSeq).delete();
      await setMeta(db, 'lastSeq', Math.max(settledBefore, response.lastSeq));
    });
  }

  applyPull(page: PullResponse): Promise<void> {
    return applyPullPage(this.db, this.identity, page, this.clock());
  }

  resetForResync(): Promise<void> {
    return resetForResync(this.db);
  }

  async markSynced(at: Date): Promise<void> {
    await setMeta(this.db, 'lastSyncAt', at.toISOString());
  }
}
