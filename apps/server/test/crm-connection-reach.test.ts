import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';

/**
 * Connecting and testing read what the CRM user's profile may do per module
 * (Zoho: the current user's profile, then that profile's permissions). A module
 * out of reach is named, and runs leave it out instead of failing on it.
 */

const context = useSyncContexts();

/** The emulator's "Standard" profile: the one the connected test user has. */
async function restrict(s: SyncContext, grant: Record<string, unknown>) {
  await s.call('PUT', '/__emulator/profiles/Standard/permissions', grant);
}

async function withoutQuotesAndDeals(s: SyncContext) {
  await restrict(s, { module: 'Quotes', create: false, edit: false });
  await restrict(s, { module: 'Deals', view: false });
}

const LINE = { name: 'Consulting', quantity: '1', rate: 50000 };

describe('the CRM user’s reach', () => {
  it('is read at connect and at test, and a module out of reach is named', async () => {
    const s = await context();
    const first = await s.owner.get('/api/crm/connection');
    expect(first.json.connection.reach).toMatchObject({
      profile: { id: '900000021', name: 'Standard' },
      outOfReach: [],
      unreadable: null,
      warning: null,
    });

    await withoutQuotesAndDeals(s);
    const tested = await s.owner.post('/api/crm/connection/test');
    expect(tested.status, JSON.stringify(tested.json)).toBe(200);
    const reach = tested.json.connection.reach;
    expect(reach.outOfReach).toEqual([
      { module: 'Deals', missing: ['view'] },
      { module: 'Quotes', missing: ['create', 'edit'] },
    ]);
    expect(reach.warning).toContain('view Deals');
    expect(reach.warning).toContain('create or edit Quotes');
    expect(reach.warning).toContain('Standard');
    // Kept with the connection: the settings page shows it on every load.
    const shown = await s.owner.get('/api/crm/connection');
    expect(shown.json.connection.reach.outOfReach).toEqual(reach.outOfReach);

    // Connecting again (new credentials of the same user) answers with the warning too.
    const connection = shown.json.connection;
    const creds = (await s.call('POST', '/__emulator/clients', {
      email: connection.email,
    })) as Record<string, string>;
    const again = await s.owner.put('/api/crm/connection', {
      email: connection.email,
      apiDomain: connection.apiDomain,
      accountsUrl: connection.accountsUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      refreshToken: creds.refresh_token,
    });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json.connection.reach.outOfReach.map((m: { module: string }) => m.module)).toEqual(
      ['Deals', 'Quotes'],
    );

    // Given back in the CRM, the next test clears the warning.
    await restrict(s, { module: 'Quotes', create: true, edit: true });
    await restrict(s, { module: 'Deals', view: true });
    const cleared = await s.owner.post('/api/crm/connection/test');
    expect(cleared.json.connection.reach).toMatchObject({ outOfReach: [], warning: null });
  });

  it('does not refuse the connection when the CRM will not say: nothing is left out', async () => {
    const s = await context();
    await s.call('POST', '/__emulator/faults', {
      rules: [{ route: 'GET /crm/v8/settings/profiles/*', error500: 1 }],
    });
    const tested = await s.owner.post('/api/crm/connection/test');
    expect(tested.status, JSON.stringify(tested.json)).toBe(200);
    expect(tested.json.connection.reach).toMatchObject({
      profile: { name: 'Standard' },
      outOfReach: [],
      unreadable: expect.any(String),
      warning: null,
    });
  });
});

describe('a run with modules out of reach', () => {
  it('leaves them out with one line in the history and no failure, every run, until given back', async () => {
    const s = await context({ seed: 'demo' });
    await withoutQuotesAndDeals(s);
    await s.owner.post('/api/crm/connection/test');
    const first = await s.sync();
    expect(first.run.status, JSON.stringify(first.run)).toBe('succeeded');
    const customerId = (await s.customers())[0]?.id;
    expect(customerId).toBeDefined();
    const quote = await s.owner.post('/api/quotes', { customerId, lines: [LINE] });
    expect((await s.owner.post(`/api/quotes/${quote.json.id}/send`)).status).toBe(200);

    for (const run of [first, await s.sync(), await s.sync()]) {
      expect(run.run.status).toBe('succeeded');
      expect(run.run.error).toBeNull();
      expect(run.items.filter((item) => item.action === 'failed')).toEqual([]);
      const lines = run.items.filter((item) => item.reason?.startsWith('left out of this run'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ action: 'skipped', crmId: null });
      expect(lines[0]?.reason).toContain('view Deals');
      expect(lines[0]?.reason).toContain('create or edit Quotes');
    }
    // Deals were not read, the quote was not sent: it waits in the outbox.
    expect(await s.t.sql.one('SELECT cast(count(*) AS integer) AS n FROM deals')).toEqual({ n: 0 });
    const queued = await s.t.sql.all<{ local_id: string }>(
      "SELECT local_id FROM crm_outbox WHERE entity = 'quote'",
    );
    expect(queued).toEqual([{ local_id: quote.json.id }]);
    expect((await s.calls())['POST /crm/v8/Quotes/upsert'] ?? 0).toBe(0);

    // Given back and tested: the next run reads Deals and sends the quote.
    await restrict(s, { module: 'Quotes', create: true, edit: true });
    await restrict(s, { module: 'Deals', view: true });
    await s.owner.post('/api/crm/connection/test');
    const back = await s.sync();
    expect(back.run.status).toBe('succeeded');
    expect(back.items.filter((item) => item.reason?.startsWith('left out'))).toEqual([]);
    expect(back.items).toContainEqual(
      expect.objectContaining({ entity: 'quote', localId: quote.json.id, action: 'pushed' }),
    );
    const deals = (await s.t.sql.one('SELECT cast(count(*) AS integer) AS n FROM deals')) as {
      n: number;
    };
    expect(deals.n).toBeGreaterThan(0);
  });
});
