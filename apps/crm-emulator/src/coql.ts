import { ZohoError } from './errors';

/** A literal in a query: `'text'`, `42`, `true`, or `null`. */
export type Literal = string | number | boolean | null;

export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** One condition of a `where` clause. */
export type Condition =
  | { kind: 'compare'; field: string; op: Comparator; value: Literal }
  | { kind: 'like'; field: string; pattern: string; negate: boolean }
  | { kind: 'in'; field: string; values: Literal[]; negate: boolean }
  | { kind: 'null'; field: string; negate: boolean }
  | { kind: 'between'; field: string; low: Literal; high: Literal; negate: boolean };

/** A `where` clause: conditions joined by `and` / `or`; `and` binds tighter. */
export type Where =
  | Condition
  | { kind: 'and'; left: Where; right: Where }
  | { kind: 'or'; left: Where; right: Where };

export interface OrderBy {
  field: string;
  descending: boolean;
}

/** A parsed `select`: limits are checked by the caller, which knows Zoho's ceilings. */
export interface SelectQuery {
  fields: string[];
  module: string;
  where: Where;
  orderBy: OrderBy[];
  limit: number;
  offset: number;
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; value: number; text: string; at: number }
  | { type: 'symbol'; text: string; at: number };

export const DEFAULT_LIMIT = 200;

/** Zoho names where a query broke by `line` and `column` (both from 1) and the text `near`. */
function syntaxError(text: string, at: number, near: string, reason: string): ZohoError {
  const before = text.slice(0, at);
  return new ZohoError('SYNTAX_ERROR', 'error occured while parsing the query', 400, {
    line: before.split('\n').length,
    column: at - before.lastIndexOf('\n'),
    near,
    reason,
  });
}

const symbols = ['!=', '<>', '>=', '<=', '=', '>', '<', '(', ')', ','];

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (ch === "'" && text[i + 1] === "'") {
      value += "'";
      i += 2;
    } else if (ch === "'") {
      return { value, end: i + 1 };
    } else {
      value += ch;
      i++;
    }
  }
  throw syntaxError(text, start, text.slice(start, start + 20), 'unterminated string');
}

/** Splits a query into words, quoted strings, numbers and symbols. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const word = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(rest);
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    const symbol = symbols.find((s) => rest.startsWith(s));
    if (space) {
      i += space[0].length;
    } else if (text[i] === "'") {
      const read = readString(text, i);
      tokens.push({ type: 'string', text: read.value, at: i });
      i = read.end;
    } else if (word) {
      tokens.push({ type: 'word', text: word[0], at: i });
      i += word[0].length;
    } else if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), text: number[0], at: i });
      i += number[0].length;
    } else if (symbol) {
      tokens.push({ type: 'symbol', text: symbol === '<>' ? '!=' : symbol, at: i });
      i += symbol.length;
    } else {
      throw syntaxError(text, i, rest.slice(0, 20), `unexpected character ${text[i] ?? ''}`);
    }
  }
  return tokens;
}

const comparators: readonly string[] = ['=', '!=', '>', '>=', '<', '<='];

/** A recursive-descent reader over the tokens of one query. */
class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private fail(reason: string): never {
    const token = this.peek();
    throw syntaxError(this.text, token?.at ?? this.text.length, token?.text ?? '<end>', reason);
  }

  /** Consumes the keyword when it is next (any case). */
  private accept(keyword: string): boolean {
    const token = this.peek();
    if (token?.type !== 'word' || token.text.toLowerCase() !== keyword) return false;
    this.pos++;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token?.type !== 'symbol' || token.text !== symbol) return false;
    this.pos++;
    return true;
  }

  private expect(keyword: string): void {
    if (!this.accept(keyword)) this.fail(`expected ${keyword}`);
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) this.fail(`expected ${symbol}`);
  }

  private identifier(what: string): string {
    const token = this.peek();
    if (token?.type !== 'word') this.fail(`expected ${what}`);
    this.pos++;
    return token.text;
  }

  private integer(what: string): number {
    const token = this.peek();
    if (token?.type !== 'number' || !Number.isInteger(token.value) || token.value < 0) {
      this.fail(`expected a whole number for ${what}`);
    }
    this.pos++;
    return token.value;
  }

  private literal(): Literal {
    const token = this.peek();
    if (token?.type === 'string') {
      this.pos++;
      return token.text;
    }
    if (token?.type === 'number') {
      this.pos++;
      return token.value;
    }
    if (this.accept('true')) return true;
    if (this.accept('false')) return false;
    if (this.accept('null')) return null;
    return this.fail('expected a value');
  }

  query(): SelectQuery {
    this.expect('select');
    const fields = [this.identifier('a field')];
    while (this.acceptSymbol(',')) fields.push(this.identifier('a field'));
    this.expect('from');
    const module = this.identifier('a module');
    if (!this.accept('where')) this.fail('the where clause is mandatory');
    const where = this.or();
    const orderBy = this.accept('order') ? this.orderBy() : [];
    const { limit, offset } = this.limit();
    if (this.peek()) this.fail('unexpected text after the query');
    return { fields, module, where, orderBy, limit, offset };
  }

  private orderBy(): OrderBy[] {
    this.expect('by');
    const items: OrderBy[] = [];
    do {
      const field = this.identifier('a field');
      const descending = this.accept('desc');
      if (!descending) this.accept('asc');
      items.push({ field, descending });
    } while (this.acceptSymbol(','));
    return items;
  }

  /** `limit N [offset M]`, or `limit M, N` (offset first, as in MySQL). */
  private limit(): { limit: number; offset: number } {
    if (!this.accept('limit')) {
      return { limit: DEFAULT_LIMIT, offset: this.accept('offset') ? this.integer('offset') : 0 };
    }
    const first = this.integer('limit');
    if (this.acceptSymbol(',')) return { offset: first, limit: this.integer('limit') };
    return { limit: first, offset: this.accept('offset') ? this.integer('offset') : 0 };
  }

  private or(): Where {
    let left = this.and();
    while (this.accept('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Where {
    let left = this.primary();
    while (this.accept('and')) left = { kind: 'and', left, right: this.primary() };
    return left;
  }

  private primary(): Where {
    if (!this.acceptSymbol('(')) return this.condition();
    const inner = this.or();
    this.expectSymbol(')');
    return inner;
  }

  private condition(): Condition {
    const field = this.identifier('a field');
    if (this.accept('is')) {
      const negate = this.accept('not');
      this.expect('null');
      return { kind: 'null', field, negate };
    }
    const negate = this.accept('not');
    if (this.accept('like')) {
      const token = this.peek();
      if (token?.type !== 'string') this.fail('like takes a quoted pattern');
      this.pos++;
      return { kind: 'like', field, pattern: token.text, negate };
    }
    if (this.accept('in')) {
      this.expectSymbol('(');
      const values = [this.literal()];
      while (this.acceptSymbol(',')) values.push(this.literal());
      this.expectSymbol(')');
      return { kind: 'in', field, values, negate };
    }
    if (this.accept('between')) {
      const low = this.literal();
      this.expect('and');
      return { kind: 'between', field, low, high: this.literal(), negate };
    }
    if (negate) this.fail('expected like, in or between after not');
    const op = this.peek();
    if (op?.type !== 'symbol' || !comparators.includes(op.text)) this.fail('expected a comparator');
    this.pos++;
    return { kind: 'compare', field, op: op.text as Comparator, value: this.literal() };
  }
}

/**
 * Parses the COQL subset the emulator answers: `select … from … where … [order by …] [limit …]`.
 * Malformed text throws `SYNTAX_ERROR`; a query without `where` is malformed, as in Zoho.
 *
 * @example
 * parseQuery("select Last_Name from Contacts where Email like '%@acme.example' limit 10");
 * // → { fields: ['Last_Name'], module: 'Contacts', where: { kind: 'like', … }, limit: 10, offset: 0, orderBy: [] }
 */
export function parseQuery(text: string): SelectQuery {
  return new Parser(tokenize(text), text).query();
}

/** Every condition of a where clause, left to right. */
export function conditionsOf(where: Where): Condition[] {
  if (where.kind === 'and' || where.kind === 'or') {
    return [...conditionsOf(where.left), ...conditionsOf(where.right)];
  }
  return [where];
}
