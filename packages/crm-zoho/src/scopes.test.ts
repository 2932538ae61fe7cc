import { createEmulator } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createZohoClient } from './client.js';
import { CrmError } from './errors.js';
import { exchangeGrantCode, type CachedToken } from './oauth.js';
import { scopeForRequest } from './scopes.js';

const BASE = 'http://crm.test';

/** An in-memory emulator and a client whose grant has only `scopes`. */
async function scopedClient(scopes: string[]) {
  const app = createEmulator({
    db: new Database(':memory:'),
    clock: () => new Date(),
    baseUrl: BASE,
  });
  const fetch = (input: string, init?: RequestInit) => Promise.resolve(app.request(input, init));
  const made = await app.request('/__emulator/clients', {
    method: 'POST',
    body: JSON.stringify({ scopes }),
  });
  const creds = (await made.json()) as Record<string, string>;
  const tokens: CachedToken[] = [];
  const crm = createZohoClient({
    accountsUrl: BASE,
    clientId: creds.client_id ?? '',
    clientSecret: creds.client_secret ?? '',
    refreshToken: creds.refresh_token ?? '',
    fetch,
    onToken: (token) => tokens.push(token),
  });
  return { app, crm, creds, tokens, fetch };
}

describe('OAuth scopes', () => {
  it.each([
    ['GET', '/Accounts', 'ZohoCRM.modules.accounts.READ'],
    ['POST', '/Sales_Orders/upsert', 'ZohoCRM.modules.salesorders.CREATE'],
    ['PUT', '/Invoices', 'ZohoCRM.modules.invoices.UPDATE'],
    ['GET', '/settings/fields?module=Quotes', 'ZohoCRM.settings.fields.READ'],
    ['GET', '/org/currencies', 'ZohoCRM.settings.currencies.READ'],
    ['GET', '/org', 'ZohoCRM.org.READ'],
    ['GET', '/users', 'ZohoCRM.users.READ'],
    ['PATCH', '/actions/watch', 'ZohoCRM.notifications.UPDATE'],
    ['POST', '/coql', 'ZohoCRM.coql.READ'],
  ] as const)('%s %s needs %s', (method, path, scope) => {
    expect(scopeForRequest(method, path)).toBe(scope);
  });

  it('the token answer’s scopes reach onToken', async () => {
    const { crm, tokens } = await scopedClient(['ZohoCRM.org.READ', 'ZohoCRM.users.READ']);
    await crm.org();
    expect(tokens[0]?.scopes).toEqual(['ZohoCRM.org.READ', 'ZohoCRM.users.READ']);
  });

  it('a grant code exchange names its scopes', async () => {
    const { app, creds, fetch } = await scopedClient(['ZohoCRM.org.READ']);
    const made = await app.request('/__emulator/codes', {
      method: 'POST',
      body: JSON.stringify({ client_id: creds.client_id }),
    });
    const { code } = (await made.json()) as { code: string };
    const grant = await exchangeGrantCode({
      accountsUrl: BASE,
      clientId: creds.client_id ?? '',
      clientSecret: creds.client_secret ?? '',
      code,
      fetch,
    });
    expect(grant.scopes).toEqual(['ZohoCRM.org.READ']);
  });

  it('a refusal for a missing scope names it, and is neither refreshed nor retried', async () => {
    const { crm } = await scopedClient(['ZohoCRM.org.READ']);
    const error = await crm.insert('Quotes', [{ Subject: 'Q' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'CRM_SCOPE_MISSING',
      providerCode: 'OAUTH_SCOPE_MISMATCH',
      retryable: false,
      details: { scope: 'ZohoCRM.modules.quotes.CREATE' },
    });
    expect((error as CrmError).message).toContain('ZohoCRM.modules.quotes.CREATE');
    expect(crm.stats()).toMatchObject({ calls: 1, retries: 0, refreshes: 1 });
  });
});
