import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

async function withAccounts(names: string[]) {
  const t = await setupEmulator();
  const res = await t.call('POST', '/Accounts', {
    data: names.map((Account_Name) => ({ Account_Name })),
  });
  const ids: string[] = res.json.data.map((item: { details: { id: string } }) => item.details.id);
  return { ...t, ids };
}

describe('GET /{module}?ids=', () => {
  it('answers the records found in the list envelope, unknown ids simply absent', async () => {
    const t = await withAccounts(['Acme', 'Globex', 'Initech']);
    const [acme, , initech] = t.ids;
    const unknown = '5725767000099999999';
    const res = await t.call(
      'GET',
      `/Accounts?ids=${initech},${unknown},${acme}&fields=Account_Name`,
    );
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([
      { Account_Name: 'Initech', id: initech },
      { Account_Name: 'Acme', id: acme },
    ]);
    expect(res.json.info).toMatchObject({ count: 2, page: 1, more_records: false });
  });

  it('answers 204 when none is found, deleted records included', async () => {
    const t = await withAccounts(['Acme']);
    await t.call('DELETE', `/Accounts?ids=${t.ids[0]}`);
    const res = await t.call('GET', `/Accounts?ids=${t.ids[0]},5725767000099999999&fields=id`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('still requires fields', async () => {
    const t = await withAccounts(['Acme']);
    const res = await t.call('GET', `/Accounts?ids=${t.ids[0]}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'fields' },
    });
  });

  it('refuses more than 100 ids with LIMIT_EXCEEDED', async () => {
    const t = await withAccounts(['Acme']);
    const ids = Array.from({ length: 101 }, (_, i) => String(5725767000000000001n + BigInt(i)));
    const res = await t.call('GET', `/Accounts?ids=${ids.join(',')}&fields=id`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 'LIMIT_EXCEEDED',
      details: { param_name: 'ids', limit: 100 },
      message: expect.any(String),
      status: 'error',
    });
    const hundred = await t.call('GET', `/Accounts?ids=${ids.slice(0, 100).join(',')}&fields=id`);
    expect(hundred.status).not.toBe(400);
  });
});
