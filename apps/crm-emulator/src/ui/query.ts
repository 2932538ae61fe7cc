import type { Store, StoredRecord } from '../store';
import type { UiModule } from './ui-modules';

export const PER_PAGE = 50;
/** Above this many records a lookup is an id text field rather than a `<select>`. */
export const MAX_LOOKUP_OPTIONS = 200;

// Reads only: the UI selects ids here and loads each record through the Store, so the row
// format stays the Store's; every write goes through the REST API's writers (see save.ts).

const json = (field: string) => `coalesce(json_extract(data, '$."${field}"'), '')`;
const live = 'module = ? AND deleted_time IS NULL';

function load(store: Store, module: string, ids: { id: string }[]): StoredRecord[] {
  return ids.flatMap(({ id }) => store.get(module, id) ?? []);
}

/**
 * One page of a module's records whose name contains `q` (ignoring case), newest change first.
 *
 * @example
 * findPage({ store, module: uiModule('accounts'), q: 'acme', page: 1 }); // { records, total }
 */
export function findPage(args: { store: Store; module: UiModule; q: string; page: number }) {
  const { store, module } = args;
  const name = module.nameFields.map(json).join(` || ' ' || `);
  const pattern = `%${args.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const where = `${live} AND (${name}) LIKE ? ESCAPE '\\'`;
  const { total } = store.db
    .prepare(`SELECT count(*) AS total FROM records WHERE ${where}`)
    .get(module.apiName, pattern) as { total: number };
  const ids = store.db
    .prepare(
      `SELECT id FROM records WHERE ${where} ORDER BY modified_time DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(module.apiName, pattern, PER_PAGE, (args.page - 1) * PER_PAGE) as { id: string }[];
  return { records: load(store, module.apiName, ids), total };
}

/** Records of `module` whose lookup `field` points at `id` (an account's contacts and deals). */
export function related(store: Store, module: string, field: string, id: string): StoredRecord[] {
  const ids = store.db
    .prepare(
      `SELECT id FROM records WHERE ${live} AND json_extract(data, ?) = ?
       ORDER BY modified_time DESC, id DESC LIMIT ${PER_PAGE}`,
    )
    .all(module, `$."${field}".id`, id) as { id: string }[];
  return load(store, module, ids);
}

/** Every record a lookup may point at, or undefined when there are too many for a `<select>`. */
export function lookupChoices(store: Store, module: string): StoredRecord[] | undefined {
  if (store.count(module) > MAX_LOOKUP_OPTIONS) return undefined;
  return store.all(module);
}
