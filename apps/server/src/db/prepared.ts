import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './database';
import { dialectOf } from './dialect';

type Values = Record<string, unknown>;

interface Compiled {
  sql: string;
  /** Per bound parameter: the name of the value it takes, or a constant the builder wrote. */
  slots: ({ name: string } | { constant: unknown })[];
}

/**
 * A query Kysely builds and compiles once per dialect and shape, then runs
 * with new values: the write path's hot queries (a row's upsert and read,
 * once per mutation) would otherwise be built and compiled anew each time,
 * which costs more than SQLite takes to run them. The builder is called
 * with a marker in place of each value; the compiled text keeps the
 * markers' places, so any builder that binds its values as parameters works,
 * whatever their order or how often each appears. A shape is the set of
 * value names, so optional values make one compiled text per combination.
 *
 * @example
 * const byId = prepared((db, v: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', v.id));
 * const rows = (await byId(trx, { id })).rows;
 */
export function prepared<V extends Values>(
  build: (db: Db, values: V) => Compilable,
): <R = unknown>(db: Db, values: V) => Promise<QueryResult<R>> {
  const compiled = new Map<string, Compiled>();
  return async <R>(db: Db, values: V) => {
    const names = Object.keys(values);
    const key = `${dialectOf(db)}:${names.join(',')}`;
    let query = compiled.get(key);
    if (!query) {
      query = compile(db, build, names);
      compiled.set(key, query);
    }
    const parameters = query.slots.map((slot) =>
      'name' in slot ? values[slot.name] : slot.constant,
    );
    return db.executeQuery<R>(CompiledQuery.raw(query.sql, parameters));
  };
}

function compile<V extends Values>(
  db: Db,
  build: (db: Db, values: V) => Compilable,
  names: string[],
): Compiled {
  const markers = new Map(names.map((name) => [`\u0000prepared:${name}\u0000`, name]));
  const withMarkers = Object.fromEntries([...markers].map(([marker, name]) => [name, marker]));
  const { sql, parameters } = build(db, withMarkers as V).compile();
  const slots = parameters.map((parameter) => {
    const name = typeof parameter === 'string' ? markers.get(parameter) : undefined;
    return name === undefined ? { constant: parameter } : { name };
  });
  const bound = new Set(slots.flatMap((slot) => ('name' in slot ? [slot.name] : [])));
  const unbound = names.filter((name) => !bound.has(name));
  if (unbound.length > 0) {
    throw new Error(`prepared query does not bind ${unbound.join(', ')} as parameters`);
  }
  return { sql, slots };
}
