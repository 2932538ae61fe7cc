import type { EntityRowMap } from '@kanjo/core';
import { LiveQuery } from './live-query.svelte';
import {
  readFirstRows,
  readRowsInOrder,
  rebuildOrder,
  TOP_IDS,
  type FirstScreen,
  type OrderedEntity,
} from './order';
import type { KanjoDB } from './schema';

/** Rows read for the first screen: more than the tallest viewport shows with its overscan. */
const FIRST_SCREEN = Math.min(60, TOP_IDS);

/**
 * A long list's rows in display order, as rune state. The first screen
 * comes from the stored order and a few rows; every row follows right after
 * that screen is painted (for scrolling far, search and filters). Create it
 * while a component initializes.
 */
export class OrderedRows<E extends OrderedEntity> {
  #everyRow = $state(false);
  /** The locale the order was last sorted again for, here. */
  #rebuiltFor: string | undefined;
  readonly #first: LiveQuery<FirstScreen<EntityRowMap[E]> | null>;
  readonly #all: LiveQuery<EntityRowMap[E][] | undefined>;

  constructor(db: () => KanjoDB, entity: E, locale: () => string) {
    this.#first = new LiveQuery(
      () => readFirstRows(db(), entity, locale(), FIRST_SCREEN),
      () => locale(),
    );
    this.#all = new LiveQuery(
      () => (this.#everyRow ? readRowsInOrder(db(), entity, locale()) : undefined),
      () => [this.#everyRow, locale()],
    );
    $effect(() => {
      if (this.#everyRow || this.#first.current === undefined) return;
      if (this.#first.current === null) {
        // The order is for another language: sort it for this one, then read as usual;
        // should it still not serve, every row is read and sorted as lists always were.
        if (this.#rebuiltFor === locale()) this.#everyRow = true;
        else {
          this.#rebuiltFor = locale();
          rebuildOrder(db(), entity, locale()).catch(() => (this.#everyRow = true));
        }
        return;
      }
      // After the first screen is painted (the frame, then a task), not before it.
      const frame = requestAnimationFrame(() => setTimeout(() => (this.#everyRow = true)));
      return () => cancelAnimationFrame(frame);
    });
  }

  /** Every row once read, in order; until then the first screen's rows at their places. */
  readonly #current = $derived.by(() => {
    if (this.#all.current) return this.#all.current;
    const first = this.#first.current;
    if (!first) return undefined;
    const rows = new Array<EntityRowMap[E]>(first.total);
    first.rows.forEach((row, index) => (rows[index] = row));
    return rows;
  });

  get current(): readonly EntityRowMap[E][] | undefined {
    return this.#current;
  }

  /** Every row, or `undefined` until they are read (search and filters need them all). */
  get all(): readonly EntityRowMap[E][] | undefined {
    return this.#all.current;
  }
}
