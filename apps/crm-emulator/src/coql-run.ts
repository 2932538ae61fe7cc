import type { EmulatorContext } from './context';
import { conditionsOf, parseQuery, type Condition, type Literal, type Where } from './coql';
import { allFields } from './custom-fields';
import { ZohoError } from './errors';
import { numberTypes, type DataType, type FieldSpec } from './metadata';
import { moduleNames, moduleSpec } from './modules';
import { presentRecord } from './records/present';
import { parseZohoTime } from './time';

/** Zoho's COQL ceilings: rows a call, rows reachable by offset, select columns, criteria. */
export const MAX_ROWS = 2000;
export const COQL_REACH = 100_000;
export const MAX_COLUMNS = 50;
export const MAX_CRITERIA = 25;

type PresentedRecord = Record<string, unknown>;

/** What a query reads: modules, their fields (custom ones included) and live records. */
export interface QuerySource {
  /** The module's API name as Zoho spells it, or undefined when there is no such module. */
  module(name: string): string | undefined;
  fields(module: string): readonly FieldSpec[];
  /** Live records of a module, presented as the API answers them. */
  records(module: string): PresentedRecord[];
  record(module: string, id: string): PresentedRecord | undefined;
}

export interface QueryResult {
  rows: PresentedRecord[];
  more: boolean;
  limit: number;
}

/** A resolved column: its type, how to read it from a record, and how to answer it. */
interface Column {
  type: DataType;
  read: (record: PresentedRecord) => unknown;
}

const limitExceeded = (message: string, details: Record<string, unknown>) =>
  new ZohoError('LIMIT_EXCEEDED', message, 400, details);

const invalidColumn = (column: string, clause: string) =>
  new ZohoError('INVALID_QUERY', 'invalid query formed', 400, {
    column_name: column,
    clause,
    reason: 'column given seems to be invalid',
  });

const isLink = (type: DataType) => type === 'lookup' || type === 'ownerlookup';

function linkId(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (value as PresentedRecord).id : value;
}

/** Resolves `Field` and `Lookup.Field` against a module's fields. */
function columnResolver(source: QuerySource, module: string) {
  const own = new Map(source.fields(module).map((f) => [f.apiName, f]));
  return (path: string, clause: string): Column => {
    const [head = '', tail, ...extra] = path.split('.');
    const field = own.get(head);
    if (!field || extra.length > 0) throw invalidColumn(path, clause);
    if (tail === undefined) return { type: field.dataType, read: (r) => r[head] };
    const target = field.dataType === 'lookup' ? field.lookupModule : undefined;
    const targetField = target && source.fields(target).find((f) => f.apiName === tail);
    if (!target || !targetField) throw invalidColumn(path, clause);
    return {
      type: targetField.dataType,
      read: (r) => {
        const id = linkId(r[head]);
        return typeof id === 'string' ? source.record(target, id)?.[tail] : undefined;
      },
    };
  };
}

const isNull = (value: unknown) => value === undefined || value === null || value === '';

/** -1, 0, 1 ordering a stored value against a literal by the column's type; undefined if either is null. */
function compare(value: unknown, literal: Literal, type: DataType): number | undefined {
  const have = isLink(type) ? linkId(value) : value;
  if (isNull(have) || literal === null) return undefined;
  if (numberTypes.has(type)) return Math.sign(Number(have) - Number(literal));
  if (type === 'datetime') {
    return Math.sign((parseZohoTime(String(have)) ?? 0) - (parseZohoTime(String(literal)) ?? 0));
  }
  const a = String(have).toLowerCase();
  const b = String(literal).toLowerCase();
  if (type === 'bigint' && /^\d+$/.test(a) && /^\d+$/.test(b)) {
    return BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A literal the column cannot hold is refused up front, as Zoho does. */
function checkLiteral(literal: Literal, column: Column, name: string): void {
  const bad =
    (numberTypes.has(column.type) && literal !== null && Number.isNaN(Number(literal))) ||
    (column.type === 'datetime' &&
      literal !== null &&
      parseZohoTime(String(literal)) === undefined);
  if (bad) {
    throw new ZohoError('INVALID_QUERY', 'invalid query formed', 400, {
      column_name: name,
      clause: 'where',
      reason: `invalid value for a ${column.type} column`,
    });
  }
}

function likeTest(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

/** A condition as a record predicate; nulls match only `is null`, as in SQL. */
function conditionTest(condition: Condition, column: Column) {
  const { type } = column;
  const cmp = (r: PresentedRecord, literal: Literal) => compare(column.read(r), literal, type);
  switch (condition.kind) {
    case 'null':
      return (r: PresentedRecord) => isNull(column.read(r)) !== condition.negate;
    case 'like': {
      const regex = likeTest(condition.pattern);
      return (r: PresentedRecord) => {
        const value = isLink(type) ? linkId(column.read(r)) : column.read(r);
        return !isNull(value) && regex.test(String(value)) !== condition.negate;
      };
    }
    case 'in':
      return (r: PresentedRecord) => {
        const found = condition.values.map((v) => cmp(r, v));
        return found.some((n) => n !== undefined) && found.includes(0) !== condition.negate;
      };
    case 'between':
      return (r: PresentedRecord) => {
        const low = cmp(r, condition.low);
        const high = cmp(r, condition.high);
        if (low === undefined || high === undefined) return false;
        return (low >= 0 && high <= 0) !== condition.negate;
      };
    case 'compare': {
      const { op, value } = condition;
      if (value === null) return (r: PresentedRecord) => isNull(column.read(r)) === (op === '=');
      const accept: Record<typeof op, (n: number) => boolean> = {
        '=': (n) => n === 0,
        '!=': (n) => n !== 0,
        '>': (n) => n > 0,
        '>=': (n) => n >= 0,
        '<': (n) => n < 0,
        '<=': (n) => n <= 0,
      };
      return (r: PresentedRecord) => {
        const n = cmp(r, value);
        return n !== undefined && accept[op](n);
      };
    }
  }
}

function compileWhere(
  where: Where,
  resolve: (path: string, clause: string) => Column,
): (r: PresentedRecord) => boolean {
  if (where.kind === 'and' || where.kind === 'or') {
    const left = compileWhere(where.left, resolve);
    const right = compileWhere(where.right, resolve);
    return where.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  const column = resolve(where.field, 'where');
  const literals =
    where.kind === 'compare'
      ? [where.value]
      : where.kind === 'in'
        ? where.values
        : where.kind === 'between'
          ? [where.low, where.high]
          : [];
  for (const literal of literals) checkLiteral(literal, column, where.field);
  return conditionTest(where, column);
}

function sortValue(value: unknown, type: DataType): number | string | null {
  if (isNull(value)) return null;
  if (numberTypes.has(type)) return Number(value);
  if (type === 'datetime') return parseZohoTime(String(value)) ?? 0;
  return String(isLink(type) ? linkId(value) : value).toLowerCase();
}

function checkLimits(query: ReturnType<typeof parseQuery>): void {
  if (query.limit > MAX_ROWS || query.limit < 1) {
    throw limitExceeded(`limit must be between 1 and ${MAX_ROWS}`, {
      clause: 'limit',
      limit: MAX_ROWS,
    });
  }
  if (query.offset + query.limit > COQL_REACH) {
    throw limitExceeded(`a query reaches at most ${COQL_REACH} records`, {
      clause: 'offset',
      limit: COQL_REACH,
    });
  }
  if (query.fields.length > MAX_COLUMNS) {
    throw limitExceeded(`select takes at most ${MAX_COLUMNS} columns`, {
      clause: 'select',
      limit: MAX_COLUMNS,
    });
  }
  if (conditionsOf(query.where).length > MAX_CRITERIA) {
    throw limitExceeded(`where takes at most ${MAX_CRITERIA} criteria`, {
      clause: 'where',
      limit: MAX_CRITERIA,
    });
  }
}

/** Orders by the `order by` columns, then by id ascending (Zoho's default order). */
function sortRecords(
  records: PresentedRecord[],
  order: { descending: boolean; column: Column }[],
): { record: PresentedRecord }[] {
  const rank = (r: PresentedRecord) => order.map((o) => sortValue(o.column.read(r), o.column.type));
  return records
    .map((record) => ({ record, key: rank(record) }))
    .sort((a, b) => {
      for (const [i, o] of order.entries()) {
        const x = a.key[i] ?? null;
        const y = b.key[i] ?? null;
        if (x === y) continue;
        // Nulls sort first ascending, last descending.
        const before = x === null || (y !== null && x < y);
        return (before ? -1 : 1) * (o.descending ? -1 : 1);
      }
      return String(a.record.id) < String(b.record.id) ? -1 : 1;
    });
}

/**
 * Runs a COQL `select` over a module's live records: filter, order (id ascending by default),
 * then `offset`/`limit`. Each row has the selected columns and `id`; lookups answer `{ id }`.
 *
 * @example
 * runQuery("select Account_Name from Accounts where Industry = 'Retail' limit 5", source);
 * // → { rows: [{ Account_Name: 'Acme Trading', id: '…' }], more: false, limit: 5 }
 */
export function runQuery(text: string, source: QuerySource): QueryResult {
  const query = parseQuery(text);
  checkLimits(query);
  const module = source.module(query.module);
  if (!module) {
    throw new ZohoError('INVALID_QUERY', 'invalid query formed', 400, {
      clause: 'from',
      reason: 'the module name given seems to be invalid',
      module: query.module,
    });
  }
  const resolve = columnResolver(source, module);
  const selected = query.fields.map((name) => ({ name, column: resolve(name, 'select') }));
  const test = compileWhere(query.where, resolve);
  const order = query.orderBy.map((o) => ({ ...o, column: resolve(o.field, 'order by') }));
  const matched = sortRecords(source.records(module).filter(test), order);
  const end = query.offset + query.limit;
  const rows = matched.slice(query.offset, end).map(({ record }) => {
    const row: PresentedRecord = {};
    for (const { name, column } of selected) {
      const value = column.read(record);
      row[name] = isLink(column.type) && !isNull(value) ? { id: linkId(value) } : (value ?? null);
    }
    row.id = record.id;
    return row;
  });
  return { rows, more: matched.length > end, limit: query.limit };
}

/** The emulator's store as a query source: live records, standard and custom fields. */
export function storeQuerySource(ctx: EmulatorContext): QuerySource {
  return {
    module: (name) => moduleNames.find((m) => m.toLowerCase() === name.toLowerCase()),
    fields: (module) => allFields(moduleSpec(module), ctx.customFields),
    records: (module) => ctx.store.all(module).map((r) => presentRecord(ctx.store, r)),
    record: (module, id) => {
      const found = ctx.store.get(module, id);
      return found && presentRecord(ctx.store, found);
    },
  };
}
