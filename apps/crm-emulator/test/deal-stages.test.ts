import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

async function setup() {
  const t = await setupEmulator();
  const deal = async (id: string) =>
    (await t.call('GET', `/Deals?ids=${id}&fields=Stage,Probability`)).json.data[0];
  const insert = async (record: Record<string, unknown>) =>
    (await t.call('POST', '/Deals', { data: [record] })).json.data[0].details.id as string;
  return { ...t, deal, insert };
}

describe('a deal’s stage brings its probability through the API', () => {
  it('on insert, unless a probability is given', async () => {
    const t = await setup();
    const plain = await t.insert({ Deal_Name: 'A', Stage: 'Negotiation/Review' });
    expect(await t.deal(plain)).toMatchObject({ Stage: 'Negotiation/Review', Probability: 90 });
    const given = await t.insert({ Deal_Name: 'B', Stage: 'Qualification', Probability: 35 });
    expect(await t.deal(given)).toMatchObject({ Probability: 35 });
  });

  it('on update: Closed Won → 100, Closed Lost → 0; a given probability or the same stage wins', async () => {
    const t = await setup();
    const id = await t.insert({ Deal_Name: 'A', Stage: 'Qualification' });
    await t.call('PUT', '/Deals', { data: [{ id, Stage: 'Closed Won' }] });
    expect(await t.deal(id)).toMatchObject({ Stage: 'Closed Won', Probability: 100 });
    await t.call('PUT', `/Deals/${id}`, { data: [{ Stage: 'Closed Lost' }] });
    expect(await t.deal(id)).toMatchObject({ Stage: 'Closed Lost', Probability: 0 });
    await t.call('PUT', '/Deals', { data: [{ id, Stage: 'Needs Analysis', Probability: 25 }] });
    expect(await t.deal(id)).toMatchObject({ Probability: 25 });
    await t.call('PUT', '/Deals', { data: [{ id, Stage: 'Needs Analysis', Amount: 7 }] });
    expect(await t.deal(id)).toMatchObject({ Probability: 25 });
    await t.call('PUT', '/Deals', { data: [{ id, Probability: 50 }] });
    expect(await t.deal(id)).toMatchObject({ Stage: 'Needs Analysis', Probability: 50 });
  });

  it('on upsert, for the update and the insert', async () => {
    const t = await setup();
    const id = await t.insert({ Deal_Name: 'A', Stage: 'Qualification' });
    const res = await t.call('POST', '/Deals/upsert', {
      data: [
        { Deal_Name: 'A', Stage: 'Closed Won' },
        { Deal_Name: 'New', Stage: 'Value Proposition' },
      ],
    });
    expect(res.json.data.map((d: { action: string }) => d.action)).toEqual(['update', 'insert']);
    expect(await t.deal(id)).toMatchObject({ Probability: 100 });
    expect(await t.deal(res.json.data[1].details.id)).toMatchObject({ Probability: 40 });
  });

  it('leaves other modules alone', async () => {
    const t = await setup();
    const res = await t.call('POST', '/Accounts', {
      data: [{ Account_Name: 'A', Stage: 'Closed Won' }],
    });
    const id = res.json.data[0].details.id;
    const got = await t.call('GET', `/Accounts/${id}`);
    expect(got.json.data[0].Probability).toBeUndefined();
  });
});
