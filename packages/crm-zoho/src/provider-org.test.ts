import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorForProvider, type EmulatorForProvider } from './testing/emulator-provider.js';

const STANDARD = '900000021';

/** The provider's org, user and channel calls over real HTTP against @kanjo/crm-emulator. */
describe('the Zoho provider reads the org and keeps channels', () => {
  let crm: EmulatorForProvider;

  beforeAll(async () => {
    crm = await emulatorForProvider();
  });

  afterAll(async () => {
    await crm.close();
  });

  it('reads the org and the user the connection signs in as, with their profile', async () => {
    const { provider } = await crm.connect();
    expect(await provider.identity()).toEqual({
      org: {
        id: '900000001',
        name: 'Kanjo Demo CRM',
        currency: 'JPY',
        multiCurrency: false,
        timeZone: 'Asia/Tokyo',
      },
      user: {
        id: expect.any(String),
        email: 'admin@kanjo.test',
        name: expect.any(String),
        profile: { id: '900000020', name: 'Administrator' },
      },
    });
  });

  it('takes the base currency from the currencies when multi-currency is on', async () => {
    const own = await emulatorForProvider({
      org: { multiCurrency: true, isoCode: 'INR', currencySymbol: '₹' },
    });
    try {
      const { provider } = await own.connect();
      expect((await provider.identity()).org).toMatchObject({
        currency: 'INR',
        multiCurrency: true,
      });
    } finally {
      await own.close();
    }
  });

  it('reads what a profile may do in each module; a module it does not name, nothing', async () => {
    const { provider } = await crm.connect();
    await crm.control(`/profiles/Standard/permissions`, { module: 'Quotes', edit: false }, 'PUT');
    await crm.control(`/profiles/Standard/permissions`, { module: 'Deals', view: false }, 'PUT');
    const grants = await provider.moduleGrants(STANDARD, ['Accounts', 'Quotes', 'Deals', 'Nope']);
    expect(grants).toEqual({
      Accounts: { view: true, create: true, edit: true },
      Quotes: { view: true, create: true, edit: false },
      Deals: { view: false, create: false, edit: false },
      Nope: { view: false, create: false, edit: false },
    });
  });

  it('names the scopes the grant lacks', async () => {
    const granted = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.users.READ'];
    const { provider } = await crm.connect({ scopes: [...granted, 'ZohoCRM.org.READ'] });
    expect(await provider.missingScopes()).toEqual([
      'ZohoCRM.notifications.ALL',
      'ZohoCRM.coql.READ',
    ]);
  });

  it('lists the active users with their email', async () => {
    const { provider } = await crm.connect();
    const email = `rep-${crm.clock.now}@kanjo.test`;
    await crm.control('/users', { email, name: 'Sales Rep', profile: 'Standard' });
    const users = await provider.activeUsers();
    expect(users).toContainEqual({ id: expect.any(String), email, name: 'Sales Rep' });
    expect(users).toContainEqual(expect.objectContaining({ email: 'admin@kanjo.test' }));
  });

  it('watches, extends and unwatches channels, expiring in whole seconds', async () => {
    const { client, provider, sent } = await crm.connect();
    const notifyUrl = `${crm.baseUrl}/hooks/crm`;
    const expiresAt = new Date(crm.clock.now + 3_600_000 + 250).toISOString();
    const channel = { events: ['Products.all'], expiresAt, token: 'tok', notifyUrl };
    const watched = await provider.watch([
      { ...channel, id: '7001' },
      { ...channel, id: '7002', token: 'x'.repeat(51) },
    ]);
    expect(watched[0]).toEqual({ ok: true, id: '7001' });
    expect(watched[1]).toMatchObject({ ok: false, code: 'INVALID_DATA' });
    const whole = expiresAt.replace(/\.\d{3}Z$/, '+00:00');
    expect(sent).toEqual([
      { watch: [expect.objectContaining({ channel_expiry: whole }), expect.anything()] },
    ]);
    const later = new Date(crm.clock.now + 7_200_000).toISOString();
    const extended = await provider.extendWatch([
      { id: '7001', expiresAt: later, notifyUrl },
      { id: '7999', expiresAt: later, notifyUrl },
    ]);
    expect(extended[0]).toEqual({ ok: true, id: '7001' });
    expect(extended[1]).toMatchObject({ ok: false });
    const { body } = await client.request({ path: '/actions/watch' });
    expect(body).toMatchObject({
      watch: [{ channel_id: '7001', channel_expiry: later.replace('.000Z', '+00:00') }],
    });
    await provider.unwatch(['7001']);
    expect((await client.request({ path: '/actions/watch' })).status).toBe(204);
  });

  it('counts its calls and token refreshes', async () => {
    const { provider } = await crm.connect();
    const before = provider.callStats();
    await provider.profiles();
    await provider.users();
    expect(provider.callStats()).toEqual({ calls: 2, retries: 0, refreshes: 1 });
    expect(before).toEqual({ calls: 0, retries: 0, refreshes: 0 });
  });
});
