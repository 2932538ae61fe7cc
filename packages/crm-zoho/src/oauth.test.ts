import { describe, expect, it } from 'vitest';
import { createZohoClient } from './client.js';
import { CrmError } from './errors.js';
import { createTokenSource, exchangeGrantCode } from './oauth.js';
import { createFakeZoho, FAKE_SECRET } from './testing/fake-zoho.js';

function setup(overrides: { clientSecret?: string; clock?: () => number } = {}) {
  const fake = createFakeZoho();
  const crm = createZohoClient({
    accountsUrl: fake.accountsUrl,
    clientId: 'cid',
    clientSecret: overrides.clientSecret ?? FAKE_SECRET,
    refreshToken: 'rt',
    fetch: fake.fetch,
    clock: overrides.clock,
    sleep: async () => {},
    random: () => 0.5,
  });
  return { fake, crm };
}

describe('TokenSource', () => {
  it('shares one refresh between 20 concurrent calls (single flight)', async () => {
    const { fake, crm } = setup();
    const orgs = await Promise.all(Array.from({ length: 20 }, () => crm.org()));
    expect(orgs).toHaveLength(20);
    expect(fake.state.refreshes).toBe(1);
    expect(crm.stats()).toMatchObject({ calls: 20, refreshes: 1, retries: 0 });
  });

  it('uses api_domain from the token response', async () => {
    const { fake, crm } = setup();
    await crm.org();
    expect(fake.state.requests).toEqual(['GET /crm/v8/org']);
  });

  it('reuses the token until 5 minutes before expiry', async () => {
    let now = 1_000_000;
    const { fake, crm } = setup({ clock: () => now });
    await crm.org();
    now += 54 * 60 * 1000;
    await crm.org();
    expect(fake.state.refreshes).toBe(1);
    now += 2 * 60 * 1000; // 56 min: inside the 5-minute margin
    await crm.org();
    expect(fake.state.refreshes).toBe(2);
  });

  it('on 401 INVALID_TOKEN refreshes once and retries the call once', async () => {
    const { fake, crm } = setup();
    await crm.org();
    fake.state.validTokens.clear(); // Zoho revoked / expired the token early
    const org = await crm.org();
    expect(org.company_name).toBe('Kanjo Test');
    expect(fake.state.refreshes).toBe(2);
    expect(crm.stats()).toMatchObject({ calls: 3, refreshes: 2 });
  });

  it('gives up after one refresh when the API keeps answering 401', async () => {
    const { fake, crm } = setup();
    await crm.org();
    fake.state.validTokens.clear();
    fake.state.script.push(() =>
      Response.json(
        { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
        { status: 401 },
      ),
    );
    const error = await crm.org().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'CRM_AUTH_FAILED',
      providerCode: 'INVALID_TOKEN',
      retryable: false,
    });
    expect(fake.state.refreshes).toBe(2);
  });

  it('wrong client secret → CRM_AUTH_FAILED, not retryable, with the provider message', async () => {
    const { fake, crm } = setup({ clientSecret: 'wrong' });
    const error = await crm.org().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'CRM_AUTH_FAILED',
      retryable: false,
      providerCode: 'invalid_client',
      message: 'invalid_client',
    });
    expect(fake.state.requests).toEqual([]);
  });

  it('a failed refresh is not cached: the next caller tries again', async () => {
    const fake = createFakeZoho();
    const tokens = createTokenSource({
      accountsUrl: fake.accountsUrl,
      clientId: 'c',
      clientSecret: 'bad',
      refreshToken: 'rt',
      fetch: fake.fetch,
    });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'CRM_AUTH_FAILED' });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'CRM_AUTH_FAILED' });
    expect(fake.state.refreshes).toBe(2);
  });

  it('exchangeGrantCode returns the refresh token and api_domain; a bad code is CRM_AUTH_FAILED', async () => {
    const fake = createFakeZoho();
    const base = {
      accountsUrl: fake.accountsUrl,
      clientId: 'c',
      clientSecret: FAKE_SECRET,
      fetch: fake.fetch,
    };
    await expect(exchangeGrantCode({ ...base, code: 'good-code' })).resolves.toMatchObject({
      refreshToken: 'rt-new',
      apiDomain: fake.apiDomain,
      expiresInSeconds: 3600,
    });
    await expect(exchangeGrantCode({ ...base, code: 'used' })).rejects.toMatchObject({
      code: 'CRM_AUTH_FAILED',
      providerCode: 'invalid_code',
    });
  });
});
