import pg from 'pg';
import {
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  type DataTypeNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Database } from './schema';

/** Type ids of PostgreSQL's 8-byte integer and arbitrary-precision numeric. */
const INT8 = 20;
const NUMERIC = 1700;

export interface OpenPostgresOptions {
  /** A `postgres://user:password@host:port/database` address. */
  url: string;
  /** Connections this instance keeps open at most. */
  poolSize?: number;
  /** How long an idle connection stays open (ms). */
  idleTimeoutMs?: number;
}

/**
 * The Kysely database over a PostgreSQL pool. Counters, seqs and money are
 * integers below 2^53 (minor units, seqs), so 8-byte integers and the
 * numerics `sum()` answers are read as JavaScript numbers, as SQLite gives
 * them; pg would answer strings.
 */
export function postgresKysely({ url, poolSize = 10, idleTimeoutMs }: OpenPostgresOptions): {
  db: Kysely<Database>;
  pool: pg.Pool;
} {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(idleTimeoutMs !== undefined ? { idleTimeoutMillis: idleTimeoutMs } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/**
 * The migrations are written once, in the types SQLite knows; on PostgreSQL an
 * `integer` column becomes `bigint` (SQLite's integers are 8 bytes, and money
 * in minor units outgrows 4) and a `blob` becomes `bytea`.
 */
const POSTGRES_TYPE: Partial<Record<string, DataTypeNode['dataType']>> = {
  integer: 'bigint',
  blob: 'bytea',
};

class ColumnTypes extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const mapped = POSTGRES_TYPE[node.dataType];
    return mapped ? { ...node, dataType: mapped } : node;
  }
}

/** Rewrites the migrations' column types for PostgreSQL (see POSTGRES_TYPE). */
export class PostgresColumnTypes implements KyselyPlugin {
  readonly #transformer = new ColumnTypes();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
