/**
 * The OAuth scopes Kanjo asks of a Zoho CRM connection, and why. Zoho fixes a
 * grant's scopes when it is made (the Self Client's "Generate Code", or the
 * consent screen); a token lacking one is refused on the URLs that need it
 * (HTTP 401 `OAUTH_SCOPE_MISMATCH`). Connecting checks them all, so a missing
 * scope is named once at connect instead of failing runs later.
 */
export const ZOHO_CRM_SCOPES = [
  {
    scope: 'ZohoCRM.modules.ALL',
    why: 'reads and writes Accounts, Contacts and Products, reads Deals, and writes Quotes, Sales Orders and Invoices (with searches, deleted records and related lists)',
  },
  {
    scope: 'ZohoCRM.settings.ALL',
    why: 'reads the CRM’s metadata: fields and picklists, layouts, custom views, profiles (what the CRM user may do) and currencies',
  },
  {
    scope: 'ZohoCRM.users.READ',
    why: 'reads the connecting user (who must be the one named) and the active users who own records',
  },
  {
    scope: 'ZohoCRM.org.READ',
    why: 'reads the organization: its id, name, base currency, time zone and taxes',
  },
  {
    scope: 'ZohoCRM.notifications.ALL',
    why: 'subscribes to, renews and stops the CRM’s change notifications',
  },
  {
    scope: 'ZohoCRM.coql.READ',
    why: 'finds products by name or code in one query (COQL) before creating one',
  },
] as const;

export type ZohoCrmScope = (typeof ZOHO_CRM_SCOPES)[number]['scope'];

/** The scopes as Zoho's API console takes them: separated by commas. */
export const ZOHO_CRM_SCOPE_LIST = ZOHO_CRM_SCOPES.map((s) => s.scope).join(',');

interface ParsedScope {
  name: string[];
  operation: string;
}

function parse(text: string): ParsedScope | undefined {
  const parts = text.trim().toLowerCase().split('.');
  const operation = parts.pop();
  if (parts.shift() !== 'zohocrm' || parts.length === 0 || !operation) return undefined;
  return { name: parts, operation };
}

/**
 * True when a granted scope covers a needed one, as Zoho reads them
 * (case-insensitive): a scope covers every name under its own
 * (`modules.ALL` covers `modules.quotes.CREATE`), ALL covers every operation
 * and WRITE covers CREATE, UPDATE and DELETE.
 */
export function zohoScopeCovers(granted: string, needed: string): boolean {
  const g = parse(granted);
  const n = parse(needed);
  if (!g || !n || g.name.length > n.name.length) return false;
  if (!g.name.every((part, i) => n.name[i] === part)) return false;
  if (g.operation === 'all' || g.operation === n.operation) return true;
  return g.operation === 'write' && ['create', 'update', 'delete'].includes(n.operation);
}

/** Kanjo's scopes a grant lacks, in the list's order. */
export function missingZohoScopes(granted: readonly string[]): ZohoCrmScope[] {
  return ZOHO_CRM_SCOPES.map((s) => s.scope).filter(
    (needed) => !granted.some((g) => zohoScopeCovers(g, needed)),
  );
}

/** Which of Kanjo's scopes covers a scope a request needed, e.g. `ZohoCRM.modules.quotes.CREATE`. */
export function kanjoScopeFor(needed: string): ZohoCrmScope | undefined {
  return ZOHO_CRM_SCOPES.find((s) => zohoScopeCovers(s.scope, needed))?.scope;
}

/** Scopes as a token answer writes them: separated by spaces or commas. */
export function splitZohoScopes(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}
