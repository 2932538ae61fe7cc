import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readTransaction, type Db } from '../src/db/database';
import { migrations } from '../src/db/migrations/index';
import { makeTestApp, onSqlite, signUp } from './helpers';

describe('the database', () => {
  it('has applied every migration on disk, in order', async () => {
    const { db } = await makeTestApp();
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('reads one snapshot in a read transaction: a commit landing between two reads shows in neither', async () => {
    const t = await makeTestApp();
    const { me } = await signUp(t.app);
    const organizationId = String(me.organization.id);
    const seqOf = async (db: Db) =>
      Number(
        (
          await db
            .selectFrom('organizations')
            .select('seq')
            .where('id', '=', organizationId)
            .executeTakeFirstOrThrow()
        ).seq,
      );
    let landed: Promise<unknown> = Promise.resolve();
    const [first, second] = await readTransaction(t.db, async (trx) => {
      const first = await seqOf(trx);
      landed = t.db
        .updateTable('organizations')
        .set({ seq: sql`seq + 1` })
        .where('id', '=', organizationId)
        .execute();
      // PostgreSQL commits it now, on another pooled connection; SQLite's one
      // connection runs it once this transaction ends.
      await Promise.race([landed, new Promise((resolve) => setTimeout(resolve, 100))]);
      return [first, await seqOf(trx)];
    });
    await landed;
    expect(second).toBe(first);
    expect(await seqOf(t.db)).toBe(first + 1);
  });

  // SQLite's own settings (pragmas); Postgres has none of them and always enforces foreign keys.
  describe.skipIf(!onSqlite)('SQLite settings', () => {
    it('runs in WAL with synchronous=FULL and foreign keys on', async () => {
      const { sqlite } = await makeTestApp();
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    });

    it('enforces foreign keys', async () => {
      const { sqlite } = await makeTestApp();
      expect(() =>
        sqlite
          .prepare(
            "insert into users (id, organization_id, email, role, password_hash, created_at) values ('u', 'missing-org', 'x@y.z', 'owner', 'h', 'now')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    });
  });
});
