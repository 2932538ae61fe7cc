import {
  pullResponseSchema,
  pushResponseSchema,
  type SyncChange,
  type SyncMutation,
} from '@kanjo/core';
import * as v from 'valibot';
import { uuidv7 } from '../src/ids';
import { Client, makeTestApp, signUp, type RequestTarget } from './helpers';

/**
 * One browser database in a sync test: an outbox with its own seq counter, a
 * local copy of the rows it pulled, and push()/pull() over the real HTTP API,
 * so tests read like the protocol.
 */
export class SyncClient {
  /** Live rows by `entity:id` (a pulled delete removes the row). */
  readonly rows = new Map<string, { entity: string; id: string; row: any; version: number }>();
  outbox: SyncMutation[] = [];
  cursor = 0;
  lastSeq = 0;
  #nextSeq = 1;

  constructor(
    readonly http: Client,
    readonly clientId: string = uuidv7(),
  ) {}

  /** Queues a mutation like a local edit would; returns it. */
  enqueue(name: string, entityId: string, args: unknown = {}, baseVersion = 0): SyncMutation {
    const mutation = { seq: this.#nextSeq++, name, entityId, args, baseVersion };
    this.outbox.push(mutation);
    return mutation;
  }

  /** Queues an edit of a row this client holds, based on its local version. */
  edit(entity: string, name: string, id: string, args: unknown): SyncMutation {
    return this.enqueue(name, id, args, this.version(entity, id));
  }

  async push(mutations: SyncMutation[] = this.outbox) {
    const res = await this.http.post('/api/sync/push', { clientId: this.clientId, mutations });
    if (res.status === 200) {
      // The contract the PWA parses with: a drift fails here first.
      v.parse(pushResponseSchema, res.json);
      this.lastSeq = res.json.lastSeq;
      this.outbox = this.outbox.filter((m) => m.seq > this.lastSeq);
    }
    return res;
  }

  /** One page; applies it to the local rows. */
  async pull({ limit, cursor = this.cursor }: { limit?: number; cursor?: number } = {}) {
    const query = new URLSearchParams({ cursor: String(cursor), clientId: this.clientId });
    if (limit !== undefined) query.set('limit', String(limit));
    const res = await this.http.get(`/api/sync/pull?${query}`);
    if (res.status === 200) {
      v.parse(pullResponseSchema, res.json);
      for (const change of res.json.changes as SyncChange[]) {
        const key = `${change.entity}:${change.id}`;
        if (change.op === 'delete') this.rows.delete(key);
        else this.rows.set(key, { ...change });
      }
      this.cursor = res.json.cursor;
      this.lastSeq = res.json.lastSeq;
    }
    return res;
  }

  /** Pulls every page; returns the pages' responses. */
  async pullAll(options: { limit?: number } = {}) {
    const pages = [];
    for (;;) {
      const res = await this.pull(options);
      pages.push(res);
      if (res.status !== 200 || !res.json.hasMore) return pages;
    }
  }

  /** Forgets everything pulled (what a client does on 410 CURSOR_EXPIRED). */
  reset(): void {
    this.rows.clear();
    this.cursor = 0;
  }

  row(entity: string, id: string): any {
    return this.rows.get(`${entity}:${id}`)?.row;
  }

  version(entity: string, id: string): number {
    return this.rows.get(`${entity}:${id}`)?.version ?? 0;
  }

  /** The local rows as a comparable value. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** An organization with its owner, plus a second user (sales by default) of the same organization. */
export async function makeSyncOrg(
  t: { app: RequestTarget },
  { role = 'admin' }: { role?: 'admin' | 'accountant' | 'sales' } = {},
) {
  const owner = await signUp(t.app);
  const invite = await owner.client.post('/api/users', {
    email: `${role}-${uuidv7()}@example.com`,
    role,
  });
  const member = new Client(t.app);
  const joined = await member.post('/api/auth/accept-invite', {
    token: invite.json.invitation.token,
    password: 'a long enough password',
  });
  if (joined.status !== 201) throw new Error(`invite failed: ${JSON.stringify(joined.json)}`);
  return {
    owner: owner.client,
    ownerId: owner.me.user.id as string,
    member,
    memberId: joined.json.user.id as string,
  };
}

/** A fresh app with one organization whose owner syncs from one browser. */
export async function makeSyncTest() {
  const t = await makeTestApp();
  const { client, me } = await signUp(t.app);
  return { ...t, http: client, userId: me.user.id as string, sync: new SyncClient(client) };
}
