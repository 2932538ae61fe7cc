import type { Table } from 'dexie';
import type { EntityName, EntityRowMap } from '@kanjo/core';
import { sortByText, textCollator } from '$lib/ui/search';
import { ENTITY_TABLES, entityTable, type KanjoDB } from './schema';

/** A database or an upgrade's transaction: what holds the tables. */
interface Tables {
  table(name: string): Table;
}

/**
 * The stored display order of a long list: every row's id sorted by its name
 * as the list shows it (the locale's collator, ties by id), so a list can
 * render its first screen from one small read instead of reading and
 * sorting every row. One row per entity, kept apart from the entity's own
 * rows (which must stay exactly the server's).
 */
export interface OrderRow {
  entity: OrderedEntity;
  /** The collator's locale the ids are sorted for. */
  locale: string;
  /** Row ids in display order. */
  ids: string[];
  /** Each id's sort text, at the same position. */
  texts: string[];
}

/** The first ids of an order and how many there are: all a list's first screen needs. */
export interface OrderTop {
  entity: OrderedEntity;
  locale: string;
  total: number;
  ids: string[];
}

/** Ids kept in `OrderTop`: more than the tallest first screen shows. */
export const TOP_IDS = 100;

/** The text each ordered entity's list sorts by. */
export const ORDER_TEXT = {
  customer: (row: EntityRowMap['customer']) => row.displayName,
} as const;

export type OrderedEntity = keyof typeof ORDER_TEXT;

/** The locale a new order is sorted for until a list asks for another. */
const DEFAULT_LOCALE = 'en';

function isOrdered(entity: EntityName): entity is OrderedEntity {
  return Object.hasOwn(ORDER_TEXT, entity);
}

function textOf(entity: OrderedEntity, row: EntityRowMap[EntityName]): string {
  return ORDER_TEXT[entity](row as EntityRowMap[OrderedEntity]);
}

/** The list's order: the collator on the text, then the id (as a stable sort of rows by id gave). */
function comparer(locale: string): (a: [string, string], b: [string, string]) => number {
  const { compare } = textCollator(locale);
  return ([textA, idA], [textB, idB]) =>
    compare(textA, textB) || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

/** Every row of `entity` in display order for `locale`, read from its table (in the caller's transaction). */
export async function buildOrder(
  tables: Tables,
  entity: OrderedEntity,
  locale: string,
): Promise<OrderRow> {
  const pairs: [string, string][] = [];
  await tables
    .table(ENTITY_TABLES[entity])
    .toCollection()
    .each((row: EntityRowMap[OrderedEntity]) => {
      pairs.push([textOf(entity, row), row.id]);
    });
  pairs.sort(comparer(locale));
  return { entity, locale, texts: pairs.map(([text]) => text), ids: pairs.map(([, id]) => id) };
}

/**
 * `order` with the rows in `changes` moved to their new place (`null` =
 * gone): the untouched ids keep their order and the changed ones, sorted,
 * are merged in, so a page of a thousand changes costs one pass.
 */
export function reorder(order: OrderRow, changes: ReadonlyMap<string, string | null>): OrderRow {
  const compare = comparer(order.locale);
  const added: [string, string][] = [];
  for (const [id, text] of changes) if (text !== null) added.push([text, id]);
  added.sort(compare);
  const ids: string[] = [];
  const texts: string[] = [];
  let next = 0;
  const take = (text: string, id: string) => {
    texts.push(text);
    ids.push(id);
  };
  for (let i = 0; i < order.ids.length; i += 1) {
    const id = order.ids[i] as string;
    const text = order.texts[i] as string;
    if (changes.has(id)) continue;
    for (let pair = added[next]; pair && compare(pair, [text, id]) < 0; pair = added[++next]) {
      take(...pair);
    }
    take(text, id);
  }
  for (const pair of added.slice(next)) take(...pair);
  return { entity: order.entity, locale: order.locale, ids, texts };
}

/**
 * The order changes of one transaction's row writes, stored together by
 * `flush`: a pull page of a thousand rows, or a rebase replaying many edits,
 * rewrites each order once.
 */
export class OrderChanges {
  readonly #changes = new Map<OrderedEntity, Map<string, string | null>>();

  constructor(readonly db: KanjoDB) {}

  /** `row` is the id's new state (`null` = deleted); only ordered entities are noted. */
  note(entity: EntityName, id: string, row: EntityRowMap[EntityName] | null): void {
    if (!isOrdered(entity)) return;
    let changes = this.#changes.get(entity);
    if (!changes) this.#changes.set(entity, (changes = new Map()));
    changes.set(id, row === null ? null : textOf(entity, row));
  }

  /** Stores every noted change; call in the rw transaction of the writes, after them. */
  async flush(): Promise<void> {
    for (const [entity, changes] of this.#changes) {
      const stored = await this.db._order.get(entity);
      // No stored order yet (a new database): the table, already written, is the truth.
      const order = stored
        ? reorder(stored, changes)
        : await buildOrder(this.db, entity, DEFAULT_LOCALE);
      await storeOrder(this.db, order);
    }
    this.#changes.clear();
  }
}

/** Stores `order` and its top (call in a rw transaction over both tables). */
async function storeOrder(tables: Tables, order: OrderRow): Promise<void> {
  const { entity, locale, ids } = order;
  await tables.table('_order').put(order);
  const top: OrderTop = { entity, locale, total: ids.length, ids: ids.slice(0, TOP_IDS) };
  await tables.table('_orderTop').put(top);
}

/** Empties every order (the rows are gone); call in the transaction that clears the tables. */
export async function clearOrders(db: KanjoDB): Promise<void> {
  for (const order of await db._order.toArray()) {
    await storeOrder(db, { ...order, ids: [], texts: [] });
  }
}

/**
 * Sorts `entity`'s stored order again from its rows, for `locale`: when it
 * was sorted for another language (the person switched), or is missing.
 */
export async function rebuildOrder(
  db: KanjoDB,
  entity: OrderedEntity,
  locale: string,
): Promise<void> {
  await db.transaction('rw', [db._order, db._orderTop, entityTable(db, entity)], async () => {
    await storeOrder(db, await buildOrder(db, entity, locale));
  });
}

/** Fills the order of every ordered entity (a schema upgrade of a database that has rows). */
export async function fillOrders(tables: Tables): Promise<void> {
  for (const entity of Object.keys(ORDER_TEXT) as OrderedEntity[]) {
    await storeOrder(tables, await buildOrder(tables, entity, DEFAULT_LOCALE));
  }
}

export interface FirstScreen<R> {
  total: number;
  rows: R[];
}

/**
 * The first `count` rows in display order and how many there are, from the
 * stored order; `null` when that order is for another locale (or does
 * not match the rows), which only a read of every row can mend.
 */
export function readFirstRows<E extends OrderedEntity>(
  db: KanjoDB,
  entity: E,
  locale: string,
  count: number,
): Promise<FirstScreen<EntityRowMap[E]> | null> {
  const table = entityTable(db, entity);
  return db.transaction('r', [db._orderTop, table], async () => {
    const top = await db._orderTop.get(entity);
    if (top?.locale !== locale) return null;
    const rows = await table.bulkGet(top.ids.slice(0, count));
    const present = rows.filter((row) => row !== undefined);
    return present.length === rows.length ? { total: top.total, rows: present } : null;
  });
}

/**
 * Every row of `entity` in display order: the stored order applied to the
 * rows, or (an order for another locale, or one that does not match the
 * rows) the rows sorted here, as the list always sorted them.
 */
export function readRowsInOrder<E extends OrderedEntity>(
  db: KanjoDB,
  entity: E,
  locale: string,
): Promise<EntityRowMap[E][]> {
  const table = entityTable(db, entity);
  // A transaction of its own also keeps a live query from deep-cloning thousands of rows.
  return db.transaction('r', [db._order, table], async () => {
    const [order, rows] = await Promise.all([db._order.get(entity), table.toArray()]);
    if (order?.locale === locale && order.ids.length === rows.length) {
      const byId = new Map(rows.map((row) => [row.id, row]));
      const ordered = order.ids.map((id) => byId.get(id));
      if (ordered.every((row) => row !== undefined)) return ordered;
    }
    const text = ORDER_TEXT[entity] as (row: EntityRowMap[E]) => string;
    return sortByText(rows, text, locale);
  });
}
