import type { CrmRecord, CrmWriteResult } from '@kanjo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorForProvider, type EmulatorForProvider } from './testing/emulator-provider.js';

const idsOf = (results: CrmWriteResult[]): string[] =>
  results.map((r) => {
    if (!r.ok) throw new Error(`write failed: ${r.code}`);
    return r.id;
  });

const all = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
};

/** The provider's record calls over real HTTP against @kanjo/crm-emulator. */
describe('the Zoho provider reads and writes records', () => {
  let crm: EmulatorForProvider;
  const at = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');

  beforeAll(async () => {
    crm = await emulatorForProvider();
  });

  afterAll(async () => {
    await crm.close();
  });

  it('lists records changed since a time, oldest change first, or those of a view', async () => {
    const { provider } = await crm.connect();
    const name = (n: string) => ({ Account_Name: `${n} ${crm.clock.now}` });
    const [old = ''] = idsOf(await provider.insert('Accounts', [name('Old')]));
    crm.clock.now += 8 * 24 * 3_600_000;
    const since = at(crm.clock.now);
    crm.clock.now += 60_000;
    const ids = idsOf(await provider.insert('Accounts', [name('X'), name('Y'), name('Z')]));
    const [x = '', y = '', z = ''] = ids;
    for (const id of [y, x, z]) {
      crm.clock.now += 60_000;
      await provider.updateUnmodified('Accounts', [{ id, Phone: String(crm.clock.now) }], null);
    }
    const read = { fields: ['Account_Name'], perPage: 1 };
    const changed = await all(
      provider.list('Accounts', { ...read, modifiedSince: since, oldestChangeFirst: true }),
    );
    expect(changed.map((r) => r.id)).toEqual([y, x, z]);
    const views = await provider.views('Accounts');
    const recent = views.find((v) => v.name.startsWith('Recently Created'))?.id;
    const inView = await all(provider.list('Accounts', { ...read, view: recent }));
    expect(inView.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    expect(inView.map((r) => r.id)).not.toContain(old);
  });

  it('lists deleted records with their id and deletion time, since a time', async () => {
    const { client, provider } = await crm.connect();
    const [before = ''] = idsOf(await provider.insert('Accounts', [{ Account_Name: 'Before' }]));
    await client.deleteRecords('Accounts', [before]);
    crm.clock.now += 60_000;
    const since = at(crm.clock.now);
    crm.clock.now += 60_000;
    const [gone = ''] = idsOf(await provider.insert('Accounts', [{ Account_Name: 'Gone' }]));
    await client.deleteRecords('Accounts', [gone]);
    const deleted = await all(provider.deleted('Accounts', { since }));
    expect(deleted).toEqual([{ id: gone, deletedAt: at(crm.clock.now).replace('.000', '') }]);
    expect((await all(provider.deleted('Accounts'))).map((r) => r.id)).toContain(before);
  });

  it('reads records by id, one or many; a missing one is absent', async () => {
    const { provider } = await crm.connect();
    const ids = idsOf(
      await provider.insert('Contacts', [{ Last_Name: 'Ito' }, { Last_Name: 'Abe' }]),
    );
    const missing = '5725767000099999999';
    expect(await provider.record('Contacts', ids[0] ?? '', ['Last_Name'])).toMatchObject({
      id: ids[0],
      Last_Name: 'Ito',
    });
    expect(await provider.record('Contacts', ids[1] ?? '')).toMatchObject({ Last_Name: 'Abe' });
    expect(await provider.record('Contacts', missing)).toBeUndefined();
    const found = await provider.records('Contacts', [...ids, missing], ['Last_Name']);
    expect(found.map((r) => r.Last_Name)).toEqual(['Ito', 'Abe']);
  });

  it("reads a record's related list", async () => {
    const { provider } = await crm.connect();
    const [account = ''] = idsOf(await provider.insert('Accounts', [{ Account_Name: 'Rel' }]));
    const deals = idsOf(
      await provider.insert('Deals', [
        { Deal_Name: 'One', Stage: 'Qualification', Account_Name: { id: account } },
        { Deal_Name: 'Two', Stage: 'Qualification', Account_Name: { id: account } },
      ]),
    );
    const found = await provider.related('Accounts', account, 'Deals', ['Deal_Name']);
    expect(found.map((r) => r.id).sort()).toEqual([...deals].sort());
  });

  it('searches by conditions (in Zoho’s syntax), email or word, one page of at most `limit`', async () => {
    const { provider } = await crm.connect();
    const tag = String(crm.clock.now);
    const email = `kato-${tag}@example.jp`;
    await provider.insert('Contacts', [
      { Last_Name: `Kato ${tag}`, Email: email },
      { Last_Name: `Kato (${tag}) Jr` },
    ]);
    const read = { fields: ['Last_Name'] };
    const byCriteria = await provider.search(
      'Contacts',
      {
        criteria: {
          all: [
            { field: 'Last_Name', op: 'starts_with', value: 'Kato' },
            { field: 'Last_Name', op: 'equals', value: `Kato (${tag}) Jr` },
          ],
        },
      },
      read,
    );
    expect(byCriteria.records.map((r) => r.Last_Name)).toEqual([`Kato (${tag}) Jr`]);
    const byEmail = await provider.search('Contacts', { email }, read);
    expect(byEmail.records.map((r) => r.Last_Name)).toEqual([`Kato ${tag}`]);
    expect(await provider.search('Contacts', { word: tag }, { ...read, limit: 1 })).toEqual({
      records: [expect.objectContaining({ id: expect.any(String) })],
      more: true,
    });
  });

  it('upserts on the fields named, else inserts', async () => {
    const { provider } = await crm.connect();
    const last = `Mori ${crm.clock.now}`;
    const [made] = await provider.upsert('Contacts', [{ Last_Name: last }], ['Last_Name']);
    const [again] = await provider.upsert(
      'Contacts',
      [{ Last_Name: last, Phone: '9' }],
      ['Last_Name'],
    );
    expect(made).toMatchObject({ ok: true, action: 'insert' });
    expect(again).toEqual({ ...made, action: 'update' });
    const criteria = { field: 'Last_Name', op: 'equals' as const, value: last };
    const found: CrmRecord[] = (await provider.search('Contacts', { criteria }, {})).records;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Phone: '9' });
  });
});
