import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations/index';
import { makeTestApp, onSqlite } from './helpers';

describe('the database', () => {
  it('has applied every migration on disk, in order', async () => {
    const { db } = await makeTestApp();
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
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
