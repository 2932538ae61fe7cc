import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { prepared } from './prepared';

let db: Db;
let close: () => void;

beforeEach(async () => {
  const opened = await openDatabase({ filename: ':memory:' });
  db = opened.db;
  close = () => opened.sqlite.close();
  await sql`create table pairs (k text primary key, a text, b integer)`.execute(db);
});
afterEach(() => close());

const upsert = prepared((d, v: { k: string; a: string | null; b: number }) =>
  d
    .withTables<{ pairs: { k: string; a: string | null; b: number } }>()
    .insertInto('pairs')
    .values(v)
    .onConflict((oc) => oc.column('k').doUpdateSet({ a: v.a, b: v.b })),
);

const read = async () =>
  (
    await sql<{ k: string; a: string | null; b: number }>`select * from pairs order by k`.execute(
      db,
    )
  ).rows;

describe('a prepared query', () => {
  it('binds each value by name, however often and in whatever order the text uses it', async () => {
    await upsert(db, { k: 'x', a: 'first', b: 1 });
    await upsert(db, { k: 'y', a: null, b: 2 });
    // The conflict's update binds `a` and `b` a second time.
    await upsert(db, { k: 'x', a: 'second', b: 3 });
    expect(await read()).toEqual([
      { k: 'x', a: 'second', b: 3 },
      { k: 'y', a: null, b: 2 },
    ]);
  });

  it('makes one text per set of value names, so an optional value is bound or left out', async () => {
    const insert = prepared((d, v: { k: string; a?: string; b: number }) =>
      d
        .withTables<{ pairs: { k: string; a: string | null; b: number } }>()
        .insertInto('pairs')
        .values(v),
    );
    await insert(db, { k: 'with', a: 'given', b: 1 });
    await insert(db, { k: 'without', b: 2 });
    expect(await read()).toEqual([
      { k: 'with', a: 'given', b: 1 },
      { k: 'without', a: null, b: 2 },
    ]);
  });

  it('refuses a builder that writes a value into the text instead of binding it', async () => {
    const inlined = prepared((d, v: { k: string }) =>
      d
        .withTables<{ pairs: { k: string } }>()
        .selectFrom('pairs')
        .select('k')
        .where('k', '=', sql.lit(v.k)),
    );
    await expect(inlined(db, { k: 'x' })).rejects.toThrow('does not bind k');
  });
});
