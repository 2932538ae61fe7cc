import type { MiddlewareHandler } from 'hono';
import type { EmulatorContext, EmulatorEnv } from './context';
import { errorBody } from './errors';
import { moduleNames } from './modules';

/**
 * OAuth scopes as Zoho CRM grants and checks them. A scope is
 * `ZohoCRM.{scope_name}.{operation_type}`, the scope name one or more parts
 * (`modules`, `modules.accounts`, `settings.fields`); the operation is ALL,
 * READ, CREATE, UPDATE, DELETE or WRITE (CREATE, UPDATE and DELETE). A scope
 * grants its own name and every name under it: `ZohoCRM.modules.ALL` covers
 * `ZohoCRM.modules.accounts.READ`, `ZohoCRM.settings.ALL` covers
 * `ZohoCRM.settings.fields.READ`. Zoho's scope names are case-insensitive.
 */
export interface Scope {
  name: readonly string[];
  operation: string;
}

/** What a client gets when its maker names no scopes: everything the emulator serves. */
export const DEFAULT_SCOPES = [
  'ZohoCRM.modules.ALL',
  'ZohoCRM.settings.ALL',
  'ZohoCRM.users.ALL',
  'ZohoCRM.org.ALL',
  'ZohoCRM.notifications.ALL',
  'ZohoCRM.coql.READ',
] as const;

/** A scope string, or undefined when it is not `ZohoCRM.{name}.{operation}`. */
export function parseScope(text: string): Scope | undefined {
  const parts = text.trim().toLowerCase().split('.');
  const operation = parts.pop();
  if (parts.shift() !== 'zohocrm' || parts.length === 0 || !operation) return undefined;
  return { name: parts, operation };
}

/** The scopes of a grant as Zoho writes them in a token answer: separated by spaces or commas. */
export function splitScopes(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

const WRITE_OPERATIONS = new Set(['create', 'update', 'delete']);

function covers(granted: Scope, needed: Scope): boolean {
  const under = granted.name.every((part, i) => needed.name[i] === part);
  if (!under || granted.name.length > needed.name.length) return false;
  if (granted.operation === 'all' || granted.operation === needed.operation) return true;
  return granted.operation === 'write' && WRITE_OPERATIONS.has(needed.operation);
}

/** True when the granted scopes cover every needed one. */
export function scopesAllow(granted: readonly string[], needed: readonly Scope[]): boolean {
  const have = granted.flatMap((s) => parseScope(s) ?? []);
  return needed.every((n) => have.some((g) => covers(g, n)));
}

const METHOD_OPERATION: Record<string, string> = {
  GET: 'read',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

/** Zoho's module scope names: `Sales_Orders` is `salesorders`, `Price_Books` `pricebooks`. */
const moduleScopeName = (module: string) => module.toLowerCase().replaceAll('_', '');

const moduleOf = (text: string) => moduleNames.find((m) => m.toLowerCase() === text.toLowerCase());

/**
 * The scopes a `/crm/v8` request needs, as Zoho's API pages give them: records
 * `ZohoCRM.modules.{module}.{operation}` (an upsert is a CREATE; search, deleted
 * records, related lists and counts are READs); `/settings/{name}`
 * `ZohoCRM.settings.{name}.*`; `/org/currencies` `ZohoCRM.settings.currencies.*`;
 * other `/org` paths `ZohoCRM.org.*`; `/users` `ZohoCRM.users.*`; `/actions/watch`
 * `ZohoCRM.notifications.*`; `/coql` `ZohoCRM.coql.READ` and a READ of the module
 * it queries. A path of none of these needs nothing here (the routes refuse it).
 */
export function scopesForRequest(method: string, parts: readonly string[], coqlModule?: string) {
  const operation = METHOD_OPERATION[method] ?? 'read';
  const [first = '', second = ''] = parts;
  if (first === 'coql') {
    const module = coqlModule ? moduleOf(coqlModule) : undefined;
    const read = module ? [{ name: ['modules', moduleScopeName(module)], operation: 'read' }] : [];
    return [{ name: ['coql'], operation: 'read' }, ...read];
  }
  if (first === 'settings' && second) return [{ name: ['settings', second], operation }];
  if (first === 'org' && second === 'currencies') {
    return [{ name: ['settings', 'currencies'], operation }];
  }
  if (first === 'org' || first === 'users') return [{ name: [first], operation }];
  if (first === 'actions' && second === 'watch') return [{ name: ['notifications'], operation }];
  const module = moduleOf(first);
  if (!module) return [];
  // GETs (search, deleted, related lists, counts) read; an upsert POST is a CREATE.
  return [{ name: ['modules', moduleScopeName(module)], operation }];
}

/** A COQL query's `from` module, read from the request body (Hono keeps it for the route). */
async function coqlModuleOf(c: Parameters<MiddlewareHandler<EmulatorEnv>>[0]) {
  const body: unknown = await c.req.json<unknown>().catch(() => undefined);
  const query =
    typeof body === 'object' && body !== null && 'select_query' in body
      ? String(body.select_query)
      : '';
  return /\bfrom\s+([A-Za-z_]+)/i.exec(query)?.[1];
}

/**
 * Zoho refuses a request the token's scopes do not cover: HTTP 401
 * `OAUTH_SCOPE_MISMATCH`, "invalid oauth scope to access this URL", empty details.
 * Runs after the token check, before credits, faults and profile permissions.
 */
export function requireScopes(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const token = /^Zoho-oauthtoken\s+(\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    const parts = c.req.path.split('/').slice(3); // after '', 'crm', 'v8'
    const coql = parts[0] === 'coql' ? await coqlModuleOf(c) : undefined;
    const needed = scopesForRequest(c.req.method, parts, coql);
    const granted = token ? ctx.auth.scopesOf(token) : [];
    if (needed.length > 0 && !scopesAllow(granted, needed)) {
      return c.json(
        errorBody('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'),
        401,
      );
    }
    await next();
  };
}
