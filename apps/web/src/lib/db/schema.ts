import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Conflict, Deal, EntityName, EntityRowMap, MutationName } from '@kanjo/core';
import { fillOrders, type OrderRow, type OrderTop } from './order';

/**
 * The browser database of one signed-in user (`kanjo-<userId>`). Every
 * `version(n)` stays here forever, in order: a browser may still hold a
 * database made by any of them, and Dexie upgrades it step by step.
 */

/** The Dexie table of each entity. */
export const ENTITY_TABLES = {
  customer: 'customers',
  item: 'items',
  quote: 'quotes',
  salesOrder: 'salesOrders',
  invoice: 'invoices',
  payment: 'payments',
} as const satisfies Record<EntityName, string>;

export type EntityTableName = (typeof ENTITY_TABLES)[EntityName];

export const ENTITY_NAMES = Object.keys(ENTITY_TABLES) as EntityName[];

/** A local edit waiting to be pushed; `seq` is contiguous per database (the server requires it). */
export interface OutboxEntry {
  seq: number;
  name: MutationName;
  entityId: string;
  args: unknown;
  /** The row's version when the edit was made (0 for a create); sent unchanged on every retry. */
  baseVersion: number;
  /** ISO instant of the edit; also the `now` of every local re-run, so replays are stable. */
  createdAt: string;
}

/** A mutation the server refused, kept so the UI can show the losing edit until dismissed. */
export interface RejectionRow {
  seq: number;
  name: string;
  entityId: string;
  code: string;
  message: string;
  args?: unknown;
  /** ISO instant this device learnt of it (indexed since version 2). */
  rejectedAt: string;
}

/**
 * The server-confirmed state of a row that pending mutations changed,
 * captured before the first optimistic change; `row: null` = absent on the
 * server (a pending create).
 */
export interface BaseRow<E extends EntityName = EntityName> {
  entity: E;
  id: string;
  row: EntityRowMap[E] | null;
}

export type ConflictRow = Conflict;

/** A CRM deal of a synced customer, cached read-only (the server sends it through pull). */
export type DealRow = Deal;

export interface MetaValues {
  /** This database's sync identity; the server binds it to the user on first push. */
  clientId: string;
  /** Pull from here next. */
  cursor: number;
  /** The highest seq the server has settled (applied or rejected). */
  lastSeq: number;
  /** The highest seq handed out by mutate(); the next edit takes seq + 1. */
  seq: number;
  user: unknown;
  organization: unknown;
  lastSyncAt: string;
}

export type MetaKey = keyof MetaValues;

export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export type KanjoDB = Dexie & {
  customers: EntityTable<EntityRowMap['customer'], 'id'>;
  items: EntityTable<EntityRowMap['item'], 'id'>;
  quotes: EntityTable<EntityRowMap['quote'], 'id'>;
  salesOrders: EntityTable<EntityRowMap['salesOrder'], 'id'>;
  invoices: EntityTable<EntityRowMap['invoice'], 'id'>;
  payments: EntityTable<EntityRowMap['payment'], 'id'>;
  deals: EntityTable<DealRow, 'id'>;
  _outbox: EntityTable<OutboxEntry, 'seq'>;
  _conflicts: EntityTable<ConflictRow, 'id'>;
  _rejections: EntityTable<RejectionRow, 'seq'>;
  _base: Table<BaseRow, [string, string]>;
  _meta: EntityTable<MetaRow, 'key'>;
  _order: EntityTable<OrderRow, 'entity'>;
  _orderTop: EntityTable<OrderTop, 'entity'>;
};

/** Version 1: the first shipped layout. */
export const SCHEMA_V1 = {
  customers: 'id, displayName, updatedAt',
  items: 'id, name, updatedAt',
  quotes: 'id, customerId, status, issueDate, number, updatedAt',
  salesOrders: 'id, customerId, status, issueDate, number, updatedAt',
  invoices: 'id, customerId, status, issueDate, dueDate, number, updatedAt',
  payments: 'id, invoiceId, date, updatedAt',
  deals: 'id, customerId',
  _outbox: '++seq',
  _conflicts: 'id, entityId, resolvedAt',
  _rejections: 'seq, entityId',
  _base: '[entity+id]',
  _meta: 'key',
} as const;

/**
 * Version 2: pending edits per record (`_outbox.entityId`, for "not synced
 * yet" badges) and rejections newest first (`_rejections.rejectedAt`, which
 * rows stored by version 1 lacked: the upgrade backfills it).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  _outbox: '++seq, entityId',
  _rejections: 'seq, entityId, rejectedAt',
} as const;

/**
 * Version 3: the stored display order of long lists (`_order`, one row per
 * entity, and its first ids with the count in `_orderTop`), so a list's
 * first screen needs no read of every row. The upgrade fills them from the
 * rows the database already holds.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, _order: 'entity', _orderTop: 'entity' } as const;

/** Declares every version on `db`, oldest first. `now` stamps rows the upgrades backfill. */
export function declareVersions(db: Dexie, now: () => string = () => new Date().toISOString()) {
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      const stamp = now();
      await tx
        .table<Partial<RejectionRow>>('_rejections')
        .toCollection()
        .modify((row) => {
          row.rejectedAt ??= stamp;
        });
    });
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade((tx) => fillOrders(tx));
}

export function databaseName(userId: string): string {
  return `kanjo-${userId}`;
}

/**
 * The user's database (not opened yet). Writes commit with strict
 * durability: an edit the UI calls saved must survive a power cut.
 */
export function createDatabase(userId: string, options: { indexedDB?: IDBFactory } = {}): KanjoDB {
  const db = new Dexie(databaseName(userId), {
    chromeTransactionDurability: 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
  }) as KanjoDB;
  declareVersions(db);
  return db;
}

/** The table holding `entity`'s rows. */
export function entityTable<E extends EntityName>(
  db: KanjoDB,
  entity: E,
): Table<EntityRowMap[E], string> {
  return db.table(ENTITY_TABLES[entity]);
}

/** Every table a mutation or a rebase writes (one transaction spans them all). */
export function syncTables(db: KanjoDB): Table[] {
  return [
    ...ENTITY_NAMES.map((entity) => db.table(ENTITY_TABLES[entity])),
    db._outbox,
    db._base,
    db._meta,
    db._conflicts,
    db._rejections,
    db.deals,
    db._order,
    db._orderTop,
  ];
}
