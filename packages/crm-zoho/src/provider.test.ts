import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoClient } from './client.js';
import { probeMissingScopes } from './scope-probes.js';
import { emulatorForProvider, type EmulatorForProvider } from './testing/emulator-provider.js';

/** The provider's calls over real HTTP (a listening port) against @kanjo/crm-emulator. */
describe('the Zoho provider against the emulator', () => {
  let crm: EmulatorForProvider;
  // The emulator's clock, moved by the tests: records are stamped with it.
  const at = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
  const connect = (grant?: { scopes?: string[] }) => crm.connect(grant);

  beforeAll(async () => {
    crm = await emulatorForProvider();
  });

  afterAll(async () => {
    await crm.close();
  });

  /** Accounts made now, then the clock moved on a minute. */
  async function accounts(client: ZohoClient, names: string[]): Promise<string[]> {
    const made = await client.insert(
      'Accounts',
      names.map((name) => ({ Account_Name: `${name} ${crm.clock.now}` })),
    );
    crm.clock.now += 60_000;
    return made.map((r) => (r.ok ? r.id : ''));
  }

  async function phoneOf(client: ZohoClient, id: string): Promise<unknown> {
    return (await client.getRecord('Accounts', id, ['Phone']))?.Phone;
  }

  it('updates records unchanged since `since` and answers the changed ones as stale', async () => {
    const { client, provider } = await connect();
    const [changed = '', kept = ''] = await accounts(client, ['Changed', 'Kept']);
    const readAt = at(crm.clock.now);
    crm.clock.now += 60_000;
    await client.update('Accounts', [{ id: changed, Phone: '111' }]);
    crm.clock.now += 60_000;
    const results = await provider.updateUnmodified(
      'Accounts',
      [
        { id: changed, Phone: '222' },
        { id: kept, Phone: '333' },
      ],
      readAt,
    );
    expect(results).toEqual([
      expect.objectContaining({ ok: false, code: 'ALREADY_MODIFIED', stale: true }),
      { ok: true, id: kept },
    ]);
    expect(await phoneOf(client, changed)).toBe('111');
    expect(await phoneOf(client, kept)).toBe('333');
  });

  it('answers every record stale when all changed (Zoho says 412), not a failed call', async () => {
    const { client, provider } = await connect();
    const ids = await accounts(client, ['One', 'Two']);
    const readAt = at(crm.clock.now - 120_000);
    const results = await provider.updateUnmodified(
      'Accounts',
      ids.map((id) => ({ id, Phone: '444' })),
      readAt,
    );
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, code: 'ALREADY_MODIFIED', stale: true });
    }
    expect(await phoneOf(client, ids[0] ?? '')).not.toBe('444');
  });

  it('updates whatever changed when no time is given', async () => {
    const { client, provider } = await connect();
    const [id = ''] = await accounts(client, ['Any']);
    await client.update('Accounts', [{ id, Phone: '555' }]);
    const results = await provider.updateUnmodified('Accounts', [{ id, Phone: '666' }], null);
    expect(results).toEqual([expect.objectContaining({ ok: true, id })]);
    expect(await phoneOf(client, id)).toBe('666');
  });

  it('lists the CRM profiles by id and name', async () => {
    const { provider } = await connect();
    const profiles = await provider.profiles();
    expect(profiles).toContainEqual({ id: '900000020', name: 'Administrator' });
    expect(profiles).toContainEqual({ id: '900000021', name: 'Standard' });
    for (const profile of profiles) expect(Object.keys(profile).sort()).toEqual(['id', 'name']);
  });

  it('lists every CRM user with the name and email it has', async () => {
    const { provider } = await connect();
    const email = `sato-${crm.clock.now}@example.jp`;
    await crm.control('/users', { email, name: 'Hanako Sato', profile: 'Standard' });
    const users = await provider.users();
    expect(users).toContainEqual({ id: expect.any(String), name: 'Hanako Sato', email });
    expect(users.length).toBeGreaterThanOrEqual(2);
  });

  it("reads the org's taxes with their rates as decimal text", async () => {
    const { provider } = await connect();
    expect(await provider.taxes()).toEqual([
      { name: 'Consumption Tax', percentage: '10' },
      { name: 'Reduced Consumption Tax', percentage: '8' },
    ]);
  });

  it('finds the records holding any of the values, quotes and backslashes included', async () => {
    const { client, provider } = await connect();
    const tag = String(crm.clock.now);
    const names = [`O'Brien ${tag}`, `Back\\slash ${tag}`, `Plain ${tag}`, `Other ${tag}`];
    await client.insert('Products', [
      { Product_Name: names[0], Product_Code: `A-${tag}` },
      { Product_Name: names[1], Product_Code: `B-${tag}` },
      { Product_Name: names[2], Product_Code: `C-${tag}` },
      { Product_Name: names[3], Product_Code: `D-${tag}` },
    ]);
    const match = { Product_Name: [names[0] ?? '', names[1] ?? ''], Product_Code: [`C-${tag}`] };
    const read = { fields: ['Product_Name', 'Product_Code'], limit: 10 };
    const found = await provider.findAny('Products', match, read);
    expect(found.more).toBe(false);
    expect(found.records.map((r) => r.Product_Name).sort()).toEqual(names.slice(0, 3).sort());
    const first = await provider.findAny('Products', match, { ...read, limit: 2 });
    expect(first).toMatchObject({ more: true, records: [expect.anything(), expect.anything()] });
    const none = { Product_Name: [], Product_Code: [] };
    expect(await provider.findAny('Products', none, read)).toEqual({ records: [], more: false });
  });

  it("reads a module's fields and views", async () => {
    const { provider } = await connect();
    const fields = await provider.fields('Accounts');
    expect(fields).toContainEqual(
      expect.objectContaining({ apiName: 'Account_Name', mandatory: true, custom: false }),
    );
    const views = await provider.views('Accounts');
    expect(views.length).toBeGreaterThan(0);
    expect(views.filter((view) => view.default)).toHaveLength(1);
  });

  it.each([
    [
      ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'],
      ['ZohoCRM.notifications.ALL', 'ZohoCRM.coql.READ'],
    ],
    // A COQL query reads a module: without the modules' scope it is refused too.
    [
      ['ZohoCRM.users.READ', 'ZohoCRM.org.READ', 'ZohoCRM.notifications.ALL', 'ZohoCRM.coql.READ'],
      ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.coql.READ'],
    ],
    [
      [
        'ZohoCRM.modules.ALL',
        'ZohoCRM.settings.ALL',
        'ZohoCRM.users.READ',
        'ZohoCRM.org.READ',
        'ZohoCRM.notifications.ALL',
        'ZohoCRM.coql.READ',
      ],
      [],
    ],
  ])('probing a grant of %j finds %j missing', async (scopes, missing) => {
    const { client } = await connect({ scopes });
    expect(await probeMissingScopes(client)).toEqual(missing);
  });
});
