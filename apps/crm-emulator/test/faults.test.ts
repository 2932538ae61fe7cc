import { describe, expect, it } from 'vitest';
import { mulberry32, routeMatches } from '../src/faults';
import { setupEmulator } from './support';

async function setup() {
  const t = await setupEmulator();
  const faults = (body: unknown) => t.control('POST', '/faults', body);
  const insert = (name: string) => t.call('POST', '/Accounts', { data: [{ Account_Name: name }] });
  const names = async () =>
    ((await t.call('GET', '/Accounts?fields=Account_Name')).json?.data ?? []).map(
      (r: any) => r.Account_Name,
    );
  return { ...t, faults, insert, names };
}

describe('fault injection', () => {
  it('error500 at rate 1 fails every call without doing the work', async () => {
    const t = await setup();
    expect((await t.faults({ rules: [{ error500: 1 }] })).status).toBe(200);
    const res = await t.insert('Lost');
    expect(res.status).toBe(500);
    expect(res.json).toEqual({
      code: 'INTERNAL_ERROR',
      details: {},
      message: 'Internal Server Error',
      status: 'error',
    });
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(500);
    await t.control('DELETE', '/faults');
    expect(await t.names()).toEqual([]);
    const stats = (await t.control('GET', '/stats')).json;
    expect(stats.faults).toEqual({ '500': 2, '429': 0, slow: 0, dropped: 0 });
    expect(stats.calls['POST /crm/v8/Accounts']).toBe(1);
  });

  it('error429 answers TOO_MANY_REQUESTS, with Retry-After only when asked', async () => {
    const t = await setup();
    await t.faults({ rules: [{ error429: 1 }] });
    const bare = await t.call('GET', '/Accounts?fields=id');
    expect(bare.status).toBe(429);
    expect(bare.json.code).toBe('TOO_MANY_REQUESTS');
    expect(bare.headers.get('Retry-After')).toBeNull();
    await t.faults({ rules: [{ error429: 1 }], retryAfterSeconds: 1 });
    expect((await t.call('GET', '/Accounts?fields=id')).headers.get('Retry-After')).toBe('1');
  });

  it('dropAfterWrite commits the write, then answers 500', async () => {
    const t = await setup();
    await t.faults({ rules: [{ dropAfterWrite: 1 }] });
    const res = await t.insert('Kept');
    expect(res.status).toBe(500);
    expect(res.json.code).toBe('INTERNAL_ERROR');
    // Reads are never dropped.
    expect(await t.names()).toEqual(['Kept']);
    expect((await t.control('GET', '/stats')).json.faults.dropped).toBe(1);
  });

  it('replays the same faults from the same seed', async () => {
    const t = await setup();
    const run = async (seed: number) => {
      await t.faults({ rules: [{ error500: 0.5 }], seed });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++)
        statuses.push((await t.call('GET', '/Accounts?fields=id')).status);
      return statuses;
    };
    const first = await run(42);
    expect(first).toContain(500);
    expect(first).toContain(204);
    expect(await run(42)).toEqual(first);
    expect(await run(7)).not.toEqual(first);
  });

  it('scopes a rule to its route key; {…} matches any segment', async () => {
    const t = await setup();
    await t.faults({ rules: [{ route: 'POST /crm/v8/{module}', error500: 1 }] });
    expect((await t.insert('A')).status).toBe(500);
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
    await t.faults({ rules: [{ route: 'GET /crm/v8/Deals', error500: 1 }] });
    expect((await t.call('GET', '/Deals?fields=id')).status).toBe(500);
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
    expect(routeMatches('GET /crm/v8/Accounts/{id}', 'GET /crm/v8/Accounts/{id}')).toBe(true);
    expect(routeMatches('GET /crm/v8/*', 'GET /crm/v8/Accounts/{id}')).toBe(false);
  });

  it('slows a call by slowMs on real timers', async () => {
    const t = await setup();
    await t.faults({ rules: [{ slowMs: 40 }] });
    const started = Date.now();
    expect((await t.call('GET', '/Accounts?fields=id')).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect((await t.control('GET', '/stats')).json.faults.slow).toBe(1);
  });

  it('applies after auth: a bad token still gets 401', async () => {
    const t = await setup();
    await t.faults({ rules: [{ error500: 1 }] });
    const res = await t.app.request('/crm/v8/Accounts?fields=id', {
      headers: { Authorization: 'Zoho-oauthtoken nope' },
    });
    expect(res.status).toBe(401);
    expect((await t.control('GET', '/stats')).json.faults['500']).toBe(0);
  });

  it('shows, replaces and clears the rules; reset clears them too', async () => {
    const t = await setup();
    const rules = { rules: [{ route: 'GET /crm/v8/Accounts', error429: 0.25 }], seed: 3 };
    await t.faults(rules);
    expect((await t.control('GET', '/faults')).json).toEqual(rules);
    expect((await t.control('DELETE', '/faults')).json).toEqual({ rules: [] });
    expect((await t.control('GET', '/faults')).json).toEqual({ rules: [] });
    await t.faults(rules);
    await t.control('POST', '/reset');
    expect((await t.control('GET', '/faults')).json).toEqual({ rules: [] });
  });

  it.each([
    [{ rules: [{ error500: 2 }] }, 'rules.0.error500'],
    [{ rules: [{ error_500: 1 }] }, 'rules.0.error_500'],
    [{ rules: 'all' }, 'rules'],
    [{ rules: [], seed: 1.5 }, 'seed'],
  ])('refuses %j with 400 naming %s', async (body, path) => {
    const t = await setup();
    const res = await t.faults(body);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain(path);
  });

  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
