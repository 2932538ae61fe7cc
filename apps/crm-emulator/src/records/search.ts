import { ZohoError } from '../errors';
import { numberTypes, textTypes, type DataType, type FieldSpec } from '../metadata';
import { parseZohoTime } from '../time';

export const MAX_CONDITIONS = 10;
/** Search reaches at most this many results (`LIMIT_REACHED`). */
export const SEARCH_REACH = 2000;

export const operators = [
  'equals',
  'starts_with',
  'in',
  'not_equal',
  'greater_equal',
  'greater_than',
  'less_equal',
  'less_than',
  'between',
] as const;
type Operator = (typeof operators)[number];

export interface Condition {
  field: string;
  operator: Operator;
  values: string[];
}

/** A parsed criteria: a condition, or conditions joined by `and` / `or` (`and` binds tighter). */
export type Criteria =
  | { kind: 'condition'; condition: Condition }
  | { kind: 'group'; parts: Criteria[]; joins: ('and' | 'or')[] };

/** Zoho names the field (`api_name`) and the operator of a bad condition when it can. */
const invalidQuery = (reason: string, condition: Record<string, string> = {}) =>
  new ZohoError('INVALID_QUERY', 'invalid query formed', 400, {
    ...condition,
    reason,
    param_name: 'criteria',
  });

/** Splits on an unescaped `separator`, keeping escapes for a later `unescape`. */
function splitUnescaped(text: string, separator: string, max = Infinity): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator && parts.length < max - 1) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

const unescape = (text: string) => text.replace(/\\([(),\\])/g, '$1');

function parseCondition(body: string): Condition {
  const [field, operator, value] = splitUnescaped(body, ':', 3);
  if (field === undefined || operator === undefined || value === undefined) {
    throw invalidQuery(`a condition must be Field:operator:value, got ${body}`);
  }
  const op = operators.find((o) => o === operator.trim());
  if (!op) {
    throw invalidQuery(`unsupported operator ${operator}`, {
      api_name: field.trim(),
      operator: operator.trim(),
    });
  }
  const values =
    op === 'in' || op === 'between'
      ? splitUnescaped(value, ',').map((v) => unescape(v).trim())
      : [unescape(value)];
  if (op === 'between' && values.length !== 2)
    throw invalidQuery('between takes exactly two values', {
      api_name: field.trim(),
      operator: op,
    });
  return { field: field.trim(), operator: op, values };
}

/** Parses `((Field:operator:value) and (...))`; `\` escapes `(`, `)` and `,` in values. */
export function parseCriteria(text: string): Criteria {
  let pos = 0;
  let conditions = 0;
  const skipSpace = () => {
    while (text[pos] === ' ') pos++;
  };
  const group = (): Criteria => {
    skipSpace();
    if (text[pos] !== '(') throw invalidQuery(`expected ( at ${pos}`);
    pos++;
    skipSpace();
    if (text[pos] !== '(') {
      let body = '';
      while (pos < text.length && text[pos] !== ')') {
        if (text[pos] === '\\' && pos + 1 < text.length) {
          body += text.slice(pos, pos + 2);
          pos += 2;
        } else {
          body += text[pos];
          pos++;
        }
      }
      if (text[pos] !== ')') throw invalidQuery('unbalanced parentheses');
      pos++;
      conditions++;
      return { kind: 'condition', condition: parseCondition(body) };
    }
    const parts = [group()];
    const joins: ('and' | 'or')[] = [];
    for (;;) {
      skipSpace();
      if (text[pos] === ')') {
        pos++;
        return parts.length === 1 && parts[0] ? parts[0] : { kind: 'group', parts, joins };
      }
      const join = /^(and|or)\b/i.exec(text.slice(pos));
      if (!join?.[1]) throw invalidQuery(`expected and / or at ${pos}`);
      joins.push(join[1].toLowerCase() === 'and' ? 'and' : 'or');
      pos += join[1].length;
      parts.push(group());
    }
  };
  const result = group();
  skipSpace();
  if (pos !== text.length) throw invalidQuery(`unexpected text at ${pos}`);
  if (conditions > MAX_CONDITIONS) {
    throw new ZohoError(
      'LIMIT_EXCEEDED',
      `a criteria takes at most ${MAX_CONDITIONS} conditions`,
      400,
      {
        param_name: 'criteria',
        limit: MAX_CONDITIONS,
      },
    );
  }
  return result;
}

/** The comparable text of a field value: lookups compare by id and by name. */
function candidates(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(candidates);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return [o.id, o.name].filter((x): x is string => typeof x === 'string');
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [String(value)];
  }
  return [];
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = record[head ?? ''];
  for (const key of rest) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

/** -1, 0, 1 comparing `a` to `b` as the field's type orders them; undefined when incomparable. */
function compare(a: string, b: string, type: DataType | undefined): number | undefined {
  if (type && numberTypes.has(type)) {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return Math.sign(x - y);
  }
  if (type === 'datetime') {
    const x = parseZohoTime(a);
    const y = parseZohoTime(b);
    if (x === undefined || y === undefined) return undefined;
    return Math.sign(x - y);
  }
  return a.localeCompare(b);
}

function matchesCondition(
  record: Record<string, unknown>,
  condition: Condition,
  types: Map<string, DataType>,
): boolean {
  const type = types.get(condition.field.split('.')[0] ?? '');
  const have = candidates(valueAt(record, condition.field)).map((v) => v.toLowerCase());
  const want = condition.values.map((v) => v.toLowerCase());
  const first = want[0] ?? '';
  const isText = type === undefined || textTypes.has(type);
  const equal = (h: string, w: string) =>
    isText && !condition.field.includes('.') ? h.includes(w) : compare(h, w, type) === 0;
  const ordered = (test: (n: number) => boolean) =>
    have.some((h) => {
      const n = compare(h, first, type);
      return n !== undefined && test(n);
    });
  switch (condition.operator) {
    case 'equals':
      return have.some((h) => equal(h, first));
    case 'not_equal':
      return !have.some((h) => equal(h, first));
    case 'starts_with':
      return have.some((h) => h.startsWith(first));
    case 'in':
      return have.some((h) => want.some((w) => compare(h, w, type) === 0));
    case 'greater_than':
      return ordered((n) => n > 0);
    case 'greater_equal':
      return ordered((n) => n >= 0);
    case 'less_than':
      return ordered((n) => n < 0);
    case 'less_equal':
      return ordered((n) => n <= 0);
    case 'between': {
      const high = want[1] ?? '';
      return have.some((h) => {
        const lo = compare(h, first, type);
        const hi = compare(h, high, type);
        return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
      });
    }
  }
}

/** Whether a presented record meets a criteria. */
export function matchesCriteria(
  record: Record<string, unknown>,
  criteria: Criteria,
  fields: readonly FieldSpec[],
): boolean {
  const types = new Map(fields.map((f) => [f.apiName, f.dataType]));
  const test = (c: Criteria): boolean => {
    if (c.kind === 'condition') return matchesCondition(record, c.condition, types);
    // `or` splits the group into `and` runs.
    let run = true;
    let matched = false;
    c.parts.forEach((part, i) => {
      if (i > 0 && c.joins[i - 1] === 'or') {
        matched ||= run;
        run = true;
      }
      run &&= test(part);
    });
    return matched || run;
  };
  return test(criteria);
}

/** What a search request asks for: the first of criteria > email > phone > word. */
export type SearchQuery =
  { by: 'criteria'; criteria: Criteria } | { by: 'email' | 'phone' | 'word'; text: string };

export function parseSearchQuery(query: Record<string, string>): SearchQuery {
  if (query.criteria !== undefined)
    return { by: 'criteria', criteria: parseCriteria(query.criteria) };
  if (query.email !== undefined) return { by: 'email', text: query.email.trim() };
  if (query.phone !== undefined) {
    const phone = query.phone.trim();
    if (phone.length < 3) {
      throw new ZohoError('INVALID_DATA', 'phone must have at least 3 characters', 400, {
        param_name: 'phone',
      });
    }
    return { by: 'phone', text: phone };
  }
  if (query.word !== undefined) {
    const word = query.word.trim();
    if (word.length < 2) {
      throw new ZohoError('INVALID_DATA', 'word must have at least 2 characters', 400, {
        param_name: 'word',
      });
    }
    return { by: 'word', text: word };
  }
  throw new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
    param_name: 'criteria/email/phone/word',
  });
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Whether a presented record matches a search. */
export function matchesSearch(
  record: Record<string, unknown>,
  search: SearchQuery,
  fields: readonly FieldSpec[],
): boolean {
  if (search.by === 'criteria') return matchesCriteria(record, search.criteria, fields);
  const valuesOf = (test: (t: DataType) => boolean) =>
    fields
      .filter((f) => test(f.dataType))
      .map((f) => record[f.apiName])
      .filter((v): v is string => typeof v === 'string');
  const text = search.text.toLowerCase();
  if (search.by === 'email') {
    return valuesOf((t) => t === 'email').some((v) => v.toLowerCase() === text);
  }
  if (search.by === 'phone') {
    const want = digits(search.text);
    return valuesOf((t) => t === 'phone').some((v) =>
      want ? digits(v).includes(want) : v.includes(search.text),
    );
  }
  return valuesOf((t) => textTypes.has(t) || t === 'picklist').some((v) =>
    v.toLowerCase().includes(text),
  );
}
