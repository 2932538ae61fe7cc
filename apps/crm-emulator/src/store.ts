import type { Database, Statement } from 'better-sqlite3';
import { ADMIN_EMAIL, ensureSchema, fieldKeySql, resettableTables } from './schema';

export { ADMIN_EMAIL };

export interface User {
  id: string;
  email: string;
  name: string;
  /** A profile name of `/settings/profiles`: Administrator, Standard or Sales. */
  profile: string;
}

const USER_COLUMNS = 'id, email, name, profile';

export interface StoredRecord {
  module: string;
  id: string;
  data: Record<string, unknown>;
  createdTime: number;
  modifiedTime: number;
  createdBy: string;
  modifiedBy: string;
  ownerId: string;
  deletedTime: number | null;
  deletedBy: string | null;
}

interface RecordRow {
  module: string;
  id: string;
  data: string;
  created_time: number;
  modified_time: number;
  created_by: string;
  modified_by: string;
  owner_id: string;
  deleted_time: number | null;
  deleted_by: string | null;
}

export type SortColumn = 'id' | 'created_time' | 'modified_time';

export interface PageQuery {
  module: string;
  sortColumn: SortColumn;
  descending: boolean;
  modifiedAfter?: number;
  /** A custom view's filter: only this owner's records. */
  ownerId?: string;
  /** A custom view's filter: only records created after this time. */
  createdAfter?: number;
  /** Continue strictly after this (sort key, id) position. */
  after?: { key: number | string; id: string };
  offset: number;
  limit: number;
}

/** One committed write to a record, as change listeners (notifications) see it. */
export interface RecordChange {
  module: string;
  operation: 'insert' | 'update' | 'delete';
  id: string;
  /** Fields whose values the write set or changed; empty for a delete. */
  changedFields: string[];
}

/** Called once per committed transaction (or lone write) with its changes in order. */
export type ChangeListener = (changes: readonly RecordChange[]) => void;

// Zoho ids are 19-digit numbers; a fixed width keeps text order equal to numeric order.
const ID_BASE = 5725767000000000000n;

function fromRow(row: RecordRow): StoredRecord {
  return {
    module: row.module,
    id: row.id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdTime: row.created_time,
    modifiedTime: row.modified_time,
    createdBy: row.created_by,
    modifiedBy: row.modified_by,
    ownerId: row.owner_id,
    deletedTime: row.deleted_time,
    deletedBy: row.deleted_by,
  };
}

/**
 * The emulator's SQLite store: users, CRM records (one table, a `module` column, JSON data)
 * and deleted records kept for `/deleted`.
 */
export class Store {
  constructor(readonly db: Database) {
    ensureSchema(db);
    if (!this.findUserByEmail(ADMIN_EMAIL)) this.createAdmin();
  }

  nextId(): string {
    const row = this.db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('id', 1)
         ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value`,
      )
      .get() as { value: number };
    return String(ID_BASE + BigInt(row.value));
  }

  private readonly listeners = new Set<ChangeListener>();
  /** Changes of the open outermost transaction; undefined outside one. */
  private pending: RecordChange[] | undefined;

  /**
   * Listens to committed record writes; returns the unsubscribe function.
   *
   * @example
   * const off = store.onChange((changes) => changes.forEach((c) => seen.push(c.id)));
   */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  transaction<T>(work: () => T): T {
    if (this.pending) return this.db.transaction(work)();
    this.pending = [];
    try {
      const result = this.db.transaction(work)();
      const changes = this.pending;
      this.pending = undefined;
      // Listeners hear only after commit: a rolled-back write must never be announced.
      this.publish(changes);
      return result;
    } finally {
      this.pending = undefined;
    }
  }

  private record(change: RecordChange): void {
    if (this.pending) this.pending.push(change);
    else this.publish([change]);
  }

  private publish(changes: readonly RecordChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch {
        // A listener's failure must not fail a write that is already committed.
      }
    }
  }

  reset(): void {
    this.transaction(() => {
      for (const table of resettableTables) this.db.exec(`DELETE FROM ${table}`);
      this.createAdmin();
    });
  }

  admin(): User {
    const admin = this.findUserByEmail(ADMIN_EMAIL);
    if (!admin) throw new Error('the admin user is missing');
    return admin;
  }

  private createAdmin(): User {
    return this.createUser({ email: ADMIN_EMAIL, profile: 'Administrator' });
  }

  /** A new CRM user; the name defaults to the email's local part, the profile to Standard. */
  createUser(args: { email: string; name?: string; profile?: string }): User {
    const user: User = {
      id: this.nextId(),
      email: args.email,
      name: args.name ?? args.email.split('@')[0] ?? args.email,
      profile: args.profile ?? 'Standard',
    };
    this.db
      .prepare('INSERT INTO users (id, email, name, profile) VALUES (?, ?, ?, ?)')
      .run(user.id, user.email, user.name, user.profile);
    return user;
  }

  /** Creates the user of `email`, or gives the existing one this name and profile. */
  saveUser(args: { email: string; name: string; profile?: string }): {
    user: User;
    created: boolean;
  } {
    return this.transaction(() => {
      const existing = this.findUserByEmail(args.email);
      if (!existing) return { user: this.createUser(args), created: true };
      const user = { ...existing, name: args.name, profile: args.profile ?? existing.profile };
      this.db
        .prepare('UPDATE users SET name = ?, profile = ? WHERE id = ?')
        .run(user.name, user.profile, user.id);
      return { user, created: false };
    });
  }

  listUsers(): User[] {
    return this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`).all() as User[];
  }

  findUserByEmail(email: string): User | undefined {
    return this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`).get(email) as
      User | undefined;
  }

  /** Prepared once: every record presented looks up its owner and its two writers. */
  #findUser: Statement | undefined;

  findUser(id: string): User | undefined {
    this.#findUser ??= this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    return this.#findUser.get(id) as User | undefined;
  }

  /** The user of `id`, or a placeholder so a record of a removed user still presents. */
  user(id: string): User {
    return this.findUser(id) ?? { id, email: '', name: 'Unknown', profile: 'Standard' };
  }

  get(module: string, id: string): StoredRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM records WHERE module = ? AND id = ? AND deleted_time IS NULL')
      .get(module, id) as RecordRow | undefined;
    return row && fromRow(row);
  }

  /**
   * A live record whose `field` equals `value` ignoring case and surrounding space.
   * The path is written into the SQL (an API name, checked) so the duplicate-check
   * fields' expression indexes (see schema.ts) serve it.
   */
  findByField(module: string, field: string, value: string): StoredRecord | undefined {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) return undefined;
    const row = this.db
      .prepare(
        `SELECT * FROM records WHERE module = ? AND deleted_time IS NULL
         AND ${fieldKeySql(field)} = lower(trim(?)) ORDER BY id LIMIT 1`,
      )
      .get(module, value) as RecordRow | undefined;
    return row && fromRow(row);
  }

  /** Inserts a record created by `userId`, owned by `ownerId` (default: its creator). */
  insert(
    module: string,
    data: Record<string, unknown>,
    userId: string,
    now: number,
    ownerId = userId,
  ): StoredRecord {
    const record: StoredRecord = {
      module,
      id: this.nextId(),
      data,
      createdTime: now,
      modifiedTime: now,
      createdBy: userId,
      modifiedBy: userId,
      ownerId,
      deletedTime: null,
      deletedBy: null,
    };
    this.db
      .prepare(
        `INSERT INTO records (module, id, data, created_time, modified_time, created_by, modified_by, owner_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(module, record.id, JSON.stringify(data), now, now, userId, userId, ownerId);
    this.record({ module, operation: 'insert', id: record.id, changedFields: Object.keys(data) });
    return record;
  }

  /** Replaces a record's data as `userId`; `ownerId` hands it to another owner. */
  update(
    record: StoredRecord,
    data: Record<string, unknown>,
    userId: string,
    now: number,
    ownerId = record.ownerId,
  ): StoredRecord {
    this.db
      .prepare(
        `UPDATE records SET data = ?, modified_time = ?, modified_by = ?, owner_id = ?
         WHERE module = ? AND id = ?`,
      )
      .run(JSON.stringify(data), now, userId, ownerId, record.module, record.id);
    const changedFields = Object.keys(data).filter(
      (key) => JSON.stringify(data[key]) !== JSON.stringify(record.data[key]),
    );
    if (ownerId !== record.ownerId) changedFields.push('Owner');
    this.record({ module: record.module, operation: 'update', id: record.id, changedFields });
    return { ...record, data, modifiedTime: now, modifiedBy: userId, ownerId };
  }

  delete(module: string, id: string, userId: string, now: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE records SET deleted_time = ?, deleted_by = ?
         WHERE module = ? AND id = ? AND deleted_time IS NULL`,
      )
      .run(now, userId, module, id);
    if (result.changes > 0) this.record({ module, operation: 'delete', id, changedFields: [] });
    return result.changes > 0;
  }

  page(query: PageQuery): StoredRecord[] {
    const col = query.sortColumn;
    const dir = query.descending ? 'DESC' : 'ASC';
    const where = ['module = ?', 'deleted_time IS NULL'];
    const params: (string | number)[] = [query.module];
    if (query.modifiedAfter !== undefined) {
      where.push('modified_time > ?');
      params.push(query.modifiedAfter);
    }
    if (query.ownerId !== undefined) {
      where.push('owner_id = ?');
      params.push(query.ownerId);
    }
    if (query.createdAfter !== undefined) {
      where.push('created_time > ?');
      params.push(query.createdAfter);
    }
    if (query.after) {
      where.push(`(${col}, id) ${query.descending ? '<' : '>'} (?, ?)`);
      params.push(query.after.key, query.after.id);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM records WHERE ${where.join(' AND ')}
         ORDER BY ${col} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset) as RecordRow[];
    return rows.map(fromRow);
  }

  deleted(
    module: string,
    modifiedAfter: number | undefined,
    offset: number,
    limit: number,
  ): StoredRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM records WHERE module = ? AND deleted_time IS NOT NULL AND deleted_time > ?
         ORDER BY deleted_time DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(module, modifiedAfter ?? -1, limit, offset) as RecordRow[];
    return rows.map(fromRow);
  }

  /** Every live record of a module, oldest id first. */
  all(module: string): StoredRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM records WHERE module = ? AND deleted_time IS NULL ORDER BY id')
      .all(module) as RecordRow[];
    return rows.map(fromRow);
  }

  count(module: string): number {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM records WHERE module = ? AND deleted_time IS NULL')
      .get(module) as { n: number };
    return row.n;
  }
}
