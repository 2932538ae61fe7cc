import {
  isOverdue,
  presentDocument,
  type EntityName,
  type InvoiceStatus,
  type PresentOptions,
  type RoundingMode,
} from '@kanjo/core';

/** Stored rows whose presentation is kept: a few thousand documents' worth of memory. */
const DEFAULT_CAPACITY = 5_000;

type Documentish = 'quote' | 'salesOrder' | 'invoice';
const isDocument = (entity: EntityName): entity is Documentish =>
  entity === 'quote' || entity === 'salesOrder' || entity === 'invoice';

/** A stored row as the list sends it, less what each request adds (`version`, `overdue`). */
interface Presented {
  /** The JSON text of the presented row without its closing brace. */
  open: string;
  /** What `overdue` is judged on, for invoices. */
  invoice?: { status: InvoiceStatus; dueDate?: string | undefined; balance: number };
}

/** One stored row of a list page: its JSON text and version, as read. */
export interface StoredRow {
  data: string;
  version: number;
}

/**
 * Writes REST list pages, remembering each document's presentation by its
 * stored text. Totals are exact BigInt arithmetic over every line
 * (microseconds a row) and a list shows the same unchanged documents again
 * and again, so each stored version is parsed, totalled and serialized once.
 * The key is the row's own JSON and the rounding mode — nothing but the
 * content decides the totals — so a hit is always right, whoever asks;
 * `version` and `overdue` (which depends on today) are written per request.
 * Bounded: the oldest entries go first. One instance per app.
 *
 * @example
 * const pages = new PresentedRows();
 * return c.body(pages.listJson('invoice', rows, options, nextCursor), 200, JSON_HEADERS);
 */
export class PresentedRows {
  readonly #cache = new Map<string, Presented>();

  constructor(readonly capacity = DEFAULT_CAPACITY) {}

  /** How many stored rows are remembered now. */
  get size(): number {
    return this.#cache.size;
  }

  /** `{ items, nextCursor }` as JSON text: each row presented, with its version (and `overdue`). */
  listJson(
    entity: EntityName,
    rows: readonly StoredRow[],
    options: PresentOptions,
    nextCursor: string | null,
  ): string {
    const items = rows.map((row) => this.#item(entity, row, options));
    return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  #item(entity: EntityName, row: StoredRow, options: PresentOptions): string {
    if (!isDocument(entity)) {
      return JSON.stringify({ ...(JSON.parse(row.data) as object), version: row.version });
    }
    const presented = this.#presented(entity, row.data, options.roundingMode);
    const overdue = presented.invoice
      ? `,"overdue":${isOverdue(presented.invoice, options.today, presented.invoice).toString()}`
      : '';
    // A presented document always has fields (its id first), so a comma follows them.
    return `${presented.open},"version":${row.version}${overdue}}`;
  }

  #presented(entity: Documentish, data: string, roundingMode: RoundingMode): Presented {
    const key = `${entity}\u0000${roundingMode}\u0000${data}`;
    const found = this.#cache.get(key);
    if (found) return found;
    const row = JSON.parse(data) as Parameters<typeof presentDocument>[1];
    // `today` only decides `overdue`, and `version` is the request's: both are written per request.
    const {
      overdue: _overdue,
      version: _version,
      ...shown
    } = presentDocument(entity, row, {
      roundingMode,
      today: '',
    }) as Record<string, unknown> & { totals: { balance: number } };
    const text = JSON.stringify(shown);
    const presented: Presented = { open: text.slice(0, -1) };
    if (entity === 'invoice') {
      const invoice = row as { status: InvoiceStatus; dueDate?: string };
      presented.invoice = {
        status: invoice.status,
        dueDate: invoice.dueDate,
        balance: shown.totals.balance,
      };
    }
    if (this.#cache.size >= this.capacity) this.#evictOldest();
    this.#cache.set(key, presented);
    return presented;
  }

  /** Drops the oldest tenth: cheaper than an exact LRU, and as good for lists read in turn. */
  #evictOldest(): void {
    let drop = Math.max(1, Math.floor(this.capacity / 10));
    for (const key of this.#cache.keys()) {
      if (drop-- <= 0) break;
      this.#cache.delete(key);
    }
  }
}
